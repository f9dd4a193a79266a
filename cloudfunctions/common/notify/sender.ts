/**
 * The outbox sender. Each message goes through explicit steps, each a conditional write:
 *   claim   pending → sending (with a lease, attempt counter and claim id): one sender wins;
 *   grant   spend one grant of the resident for the template, or the message is 'skipped';
 *   send    cloud.openapi.subscribeMessage.send;
 *   record  sent / failed / pending again (transient, with nextAttemptAt) / unknown.
 * At most once: a message is sent only by the sender that claimed it, and a message found in
 * 'sending' after its lease (the sender died between send and record) becomes 'unknown' and is
 * never sent again — WeChat gives one message per grant, and a duplicate cannot be taken back.
 */
import crypto from 'node:crypto';
import type { FlushReport } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import { consumeGrant, holdersOfGrants, returnGrant, subscriptionId, voidGrants } from './grants';
import { OUTBOX, outboxFromDoc, renderMessage, type OutboxMessage } from './message';
import { MAX_ATTEMPTS, classifySendError, retryDelayMs, type SendFailure } from './outcome';
import type { SendFn } from './transport';

/** How long a claim holds: well beyond one send (the function times out at 20 s). */
export const LEASE_MS = 2 * 60_000;
/** Messages per run, sent a few at a time. */
export const BATCH = 100;
const PARALLEL = 5;

export type StepResult = 'sent' | 'skipped' | 'failed' | 'retrying' | 'lost';

export interface SenderDeps {
  db: Database;
  send: SendFn;
  now: Date;
}

const newClaimId = (): string => crypto.randomBytes(8).toString('hex');

/** Step 1. true when this sender now owns the message. */
export async function claim(db: Database, id: string, claimId: string, now: Date): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(OUTBOX)
    .where({ _id: id, status: 'pending' })
    .update({ data: { status: 'sending', claimId, claimedAt: now, leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: _.inc(1) } });
  return res.stats.updated === 1;
}

/** Step 4. Writes the outcome, only if the claim is still ours. */
async function record(db: Database, id: string, claimId: string, fields: Doc): Promise<void> {
  await db.collection(OUTBOX).where({ _id: id, claimId }).update({ data: fields });
}

/** Gives a claimed message back to the queue (only before anything was sent). */
async function release(db: Database, id: string, claimId: string): Promise<void> {
  await db
    .collection(OUTBOX)
    .where({ _id: id, claimId, status: 'sending' })
    .update({ data: { status: 'pending' } });
}

/** Transient failures wait and go back to pending, until MAX_ATTEMPTS. */
export function afterFailure(msg: OutboxMessage, failure: SendFailure, now: Date): Doc {
  const result = { errCode: failure.errCode, errMsg: failure.errMsg };
  const attempts = (msg.attempts ?? 0) + 1;
  if (failure.kind === 'transient' && attempts < MAX_ATTEMPTS) {
    return { status: 'pending', result, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
  }
  return { status: failure.kind === 'unknown' ? 'unknown' : 'failed', result, finishedAt: now };
}

/** The grant after a failure: back when WeChat did not spend it, zeroed when WeChat says there is none. */
async function settleGrant(db: Database, msg: OutboxMessage, failure: SendFailure, now: Date): Promise<void> {
  if (failure.kind === 'rejected' || failure.kind === 'transient') await returnGrant(db, msg.touser, msg.template);
  else if (failure.kind === 'refused') await voidGrants(db, msg.touser, msg.template, now);
  // 'unknown': WeChat may have delivered; the grant stays spent.
}

/** Steps 1–4 for one message read from the outbox. */
export async function processMessage(deps: SenderDeps, msg: OutboxMessage): Promise<StepResult> {
  const { db, now } = deps;
  const claimId = newClaimId();
  if (!(await claim(db, msg._id, claimId, now))) return 'lost';
  let granted: boolean;
  try {
    granted = await consumeGrant(db, msg.touser, msg.template, now);
  } catch (e) {
    // Nothing was sent yet: hand the message back rather than let its lease turn it 'unknown'.
    await release(db, msg._id, claimId).catch(() => undefined);
    throw e;
  }
  if (!granted) {
    await record(db, msg._id, claimId, { status: 'skipped', result: { errCode: 0, errMsg: 'no grant' }, finishedAt: now });
    return 'skipped';
  }
  let failure: SendFailure | undefined;
  try {
    await deps.send(renderMessage(msg, now));
  } catch (e) {
    failure = classifySendError(e);
  }
  if (!failure) {
    await record(db, msg._id, claimId, { status: 'sent', sentAt: now, finishedAt: now, result: { errCode: 0, errMsg: 'ok' } });
    return 'sent';
  }
  await settleGrant(db, msg, failure, now);
  const fields = afterFailure(msg, failure, now);
  await record(db, msg._id, claimId, fields);
  return fields.status === 'pending' ? 'retrying' : 'failed';
}

/** Messages left in 'sending' past their lease: the sender died mid-way. Marked, never resent. */
export async function markAbandoned(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const res = await db
    .collection(OUTBOX)
    .where({ status: 'sending', leaseUntil: _.lt(now) })
    .update({ data: { status: 'unknown', finishedAt: now, result: { errCode: -1, errMsg: 'sender stopped between send and record' } } });
  return res.stats.updated;
}

/**
 * Messages of a batch whose resident holds no grant for the template are marked skipped
 * together, unclaimed (nothing is sent, so there is nothing to guard); the rest go through the
 * steps one by one. A grant given meanwhile is found by the per-message step as before.
 * Answers the messages left to process and how many were skipped.
 */
export async function skipWithoutGrants(db: Database, queue: OutboxMessage[], now: Date): Promise<{ rest: OutboxMessage[]; skipped: number }> {
  const holders = await holdersOfGrants(
    db,
    queue.map((m) => ({ openid: m.touser, template: m.template })),
  );
  const hasGrant = (m: OutboxMessage) => holders.has(subscriptionId(m.touser, m.template));
  const without = queue.filter((m) => !hasGrant(m)).map((m) => m._id);
  if (!without.length) return { rest: queue, skipped: 0 };
  const _ = db.command;
  const res = await db
    .collection(OUTBOX)
    .where({ _id: _.in(without), status: 'pending' })
    .update({ data: { status: 'skipped', result: { errCode: 0, errMsg: 'no grant' }, finishedAt: now } });
  return { rest: queue.filter(hasGrant), skipped: res.stats.updated };
}

/** Pending messages past their expiry (a reminder after the start) are not worth a grant. */
export async function markExpired(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const res = await db
    .collection(OUTBOX)
    .where({ status: 'pending', expiresAt: _.lt(now) })
    .update({ data: { status: 'expired', finishedAt: now } });
  return res.stats.updated;
}

/** Pending messages due now, oldest first. */
export async function duePending(db: Database, now: Date, limit = BATCH): Promise<OutboxMessage[]> {
  const _ = db.command;
  const res = await db
    .collection(OUTBOX)
    .where(
      _.or([
        { status: 'pending', nextAttemptAt: _.exists(false) },
        { status: 'pending', nextAttemptAt: _.lte(now) },
      ]),
    )
    .orderBy('createdAt', 'asc')
    .limit(limit)
    .get();
  return res.data.map(outboxFromDoc);
}

export function emptyReport(): FlushReport {
  return { claimed: 0, sent: 0, skipped: 0, failed: 0, retrying: 0, expired: 0, unknown: 0 };
}

/** Time one run may spend sending before it leaves the rest to the next (the function times out at 20 s). */
export const RUN_BUDGET_MS = 12_000;

/** One sender run: tidy up, then send what is due, a few at a time, batch after batch. */
export async function flushOutbox(deps: SenderDeps): Promise<FlushReport> {
  const report = emptyReport();
  report.unknown = await markAbandoned(deps.db, deps.now);
  report.expired = await markExpired(deps.db, deps.now);
  // Elapsed run time, not the domain clock (which a test may have fixed).
  const started = performance.now();
  for (;;) {
    const due = await duePending(deps.db, deps.now);
    const full = due.length === BATCH;
    const { rest: queue, skipped } = await skipWithoutGrants(deps.db, due, deps.now);
    report.skipped += skipped;
    let progressed = skipped;
    const worker = async () => {
      for (let msg = queue.shift(); msg; msg = queue.shift()) {
        let step: StepResult;
        try {
          step = await processMessage(deps, msg);
        } catch (e) {
          // A database fault mid-way: the message stays claimed and its lease decides (→ unknown).
          console.error(`[notify] message ${msg._id} stopped`, e);
          report.claimed++;
          continue;
        }
        if (step === 'lost') continue;
        progressed++;
        report.claimed++;
        report[step]++;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (!full || progressed === 0 || performance.now() - started > RUN_BUDGET_MS) return report;
  }
}

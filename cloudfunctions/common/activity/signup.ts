/**
 * Sign-up, cancellation, approval and promotion. Every change of seat counters happens in one
 * transaction with the sign-up documents it concerns, on the activity document: concurrent
 * sign-ups serialise on it (conflicts are retried), so seats never oversell, the arrival
 * counter `nextSeq` orders the waitlist, and a freed seat goes to the head exactly once.
 */
import type { FormAnswers, SignupStatus } from '../../../typings';
import type { Database, Transaction } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import { txPut, withTransaction, type RetryOptions } from '../platform/transaction';
import { MAX_FOR_OTHERS, belongsTo, isActive, otherSignupId, ownSignupId, type ActivityDoc, type SignupDoc } from './model';
import { normaliseName, normaliseNote, normalisePhone, validateAnswers } from './form';
import { cancelClosedReason, signupClosedReason } from './windows';
import { placeFor, promotionsDue } from './seats';
import { enqueueConfirmed, enqueuePromoted, wakeSender } from './outbox';
import { queued, txActivity, txSignup } from './store';

const { activities: ACTIVITIES, signups: SIGNUPS } = COLLECTIONS;

/** A popular activity sees hundreds of sign-ups in the same second: say so when retries run out. */
const BUSY: RetryOptions = { conflictMessage: '报名的人太多了，请稍后再试' };

export interface PersonInput {
  name: string;
  phone: string;
  note?: string;
  answers?: FormAnswers;
}

export interface SignupRequest {
  activityId: string;
  openid: string;
  /** Who attends: the resident themself, or a family member / neighbour they sign up. */
  person: PersonInput;
  forOther: boolean;
  now: Date;
  /** Who may sign up for the activity's project (a roster-only contest, vote/eligibility.ts); refuses by throwing. */
  eligibility?: (projectId: string | undefined) => Promise<void>;
}

export interface SignupOutcome {
  status: 'confirmed' | 'waitlisted' | 'pending';
  position?: number;
  signupId: string;
}

/** Thrown inside a transaction when what was read before it went stale; the caller retries. */
class StaleRead extends Error {}

/** A resident's own sign-up made without the form: no name, no phone. */
export const WITHOUT_CONTACT: PersonInput = Object.freeze({ name: '', phone: '' });

function checkedPerson(p: PersonInput, forOther: boolean) {
  if (p === WITHOUT_CONTACT && !forOther) return { name: '', phone: '', note: undefined };
  return { name: normaliseName(p.name), phone: normalisePhone(p.phone), note: normaliseNote(p.note) };
}

/** The sign-up id this request will use: the resident's own, or the first free family slot. */
async function chooseSignupId(tx: Transaction, req: SignupRequest, person: { name: string; phone: string }): Promise<string> {
  if (!req.forOther) {
    const id = ownSignupId(req.activityId, req.openid);
    const existing = await txSignup(tx, id);
    if (existing && isActive(existing.status)) throw new AppError('ALREADY_SIGNED_UP');
    return id;
  }
  let free: string | undefined;
  for (let n = 1; n <= MAX_FOR_OTHERS; n++) {
    const id = otherSignupId(req.activityId, req.openid, n);
    const existing = await txSignup(tx, id);
    if (existing && isActive(existing.status)) {
      if (existing.name === person.name && existing.phone === person.phone) {
        throw new AppError('ALREADY_SIGNED_UP', `${person.name} 已经报过名了`);
      }
    } else if (!free) {
      free = id;
    }
  }
  if (!free) throw new AppError('ALREADY_SIGNED_UP', `每人最多可以为 ${MAX_FOR_OTHERS} 位家人或邻居报名`);
  return free;
}

/**
 * One sign-up: validated outside, placed inside a transaction on the activity. The activity
 * is written before the sign-up documents are read so that a conflicting attempt fails early.
 */
export async function signup(db: Database, req: SignupRequest): Promise<SignupOutcome> {
  const person = checkedPerson(req.person, req.forOther);
  const outcome = await queued(req.activityId, () => signupInTransaction(db, req, person));
  if (outcome.status === 'confirmed') wakeSender();
  return outcome;
}

async function signupInTransaction(db: Database, req: SignupRequest, person: ReturnType<typeof checkedPerson>): Promise<SignupOutcome> {
  return withTransaction(
    db,
    async (tx) => {
      const a = await txActivity(tx, req.activityId);
      const closed = signupClosedReason(a, req.now);
      if (closed) throw new AppError('SIGNUP_CLOSED', closed);
      await req.eligibility?.(a.projectId);
      const answers = validateAnswers(a.fields, req.person.answers);
      const status: SignupStatus = a.approval ? 'pending' : placeFor(a);
      const seq = a.nextSeq ?? 1;
      await tx
        .collection(ACTIVITIES)
        .doc(a._id)
        .update({
          data: {
            nextSeq: seq + 1,
            confirmed: a.confirmed + (status === 'confirmed' ? 1 : 0),
            waitlisted: a.waitlisted + (status === 'waitlisted' ? 1 : 0),
            pending: (a.pending ?? 0) + (status === 'pending' ? 1 : 0),
          },
        });
      const signupId = await chooseSignupId(tx, req, person);
      const doc: SignupDoc = {
        _id: signupId,
        activityId: a._id,
        openid: req.openid,
        forOther: req.forOther,
        ...person,
        status,
        seq,
        createdAt: req.now,
      };
      if (answers) doc.answers = answers;
      if (!doc.note) delete doc.note;
      await txPut(tx, SIGNUPS, { ...doc });
      if (status === 'confirmed') await enqueueConfirmed(tx, a, doc, req.now);
      const outcome: SignupOutcome = { status: status as SignupOutcome['status'], signupId };
      // Everyone waiting arrived earlier (seq is the arrival order), so the new place is last.
      if (status === 'waitlisted') outcome.position = a.waitlisted + 1;
      return outcome;
    },
    BUSY,
  );
}

/** The head of the waitlist as committed now (a query; transactions only read by id). */
async function waitlistHead(db: Database, activityId: string): Promise<string | null> {
  const res = await db.collection(SIGNUPS).where({ activityId, status: 'waitlisted' }).orderBy('seq', 'asc').limit(1).field({ _id: true }).get();
  const head = res.data[0];
  return head ? String(head._id) : null;
}

/**
 * Moves the waitlist head to a seat inside `tx`. The head was found before the transaction;
 * if the snapshot disagrees (someone promoted or cancelled it meanwhile) the attempt is stale.
 */
async function promoteHeadInTx(tx: Transaction, a: ActivityDoc, headId: string | null, now: Date): Promise<string> {
  if (!headId) throw new StaleRead('waitlist counter says someone waits, the query found nobody');
  const head = await txSignup(tx, headId);
  if (!head || head.status !== 'waitlisted') throw new StaleRead('waitlist head moved');
  await tx
    .collection(SIGNUPS)
    .doc(headId)
    .update({ data: { status: 'confirmed', promotedAt: now } });
  await enqueuePromoted(tx, a, { ...head, status: 'confirmed', promotedAt: now }, now);
  return headId;
}

/** Retries `attempt` while it reports a stale read; conflicts are retried inside withTransaction. */
async function retryStale<T>(attempt: () => Promise<T>, times = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof StaleRead) || i >= times) {
        if (e instanceof StaleRead) throw new AppError('CONFLICT');
        throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * i)));
    }
  }
}

export interface CancelRequest {
  activityId: string;
  openid: string;
  signupId?: string;
  now: Date;
}

export interface CancelOutcome {
  status: 'cancelled';
  promoted: number;
}

/**
 * Cancels a sign-up. A confirmed one frees its seat, which goes to the head of the waitlist in
 * the same transaction: the promotion happens exactly once, or the whole cancel is retried.
 */
export async function cancelSignup(db: Database, req: CancelRequest): Promise<CancelOutcome> {
  const signupId = req.signupId ?? ownSignupId(req.activityId, req.openid);
  if (!belongsTo(signupId, req.activityId, req.openid)) throw new AppError('NOT_SIGNED_UP', '没有找到您的这条报名');
  const attempt = async () => {
    const headId = await waitlistHead(db, req.activityId);
    return withTransaction(
      db,
      async (tx) => {
        const a = await txActivity(tx, req.activityId);
        const s = await txSignup(tx, signupId);
        if (!s || !isActive(s.status)) throw new AppError('NOT_SIGNED_UP');
        const closed = cancelClosedReason(a, req.now);
        if (closed) throw new AppError('SIGNUP_CLOSED', closed);
        const counters = {
          confirmed: a.confirmed - (s.status === 'confirmed' ? 1 : 0),
          waitlisted: a.waitlisted - (s.status === 'waitlisted' ? 1 : 0),
          pending: (a.pending ?? 0) - (s.status === 'pending' ? 1 : 0),
        };
        let promoted = 0;
        if (s.status === 'confirmed' && promotionsDue({ capacity: a.capacity, ...counters }) > 0) {
          await promoteHeadInTx(tx, a, headId === signupId ? null : headId, req.now);
          promoted += 1;
          counters.confirmed += 1;
          counters.waitlisted -= 1;
        }
        await tx.collection(ACTIVITIES).doc(a._id).update({ data: counters });
        await tx
          .collection(SIGNUPS)
          .doc(signupId)
          .update({ data: { status: 'cancelled', cancelledAt: req.now } });
        return { status: 'cancelled' as const, promoted };
      },
      BUSY,
    );
  };
  const outcome = await queued(req.activityId, () => retryStale(attempt));
  if (outcome.promoted) wakeSender();
  return outcome;
}

/**
 * Gives free seats to the waitlist one head at a time (after capacity grew), each in its own
 * transaction. Returns the promoted sign-up ids in order.
 */
export async function promoteDue(db: Database, activityId: string, now: Date): Promise<string[]> {
  const promoted: string[] = [];
  for (;;) {
    const next = await retryStale(async () => {
      const headId = await waitlistHead(db, activityId);
      return withTransaction(db, async (tx) => {
        const a = await txActivity(tx, activityId);
        if (a.status === 'cancelled' || promotionsDue(a) === 0) return null;
        const id = await promoteHeadInTx(tx, a, headId, now);
        await tx
          .collection(ACTIVITIES)
          .doc(a._id)
          .update({ data: { confirmed: a.confirmed + 1, waitlisted: a.waitlisted - 1 } });
        return id;
      });
    });
    if (!next) {
      if (promoted.length) wakeSender();
      return promoted;
    }
    promoted.push(next);
  }
}

export interface ReviewRequest {
  activityId: string;
  signupId: string;
  now: Date;
}

async function loadPending(tx: Transaction, req: ReviewRequest): Promise<SignupDoc> {
  const s = await txSignup(tx, req.signupId);
  if (!s || s.activityId !== req.activityId) throw new AppError('NOT_FOUND', '没有找到这条报名');
  if (s.status !== 'pending') throw new AppError('BAD_REQUEST', '这条报名已经审核过了');
  return s;
}

/** 审核通过: the sign-up takes a seat if one is free and nobody waits, else joins the waitlist. */
export async function approveSignup(db: Database, req: ReviewRequest): Promise<{ status: 'confirmed' | 'waitlisted'; seq: number; name: string }> {
  const outcome = await withTransaction(db, async (tx) => {
    const a = await txActivity(tx, req.activityId);
    if (a.status === 'cancelled') throw new AppError('SIGNUP_CLOSED', '活动已取消');
    const s = await loadPending(tx, req);
    const status = placeFor(a);
    await tx
      .collection(ACTIVITIES)
      .doc(a._id)
      .update({
        data: {
          pending: (a.pending ?? 0) - 1,
          confirmed: a.confirmed + (status === 'confirmed' ? 1 : 0),
          waitlisted: a.waitlisted + (status === 'waitlisted' ? 1 : 0),
        },
      });
    await tx
      .collection(SIGNUPS)
      .doc(s._id)
      .update({ data: { status, approvedAt: req.now } });
    if (status === 'confirmed') await enqueueConfirmed(tx, a, { ...s, status }, req.now);
    return { status, seq: s.seq, name: s.name };
  });
  if (outcome.status === 'confirmed') wakeSender();
  return outcome;
}

/** 审核不通过: a pending sign-up held no seat, so only the pending counter changes. */
export async function rejectSignup(db: Database, req: ReviewRequest): Promise<{ status: 'rejected'; name: string }> {
  return withTransaction(db, async (tx) => {
    const a = await txActivity(tx, req.activityId);
    const s = await loadPending(tx, req);
    await tx
      .collection(ACTIVITIES)
      .doc(a._id)
      .update({ data: { pending: (a.pending ?? 0) - 1 } });
    await tx
      .collection(SIGNUPS)
      .doc(s._id)
      .update({ data: { status: 'rejected', rejectedAt: req.now } });
    return { status: 'rejected' as const, name: s.name };
  });
}

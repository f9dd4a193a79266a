/**
 * Grant accounting for one-time subscription messages. WeChat lets a function send one message
 * per "accept" the resident gave for that template (一次授权，一条消息), so we count them per
 * person per template in `subscriptions` (`_id` = openid:template) and every send consumes one
 * with a conditional decrement: two senders can never spend the same grant.
 */
import type { GrantAnswer, TemplateKey } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { asDate, asOptionalDate, insertOnce } from '../platform/documents';

export const SUBSCRIPTIONS = COLLECTIONS.subscriptions;

export interface SubscriptionDoc {
  _id: string;
  openid: string;
  template: TemplateKey;
  /** Unused grants: messages we may still send. */
  count: number;
  accepted: number;
  rejected: number;
  used: number;
  /** The resident turned this template off (answer 'ban'); cleared by a later accept. */
  banned: boolean;
  /** 总是保持以上选择 with accept: WeChat answers 'accept' without asking; still one grant per answer. */
  alwaysAccepted: boolean;
  lastAnswer: GrantAnswer;
  updatedAt: Date;
  refusedAt?: Date;
}

/** A `subscriptions` document as the domain reads it. */
export function subscriptionFromDoc(d: Doc): SubscriptionDoc {
  const doc: SubscriptionDoc = {
    _id: String(d._id),
    openid: String(d.openid ?? ''),
    template: d.template as TemplateKey,
    count: Number(d.count ?? 0),
    accepted: Number(d.accepted ?? 0),
    rejected: Number(d.rejected ?? 0),
    used: Number(d.used ?? 0),
    banned: d.banned === true,
    alwaysAccepted: d.alwaysAccepted === true,
    lastAnswer: d.lastAnswer as GrantAnswer,
    updatedAt: asDate(d.updatedAt),
  };
  const refusedAt = asOptionalDate(d.refusedAt);
  if (refusedAt) doc.refusedAt = refusedAt;
  return doc;
}

export const subscriptionId = (openid: string, template: TemplateKey): string => `${openid}:${template}`;

/** How one answer changes the counters (pure; unit-tested). */
export function grantDelta(answer: GrantAnswer): { count: number; accepted: number; rejected: number; banned: boolean } {
  switch (answer) {
    case 'accept':
      return { count: 1, accepted: 1, rejected: 0, banned: false };
    case 'reject':
      return { count: 0, accepted: 0, rejected: 1, banned: false };
    case 'ban':
      return { count: 0, accepted: 0, rejected: 0, banned: true };
  }
}

export interface GrantInput {
  openid: string;
  template: TemplateKey;
  answer: GrantAnswer;
  alwaysAccepted: boolean;
  now: Date;
}

/**
 * Applies one answer with atomic increments: update the document if it exists, else create it;
 * when two first answers race, the loser's insert hits the duplicate _id and updates instead.
 */
export async function applyGrant(db: Database, g: GrantInput): Promise<void> {
  const _ = db.command;
  const id = subscriptionId(g.openid, g.template);
  const d = grantDelta(g.answer);
  const flags: Record<string, unknown> = { lastAnswer: g.answer, updatedAt: g.now };
  // A reject leaves an earlier 'ban' in place: only an accept means the template is on again.
  if (g.answer !== 'reject') flags.banned = d.banned;
  if (g.alwaysAccepted) flags.alwaysAccepted = true;
  const update = () =>
    db
      .collection(SUBSCRIPTIONS)
      .doc(id)
      .update({ data: { count: _.inc(d.count), accepted: _.inc(d.accepted), rejected: _.inc(d.rejected), ...flags } });
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await update()).stats.updated > 0) return;
    const doc: Omit<SubscriptionDoc, '_id'> & { _id: string } = {
      _id: id,
      openid: g.openid,
      template: g.template,
      count: d.count,
      accepted: d.accepted,
      rejected: d.rejected,
      used: 0,
      banned: d.banned,
      alwaysAccepted: g.alwaysAccepted,
      lastAnswer: g.answer,
      updatedAt: g.now,
    };
    // A first answer racing ours inserted it meanwhile: update that one on the next round.
    if (await insertOnce(db, SUBSCRIPTIONS, doc)) return;
  }
  throw new Error(`grant for ${id} could not be recorded`);
}

/** The resident's subscription documents for some templates. */
export async function readSubscriptions(db: Database, openid: string, templates: readonly TemplateKey[]): Promise<SubscriptionDoc[]> {
  if (templates.length === 0) return [];
  const _ = db.command;
  const ids = templates.map((t) => subscriptionId(openid, t));
  const res = await db
    .collection(SUBSCRIPTIONS)
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get();
  return res.data.map(subscriptionFromDoc);
}

/**
 * Of these (resident, template) pairs, the ones holding at least one unused grant: one query
 * for a sender's batch, so messages to people who gave none are skipped without a round trip
 * each.
 */
export async function holdersOfGrants(db: Database, pairs: { openid: string; template: TemplateKey }[]): Promise<Set<string>> {
  const ids = [...new Set(pairs.map((p) => subscriptionId(p.openid, p.template)))];
  if (!ids.length) return new Set();
  const _ = db.command;
  const res = await db
    .collection(SUBSCRIPTIONS)
    .where({ _id: _.in(ids), count: _.gt(0) })
    .field({ _id: true })
    .limit(ids.length)
    .get();
  return new Set(res.data.map((d) => String(d._id)));
}

/** Unused grants per template (0 for templates never answered). */
export function countsOf(templates: readonly TemplateKey[], docs: SubscriptionDoc[]): Partial<Record<TemplateKey, number>> {
  const out: Partial<Record<TemplateKey, number>> = {};
  for (const t of templates) out[t] = docs.find((d) => d.template === t)?.count ?? 0;
  return out;
}

/** Spends one grant if there is one: true when this caller got it. */
export async function consumeGrant(db: Database, openid: string, template: TemplateKey, now: Date): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(SUBSCRIPTIONS)
    .where({ _id: subscriptionId(openid, template), count: _.gt(0) })
    .update({ data: { count: _.inc(-1), used: _.inc(1), lastUsedAt: now } });
  return res.stats.updated === 1;
}

/** Gives back a grant that WeChat did not spend (it refused the request before sending). */
export async function returnGrant(db: Database, openid: string, template: TemplateKey): Promise<void> {
  const _ = db.command;
  await db
    .collection(SUBSCRIPTIONS)
    .doc(subscriptionId(openid, template))
    .update({ data: { count: _.inc(1), used: _.inc(-1) } });
}

/**
 * WeChat says the resident holds no grant for this template (43101: refused, or turned it off
 * in settings): our count is stale, so it drops to zero and later messages are skipped.
 */
export async function voidGrants(db: Database, openid: string, template: TemplateKey, now: Date): Promise<void> {
  await db
    .collection(SUBSCRIPTIONS)
    .doc(subscriptionId(openid, template))
    .update({ data: { count: 0, refusedAt: now } });
}

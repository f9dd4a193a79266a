/**
 * 签到成功 thank-you message (template checkinThanks), for residents who granted it. The grant is
 * read alongside the check-in's other reads (no added latency); the message goes into the outbox
 * only after the check-in is recorded, and the notify sender spends the grant when it sends.
 * A failure here never fails the check-in: it is already recorded, and the message is a courtesy.
 */
import type { Database } from '../platform/database';
import { enqueue } from '../notify/enqueue';
import { checkinThanksMessage, type ActivityFacts } from '../notify/events';
import { readSubscriptions } from '../notify/grants';
import { requestFlush } from '../notify/transport';

export async function hasThanksGrant(db: Database, openid: string): Promise<boolean> {
  try {
    const [doc] = await readSubscriptions(db, openid, ['checkinThanks']);
    return Boolean(doc && doc.count > 0 && !doc.banned);
  } catch {
    // No subscriptions yet (the collection may not exist): nobody to thank.
    return false;
  }
}

export async function thankForCheckin(db: Database, a: ActivityFacts, openid: string, at: Date, now: Date): Promise<void> {
  try {
    if (await enqueue(db, checkinThanksMessage(a, openid, at, now))) requestFlush();
  } catch (e) {
    console.warn('[checkin] thank-you message not queued', e);
  }
}

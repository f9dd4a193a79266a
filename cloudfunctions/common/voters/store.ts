/**
 * Verified phones (`voter_phones`, one per WeChat account, bound once) and roster entries
 * (`roster_entries`, `_id` = contest:phoneKey). Both are read on the vote's path, so the
 * instance keeps copies: a binding never changes (cached for good); a roster entry is
 * cached for a minute after it was found (a resident taken off the roster by a new import can
 * still vote for up to a minute on a warm instance), and never cached as missing (a resident
 * just imported can vote at once).
 */
import type { Database, Doc } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { asDate, findDoc } from '../platform/documents';
import { BoundedMap, ExpiringMap } from '../platform/memo';

export interface PhoneBinding {
  /** The WeChat account (OPENID). */
  _id: string;
  phoneKey: string;
  phoneMasked: string;
  verifiedAt: Date;
}

export function bindingFromDoc(doc: Doc): PhoneBinding {
  return { _id: String(doc._id), phoneKey: String(doc.phoneKey), phoneMasked: String(doc.phoneMasked ?? ''), verifiedAt: asDate(doc.verifiedAt) };
}

const bindings = new BoundedMap<string, PhoneBinding>(200_000);

/** The phone this WeChat account verified, or null. */
export async function findBinding(db: Database, openid: string): Promise<PhoneBinding | null> {
  const known = bindings.get(openid);
  if (known) return known;
  const doc = await findDoc(db, COLLECTIONS.voterPhones, openid);
  if (!doc) return null;
  const binding = bindingFromDoc(doc);
  bindings.set(openid, binding);
  return binding;
}

export function rememberBinding(binding: PhoneBinding): void {
  bindings.set(binding._id, binding);
}

export function rosterEntryId(contestId: string, phoneKey: string): string {
  return `${contestId}:${phoneKey}`;
}

const ROSTER_TTL_MS = 60_000;
const listed = new ExpiringMap<string, true>(200_000, ROSTER_TTL_MS);

/** Whether the phone (by key) is on the contest's roster. */
export async function onRoster(db: Database, contestId: string, phoneKey: string): Promise<boolean> {
  const id = rosterEntryId(contestId, phoneKey);
  if (listed.get(id)) return true;
  if (!(await findDoc(db, COLLECTIONS.roster, id))) return false;
  listed.set(id, true);
  return true;
}

/** Forgets this instance's copies of a contest's roster entries that a new import removed. */
export function forgetRosterEntries(ids: string[]): void {
  for (const id of ids) listed.delete(id);
}

/**
 * The verifiable ledger's pure parts: receipt codes, salted voter ids, and the hash chain of
 * sealed blocks. Anyone holding the audit file can recompute every hash with these functions.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A short code (10 characters, no look-alike letters) a voter can find in the audit file. */
export function receiptOf(voteId: string, salt: string): string {
  const digest = sha256(`receipt:${salt}:${voteId}`);
  let code = '';
  for (let i = 0; i < 10; i++) code += RECEIPT_ALPHABET[digest[i] % RECEIPT_ALPHABET.length];
  return code;
}

/** The voter as published: a salted hash, the same for all of one person's votes. */
export function voterHash(openid: string, salt: string): string {
  return sha256(`voter:${salt}:${openid}`).toString('hex').slice(0, 16);
}

/** The fields of a row the chain covers, in a fixed order (voiding does not change them). */
export interface ChainRow {
  receipt: string;
  projectId: string;
  day: string;
  at: string;
  voter: string;
  /** An assisted ballot (vote.assisted) and the staff member who recorded it, salted-hashed like the voter. */
  source?: 'assisted';
  staff?: string;
}

/** An online vote's line is unchanged since the first chains; an assisted ballot's adds its source and staff member. */
export function canonicalRow(row: ChainRow): string {
  const fields = [row.receipt, row.projectId, row.day, row.at, row.voter];
  if (row.source === 'assisted') fields.push(row.source, row.staff ?? '');
  return fields.join('|');
}

/** Rows of a block in the fixed order the chain uses: by receipt (unique per vote). */
export function sortForChain<T extends { receipt: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0));
}

/** A void as the chain covers it: voiding appends an entry, it never changes a sealed row. */
export interface ChainVoid {
  receipt: string;
  reason: string;
  at: string;
}

export function canonicalVoid(v: ChainVoid): string {
  return ['void', v.receipt, v.reason, v.at].join('|');
}

/** A block's hash covers the previous block's hash, its number, its rows and then its voids. */
export function blockHash(prevHash: string, seq: number, rows: ChainRow[], voids: ChainVoid[] = []): string {
  const h = createHash('sha256');
  h.update(`${prevHash}\n${seq}\n`);
  for (const row of sortForChain(rows)) h.update(`${canonicalRow(row)}\n`);
  for (const v of sortForChain(voids)) h.update(`${canonicalVoid(v)}\n`);
  return h.digest('hex');
}

export interface ChainBlock {
  seq: number;
  prevHash: string;
  hash: string;
  rows: number;
}

/** Checks a published chain: each block links to the previous and its hash matches its rows. */
export function verifyChain(
  blocks: ChainBlock[],
  rowsByBlock: Map<number, ChainRow[]>,
  voidsByBlock: Map<number, ChainVoid[]> = new Map(),
): { ok: true } | { ok: false; seq: number; why: string } {
  let prev = GENESIS_HASH;
  const sorted = [...blocks].sort((a, b) => a.seq - b.seq);
  for (const [i, block] of sorted.entries()) {
    if (block.seq !== i + 1) return { ok: false, seq: block.seq, why: 'missing block' };
    if (block.prevHash !== prev) return { ok: false, seq: block.seq, why: 'broken link' };
    const rows = rowsByBlock.get(block.seq) ?? [];
    if (rows.length !== block.rows) return { ok: false, seq: block.seq, why: 'row count' };
    if (blockHash(prev, block.seq, rows, voidsByBlock.get(block.seq) ?? []) !== block.hash) return { ok: false, seq: block.seq, why: 'hash mismatch' };
    prev = block.hash;
  }
  return { ok: true };
}

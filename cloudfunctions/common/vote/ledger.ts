/**
 * Sealing the ledger into a hash chain, and the audit views. Never on a vote's hot path: the
 * sealing job runs on a timer and at freeze. A block is claimed by inserting its document
 * first (the duplicate _id stops a second sealer), then its rows (and the void records appended
 * since) are marked with its number, then its hash is written; a crash in between is finished by
 * the next run.
 */
import type { AuditRow, AuditVoid, ContestApi, LedgerBlockView } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import { toIso } from '../platform/time';
import { requiredSecret } from '../platform/secrets';
import { COLLECTIONS } from '../collections';
import { blockId, type BlockDoc } from './model';
import { GENESIS_HASH, blockHash, sortForChain, voterHash, type ChainRow, type ChainVoid } from './chain';
import { asDate, insertOnce } from '../platform/documents';
import { fetchAll } from '../platform/paging';

const BLOCK_ROWS = 1000;
const MAX_BLOCKS_PER_RUN = 200;

/** The salt of the published voter hashes (AUDIT_SALT, at least 16 characters: a short one could be guessed). */
export function auditSalt(): string {
  return requiredSecret('AUDIT_SALT');
}

function chainRowOf(doc: Doc, salt: string): ChainRow {
  const row: ChainRow = {
    receipt: String(doc.receipt),
    projectId: String(doc.projectId),
    day: String(doc.day),
    at: toIso(asDate(doc.at)),
    voter: voterHash(String(doc.openid), salt),
  };
  if (doc.source === 'assisted') {
    row.source = 'assisted';
    row.staff = voterHash(String(doc.staff ?? ''), salt);
  }
  return row;
}

function blockView(doc: Doc): LedgerBlockView {
  return { seq: Number(doc.seq), rows: Number(doc.rows), prevHash: String(doc.prevHash), hash: String(doc.hash), sealedAt: toIso(asDate(doc.sealedAt)) };
}

async function lastBlock(db: Database, contestId: string): Promise<Doc | null> {
  const res = await db.collection(COLLECTIONS.blocks).where({ contestId }).orderBy('seq', 'desc').limit(1).get();
  return res.data[0] ?? null;
}

function chainVoidOf(doc: Doc): ChainVoid {
  return { receipt: String(doc.receipt), reason: String(doc.reason), at: toIso(asDate(doc.at)) };
}

async function rowsOfBlock(db: Database, contestId: string, seq: number): Promise<Doc[]> {
  return fetchAll(db, COLLECTIONS.votes, { contestId, block: seq });
}

async function voidsOfBlock(db: Database, contestId: string, seq: number): Promise<Doc[]> {
  return fetchAll(db, COLLECTIONS.voids, { contestId, block: seq });
}

/** Computes and stores the hash of a claimed block from the rows and voids marked with its number. */
async function finishBlock(db: Database, block: Doc, now: Date, salt: string): Promise<number> {
  const [rows, voids] = await Promise.all([
    rowsOfBlock(db, String(block.contestId), Number(block.seq)),
    voidsOfBlock(db, String(block.contestId), Number(block.seq)),
  ]);
  const hash = blockHash(
    String(block.prevHash),
    Number(block.seq),
    rows.map((r) => chainRowOf(r, salt)),
    voids.map(chainVoidOf),
  );
  await db
    .collection(COLLECTIONS.blocks)
    .doc(String(block._id))
    .update({ data: { hash, rows: rows.length, sealedAt: now } });
  return rows.length;
}

export async function sealLedger(db: Database, contestId: string, now: Date): Promise<{ blocks: number; rows: number; head: LedgerBlockView | null }> {
  const salt = auditSalt();
  const _ = db.command;
  let blocks = 0;
  let rows = 0;
  for (let run = 0; run < MAX_BLOCKS_PER_RUN; run++) {
    const last = await lastBlock(db, contestId);
    if (last && !last.hash) {
      rows += await finishBlock(db, last, now, salt);
      blocks++;
      continue;
    }
    const [unsealed, unsealedVoids] = await Promise.all([
      db
        .collection(COLLECTIONS.votes)
        .where({ contestId, block: _.exists(false) })
        .orderBy('_id', 'asc')
        .limit(BLOCK_ROWS)
        .field({ _id: true })
        .get(),
      db
        .collection(COLLECTIONS.voids)
        .where({ contestId, block: _.exists(false) })
        .orderBy('_id', 'asc')
        .limit(BLOCK_ROWS)
        .field({ _id: true })
        .get(),
    ]);
    if (unsealed.data.length === 0 && unsealedVoids.data.length === 0) break;
    const seq = Number(last?.seq ?? 0) + 1;
    const claim: BlockDoc = { _id: blockId(contestId, seq), contestId, seq, rows: 0, prevHash: String(last?.hash ?? GENESIS_HASH), hash: '', sealedAt: now };
    if (!(await insertOnce(db, COLLECTIONS.blocks, { ...claim }))) break; // another sealer holds this block
    const ids = unsealed.data.map((d) => String(d._id));
    const voidIds = unsealedVoids.data.map((d) => String(d._id));
    if (ids.length)
      await db
        .collection(COLLECTIONS.votes)
        .where({ _id: _.in(ids), block: _.exists(false) })
        .update({ data: { block: seq } });
    if (voidIds.length)
      await db
        .collection(COLLECTIONS.voids)
        .where({ _id: _.in(voidIds), block: _.exists(false) })
        .update({ data: { block: seq } });
    rows += await finishBlock(db, claim, now, salt);
    blocks++;
  }
  const head = await lastBlock(db, contestId);
  return { blocks, rows, head: head && head.hash ? blockView(head) : null };
}

export async function auditHead(db: Database, contestId: string): Promise<ContestApi['audit']['res']> {
  const _ = db.command;
  const [head, count, unsealed] = await Promise.all([
    lastBlock(db, contestId),
    db
      .collection(COLLECTIONS.blocks)
      .where({ contestId, hash: _.neq('') })
      .count(),
    db
      .collection(COLLECTIONS.votes)
      .where({ contestId, block: _.exists(false) })
      .count(),
  ]);
  return { head: head && head.hash ? blockView(head) : null, blocks: count.total, unsealed: unsealed.total };
}

/** A page of the audit file: sealed blocks, their rows (voter salted-hashed), and all voids (with the block that sealed each). */
export async function auditFile(db: Database, contestId: string, fromBlock: number, limitBlocks: number): Promise<ContestApi['auditFile']['res']> {
  const _ = db.command;
  const salt = auditSalt();
  const blockDocs = (
    await db
      .collection(COLLECTIONS.blocks)
      .where({ contestId, seq: _.gte(fromBlock), hash: _.neq('') })
      .orderBy('seq', 'asc')
      .limit(limitBlocks + 1)
      .get()
  ).data;
  const page = blockDocs.slice(0, limitBlocks);
  const rows: AuditRow[] = [];
  const tally: Record<string, number> = {};
  const voided = await fetchAll(db, COLLECTIONS.voids, { contestId });
  const voidedReceipts = new Set(voided.map((v) => String(v.receipt)));
  for (const block of page) {
    const docs = sortForChain((await rowsOfBlock(db, contestId, Number(block.seq))).map((d) => ({ ...chainRowOf(d, salt), block: Number(block.seq) })));
    for (const row of docs) {
      rows.push(row);
      if (!voidedReceipts.has(row.receipt)) tally[row.projectId] = (tally[row.projectId] ?? 0) + 1;
    }
  }
  const voids: AuditVoid[] = voided.map((v) => ({ ...chainVoidOf(v), ...(v.block !== undefined ? { block: Number(v.block) } : {}) }));
  return {
    blocks: page.map(blockView),
    rows,
    voids,
    tally,
    nextBlock: blockDocs.length > limitBlocks ? Number(blockDocs[limitBlocks].seq) : null,
  };
}

/** Appends the record of a void (its `_id` is the vote's, so a vote is voided once); sealed by the next block. */
export async function appendVoid(db: Database, contestId: string, voteId: string, receipt: string, reason: string, at: Date, by: string): Promise<void> {
  await insertOnce(db, COLLECTIONS.voids, { _id: voteId, contestId, receipt, reason, at, by });
}

/**
 * Local CloudBase emulator: the HTTP API that wx-server-sdk / @cloudbase/node-sdk talk to
 * (database, transactions, functions.invokeFunction, wx.openApi, storage), backed by a durable
 * in-memory store. See README.md.
 */
import http from 'http';
import path from 'path';
import { DatabaseActions } from './database';
import { Doc, clone } from './ejson';
import { Engine, LoadReport } from './engine';
import { Faults } from './faults';
import { Dispatcher } from './http';
import { Outbox, OutboxItem } from './outbox';
import { PhoneCodes } from './phone-codes';
import { Storage } from './storage';
import { FindOptions, Id, Mutation, Store } from './store';
import { Transactions } from './transactions';
import { applyModifier, buildUpsert, docId, newId, parseModifier } from './update';
import { dbFailed, duplicateKey } from './errors';
import { Management } from './management';

export type { OutboxItem } from './outbox';
export type { Doc } from './ejson';
export { EmulatorError } from './errors';
export { MARKER_WORDS } from './wxapis';

export interface EmulatorOptions {
  /** Journal, snapshot and storage files live here (created if missing). */
  dataDir: string;
  /** Runs a cloud function for `functions.invokeFunction` (cloud.callFunction from a function). */
  invokeFunction?: (name: string, data: unknown, sessionToken: string) => Promise<unknown>;
  /** Base URL of the server (e.g. http://127.0.0.1:3000) for storage URLs; default: the Host header. */
  publicUrl?: () => string;
  log?: (msg: string) => void;
  /** Compact automatically when the journal exceeds this many bytes (default 128 MiB). */
  compactBytes?: number;
  /** Open transactions are aborted after this long (default 30 s, as in the cloud). */
  transactionTtlMs?: number;
  /**
   * The time db.serverDate() resolves to for a request, by the caller's session token (e.g. the
   * functions host's per-call clock); undefined or absent = the real clock.
   */
  serverTime?: (sessionToken: string) => number | undefined;
  /**
   * Lenient (opt-in; default: env DOORSTEP_EMULATOR=lenient): reads of a missing collection are
   * empty, writes create it, and large repeated scans build indexes by themselves. The default is
   * strict, like a fresh cloud environment: nothing exists until the setup step creates it.
   */
  lenient?: boolean;
  /**
   * A query no declared index covers, on a collection of more than 1,000 documents: 'log'
   * (once per collection and query shape, loudly), 'refuse' (DATABASE_REQUEST_FAILED, tests) or
   * 'ignore'. Default: env DOORSTEP_UNINDEXED, else 'log'.
   */
  unindexed?: 'log' | 'refuse' | 'ignore';
}

/** In-process access to the same store and journal, with Mongo semantics. Writes are durable when they resolve. */
export interface LocalDb {
  collections(): string[];
  insert(collection: string, docs: Doc | Doc[]): Promise<Id[]>;
  find(collection: string, query?: Doc, opts?: FindOptions): Doc[];
  findOne(collection: string, query?: Doc): Doc | undefined;
  count(collection: string, query?: Doc): number;
  /** Mongo update (operators, or plain fields = $set). */
  update(
    collection: string,
    query: Doc,
    update: Doc,
    opts?: { multi?: boolean; upsert?: boolean },
  ): Promise<{ matched: number; updated: number; upsertedId?: Id }>;
  remove(collection: string, query: Doc, opts?: { multi?: boolean }): Promise<number>;
  aggregate(collection: string, pipeline: Doc[]): Doc[];
  /** Declares a single-field equality index (persisted); `_id` is always indexed. */
  ensureIndex(collection: string, field: string): Promise<void>;
  drop(collection: string): Promise<void>;
}

export interface Emulator {
  /** Handles one request whose path starts with /admin (SDK endpoint) or /storage/. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /** Open-API calls recorded, oldest first. */
  outbox(): OutboxItem[];
  /** A phone-number code, as WeChat gives a page for `phone` (redeemed by phonenumber.getPhoneNumber). */
  issuePhoneCode(phone: string): string;
  /** For benchmarks: API round trips, and documents examined by queries. */
  stats(): { requests: number; byAction: Record<string, number>; docsScanned: number };
  resetStats(): void;
  db: LocalDb;
  /** Writes a snapshot atomically and starts a new journal. */
  compact(): Promise<void>;
  /** What startup loaded (documents, journal records, warnings such as a dropped torn tail). */
  loadReport(): LoadReport;
  close(): Promise<void>;
}

function makeLocalDb(engine: Engine): LocalDb {
  const store = engine.store;
  const durableWrite = async (muts: Mutation[]): Promise<void> => {
    await engine.durable(engine.write(muts));
  };
  return {
    collections: () => store.names(),
    async insert(c, docs) {
      const list = (Array.isArray(docs) ? docs : [docs]).map((d) => clone(d));
      const ids = list.map((d) => {
        if (d._id === undefined || d._id === null) d._id = newId();
        return docId(d);
      });
      const seen = new Set<Id>();
      for (const id of ids) {
        if (seen.has(id) || store.get(c, id)) throw duplicateKey(c, id);
        seen.add(id);
      }
      await durableWrite(list.map((doc, i) => ({ c, id: ids[i], doc })));
      return ids;
    },
    find: (c, query = {}, opts = {}) => store.unchecked(() => store.find(c, query, opts)).map((d) => clone(d)),
    findOne: (c, query = {}) => {
      const [d] = store.unchecked(() => store.find(c, query, { limit: 1 }));
      return d && clone(d);
    },
    count: (c, query = {}) => store.unchecked(() => store.count(c, query)),
    async update(c, query, upd, opts = {}) {
      const mod = parseModifier(upd, true);
      const matched = store.unchecked(() => [...store.matching(c, query)]).slice(0, opts.multi ? undefined : 1);
      if (matched.length === 0 && opts.upsert) {
        const created = buildUpsert(query, mod);
        const id = docId(created);
        if (store.get(c, id)) throw duplicateKey(c, id);
        await durableWrite([{ c, id, doc: created }]);
        return { matched: 0, updated: 0, upsertedId: id };
      }
      const muts: Mutation[] = [];
      for (const d of matched) {
        const next = applyModifier(d, mod);
        if (next !== d) muts.push({ c, id: docId(d), doc: next });
      }
      await durableWrite(muts);
      return { matched: matched.length, updated: muts.length };
    },
    async remove(c, query, opts = {}) {
      const matched = store.unchecked(() => [...store.matching(c, query)]).slice(0, opts.multi === false ? 1 : undefined);
      await durableWrite(matched.map((d) => ({ c, id: docId(d), doc: null })));
      return matched.length;
    },
    aggregate: (c, pipeline) => store.unchecked(() => store.aggregate(c, pipeline)).map((d) => clone(d)),
    async ensureIndex(c, field) {
      await engine.durable(engine.ensureIndex(c, field));
    },
    async drop(c) {
      await engine.durable(engine.dropCollection(c));
    },
  };
}

function unindexedFromEnv(): 'log' | 'refuse' | 'ignore' {
  const v = process.env.DOORSTEP_UNINDEXED;
  return v === 'refuse' || v === 'ignore' ? v : 'log';
}

/** What happens when a query no index covers scans a large collection. */
function unindexedScanPolicy(mode: 'log' | 'refuse' | 'ignore', log: (msg: string) => void): Store['onUnindexedScan'] {
  if (mode === 'ignore') return undefined;
  const seen = new Set<string>();
  return (collection, query, size) => {
    const shape = `${collection} ${JSON.stringify(Object.keys(query).sort())}`;
    const what = `unindexed query on ${collection} (${size} documents): ${JSON.stringify(query).slice(0, 300)} — declare an index for it (cloudfunctions/common/collections.ts)`;
    if (mode === 'refuse') throw dbFailed(`[FailedOperation] ${what}`);
    if (seen.has(shape)) return;
    seen.add(shape);
    log(`[emulator] WARNING ${what}`);
  };
}

export async function openEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const engine = Engine.open(path.resolve(opts.dataDir), log, opts.compactBytes);
  const txs = new Transactions(engine, opts.transactionTtlMs);
  const outbox = new Outbox(engine);
  const lenient = opts.lenient ?? process.env.DOORSTEP_EMULATOR === 'lenient';
  engine.store.autoIndex = lenient;
  engine.store.onUnindexedScan = unindexedScanPolicy(opts.unindexed ?? unindexedFromEnv(), log);
  const management = new Management(engine);
  const phoneCodes = new PhoneCodes();
  const dispatcher = new Dispatcher({
    engine,
    database: new DatabaseActions(engine, txs, !lenient),
    outbox,
    management,
    storage: new Storage(path.join(path.resolve(opts.dataDir), 'storage'), () => management.clientMayRead()),
    phoneCodes,
    faults: new Faults(process.env.DOORSTEP_FAULTS, log),
    invokeFunction: opts.invokeFunction,
    publicUrl: opts.publicUrl,
    serverTime: opts.serverTime,
    log,
  });
  return {
    handle: (req, res) => dispatcher.handle(req, res),
    outbox: () => outbox.items(),
    issuePhoneCode: (phone) => phoneCodes.issue(phone),
    stats: () => ({ requests: dispatcher.requests, byAction: { ...dispatcher.byAction }, docsScanned: engine.store.scanned }),
    resetStats: () => {
      dispatcher.requests = 0;
      dispatcher.byAction = {};
      engine.store.scanned = 0;
    },
    db: makeLocalDb(engine),
    compact: () => engine.compact(),
    loadReport: () => engine.report,
    async close() {
      txs.closeAll();
      await engine.close();
    },
  };
}

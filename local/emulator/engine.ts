/**
 * The durable store: the in-memory Store plus its journal and snapshot in the data dir.
 *
 * A write is applied in memory and queued to the journal in the same synchronous step (so
 * the journal order is the apply order); the caller replies only after `durable(seq)`.
 * Startup = load the snapshot, then replay the journals that follow it.
 */
import fs from 'fs';
import path from 'path';
import { Doc, decodeInPlace, decodeValue, encodeStored } from './ejson';
import { Journal, JournalRecord, RecordBody, listJournals, readJournal } from './journal';
import { SNAPSHOT, readSnapshot, writeSnapshot } from './snapshot';
import { Id, Mutation, Store } from './store';

/** Called for every applied document write (transactions keep pre-images with it). */
export type WriteListener = (collection: string, id: Id, prev: Doc | undefined) => void;

export interface LoadReport {
  snapshotDocs: number;
  journalRecords: number;
  /** Problems found (torn tail dropped, …). */
  warnings: string[];
  ms: number;
}

/** By default, compact automatically once the journal grows past this many bytes. */
export const AUTO_COMPACT_BYTES = 128 << 20;

export class Engine {
  readonly store = new Store();
  private journal!: Journal;
  private compacting: Promise<void> | undefined;
  private readonly listeners: WriteListener[] = [];
  report!: LoadReport;

  private constructor(
    readonly dir: string,
    private readonly log: (msg: string) => void,
    private readonly compactBytes: number,
  ) {}

  static open(dir: string, log: (msg: string) => void, compactBytes = AUTO_COMPACT_BYTES): Engine {
    const e = new Engine(dir, log, compactBytes);
    e.load();
    return e;
  }

  onWrite(fn: WriteListener): void {
    this.listeners.push(fn);
  }

  get seq(): number {
    return this.journal.seq;
  }

  /** Applies document writes atomically and journals them. Reply after `durable(seq)`. */
  write(mutations: Mutation[]): number {
    if (mutations.length === 0) return this.journal.seq;
    const body: RecordBody = { m: mutations.map((m) => [m.c, encodeStored(m.id), m.doc ? encodeStored(m.doc) : null]) };
    const seq = this.journal.append(body); // throws if the journal has failed: nothing applied
    const prevs = this.store.apply(mutations);
    if (this.listeners.length) {
      mutations.forEach((m, i) => this.listeners.forEach((fn) => fn(m.c, m.id, prevs[i])));
    }
    this.maybeCompact();
    return seq;
  }

  ensureIndex(collection: string, field: string): number {
    if (this.store.collection(collection).indexes.has(field) || field === '_id') return this.journal.seq;
    const seq = this.journal.append({ ix: [collection, field] });
    this.store.ensureIndex(collection, field);
    return seq;
  }

  createCollection(name: string): number {
    if (this.store.has(name)) return this.journal.seq;
    const seq = this.journal.append({ create: name });
    this.store.collection(name);
    return seq;
  }

  dropCollection(name: string): number {
    if (!this.store.has(name)) return this.journal.seq;
    const c = this.store.collection(name);
    const seq = this.journal.append({ drop: name });
    for (const [id, prev] of c.docs) this.listeners.forEach((fn) => fn(name, id, prev));
    this.store.drop(name);
    return seq;
  }

  /** Resolves once everything up to `seq` (default: everything so far) is on disk. */
  durable(seq?: number): Promise<void> {
    return this.journal.whenDurable(seq);
  }

  /**
   * Writes a snapshot of the current state and starts a new journal generation. The state is
   * frozen synchronously at the rotation point, so the snapshot holds exactly the records of
   * the older journals; those are deleted once the snapshot is in place.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    const run = async (): Promise<void> => {
      const seq = this.journal.seq;
      const newGen = this.journal.gen + 1;
      const data = this.store.freeze();
      const header = {
        v: 1 as const,
        gen: newGen,
        seq,
        collections: this.store.names(),
        indexes: this.store.indexedFields(),
        at: new Date().toISOString(),
      };
      this.journal.rotate(newGen);
      await this.journal.whenDurable(seq);
      await writeSnapshot(this.dir, header, data);
      for (const j of listJournals(this.dir)) if (j.gen < newGen) fs.rmSync(j.file, { force: true });
      this.log(`[emulator] compacted ${data.reduce((n, [, d]) => n + d.length, 0)} documents (journal generation ${newGen})`);
    };
    this.compacting = run().finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  async close(): Promise<void> {
    if (this.compacting) await this.compacting.catch(() => undefined);
    await this.journal.close();
    this.unlock();
  }

  private maybeCompact(): void {
    if (this.compacting || this.journal.bytes < this.compactBytes) return;
    this.compact().catch((e: unknown) => this.log(`[emulator] compaction failed: ${(e as Error).message}`));
  }

  /**
   * One process per data dir: two writers appending to the same journal would corrupt it.
   * A lock left by a dead process is taken over; the same process may reopen (tests do).
   */
  private lock(): void {
    const file = path.join(this.dir, 'LOCK');
    const held = locksHeld.get(file) ?? 0;
    locksHeld.set(file, held + 1);
    if (held > 0) return;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (holder === process.pid) return;
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new Error(`data dir ${this.dir} is in use by process ${holder}`);
      }
      fs.rmSync(file, { force: true });
    }
    throw new Error(`could not lock data dir ${this.dir}`);
  }

  private unlock(): void {
    const file = path.join(this.dir, 'LOCK');
    const held = (locksHeld.get(file) ?? 1) - 1;
    if (held > 0) {
      locksHeld.set(file, held);
      return;
    }
    locksHeld.delete(file);
    try {
      if (Number(fs.readFileSync(file, 'utf8').trim()) === process.pid) fs.rmSync(file, { force: true });
    } catch {
      /* already gone */
    }
  }

  private load(): void {
    const t0 = Date.now();
    fs.mkdirSync(this.dir, { recursive: true });
    this.lock();
    fs.rmSync(path.join(this.dir, `${SNAPSHOT}.tmp`), { force: true });
    const warnings: string[] = [];
    const loaded = readSnapshot(this.dir, (c, doc) => {
      this.store.collection(c).docs.set(doc._id as Id, doc);
    });
    let gen = 1;
    let seq = 0;
    if (loaded) {
      gen = loaded.header.gen;
      seq = loaded.header.seq;
      loaded.header.collections.forEach((c) => this.store.collection(c));
      for (const [c, fields] of Object.entries(loaded.header.indexes)) fields.forEach((f) => this.store.ensureIndex(c, f));
    }
    let records = 0;
    let broken = false;
    for (const j of listJournals(this.dir)) {
      if (j.gen < gen) {
        fs.rmSync(j.file, { force: true }); // superseded by the snapshot
        continue;
      }
      if (broken) {
        // Everything after a damaged record is unacknowledged: set it aside, don't replay it.
        fs.renameSync(j.file, `${j.file}.discarded-${Date.now()}`);
        warnings.push(`journal ${path.basename(j.file)} follows a damaged record: set aside`);
        continue;
      }
      gen = j.gen;
      const r = readJournal(j.file, (rec) => {
        if (rec.s <= seq) return; // already in the snapshot
        if (rec.s !== seq + 1 && seq !== 0) throw new Error(`journal sequence gap at ${rec.s} after ${seq}`);
        this.replay(rec);
        seq = rec.s;
        records++;
      });
      if (r.problem) {
        broken = true;
        const dropped = r.totalBytes - r.validBytes;
        const msg = `journal ${path.basename(j.file)}: ${r.problem} at byte ${r.validBytes}; dropped ${dropped} trailing bytes`;
        warnings.push(msg);
        this.log(`[emulator] WARNING ${msg}`);
        fs.copyFileSync(j.file, `${j.file}.damaged-${Date.now()}`);
        fs.truncateSync(j.file, r.validBytes);
      }
    }
    this.journal = new Journal(this.dir, gen, seq);
    this.report = { snapshotDocs: loaded?.docs ?? 0, journalRecords: records, warnings, ms: Date.now() - t0 };
  }

  private replay(rec: JournalRecord): void {
    if (rec.m) {
      const muts: Mutation[] = rec.m.map(([c, id, doc]) => ({
        c,
        id: decodeValue(id) as Id,
        doc: doc === null ? null : (decodeInPlace(doc) as Doc),
      }));
      this.store.apply(muts);
    }
    if (rec.ix) this.store.ensureIndex(rec.ix[0], rec.ix[1]);
    if (rec.create) this.store.collection(rec.create);
    if (rec.drop) this.store.drop(rec.drop);
  }
}

/** Data-dir locks this process holds, with how many open engines use each. */
const locksHeld = new Map<string, number>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

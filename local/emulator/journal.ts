/**
 * Write-ahead journal with group commit.
 *
 * One record per line: `<crc32 hex8> <byte length> <json>\n`. The length and checksum make a
 * torn or corrupt tail (crash mid-write) detectable; reading stops at the first bad record.
 * Appends are queued synchronously (so journal order = apply order) and a single flusher
 * writes everything queued so far with one write + fdatasync, then resolves the waiters:
 * concurrent requests share one fsync.
 */
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import zlib from 'zlib';
import { scanLines } from './lines';

const write = promisify(fs.write);
const fdatasync = promisify(fs.fdatasync);

/** What one journal record holds (the sequence number is added by the journal). */
export interface RecordBody {
  /** Document writes: [collection, encoded id, encoded doc or null for delete]. */
  m?: Array<[string, unknown, unknown]>;
  /** Index declaration: [collection, field]. */
  ix?: [string, string];
  /** Collection created / dropped. */
  create?: string;
  drop?: string;
}

export interface JournalRecord extends RecordBody {
  s: number;
}

export const journalName = (gen: number): string => `journal-${String(gen).padStart(8, '0')}.log`;

export function listJournals(dir: string): Array<{ gen: number; file: string }> {
  return fs
    .readdirSync(dir)
    .map((f) => /^journal-(\d+)\.log$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ gen: Number(m[1]), file: path.join(dir, m[0]) }))
    .sort((a, b) => a.gen - b.gen);
}

export function encodeRecord(rec: JournalRecord): Buffer {
  const json = Buffer.from(JSON.stringify(rec), 'utf8');
  const crc = zlib.crc32(json).toString(16).padStart(8, '0');
  return Buffer.concat([Buffer.from(`${crc} ${json.length} `, 'latin1'), json, Buffer.from('\n')]);
}

/** Makes a directory entry (new or renamed file) durable. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface ReadResult {
  records: number;
  validBytes: number;
  totalBytes: number;
  /** Why reading stopped early (torn or corrupt record), if it did. */
  problem?: string;
}

function parseLine(line: Buffer): JournalRecord | string {
  const sp1 = line.indexOf(0x20);
  const sp2 = sp1 < 0 ? -1 : line.indexOf(0x20, sp1 + 1);
  if (sp1 !== 8 || sp2 < 0) return 'malformed record header';
  const crc = line.subarray(0, 8).toString('latin1');
  const len = Number(line.subarray(sp1 + 1, sp2).toString('latin1'));
  const body = line.subarray(sp2 + 1);
  if (!Number.isInteger(len) || body.length !== len) return `record length ${body.length} ≠ ${len}`;
  if (zlib.crc32(body).toString(16).padStart(8, '0') !== crc) return 'record checksum mismatch';
  try {
    const rec = JSON.parse(body.toString('utf8')) as JournalRecord;
    if (typeof rec.s !== 'number') return 'record without sequence number';
    return rec;
  } catch {
    return 'record is not JSON';
  }
}

/**
 * Streams the journal's records to `onRecord`. Stops at the first torn/corrupt record and
 * reports where the valid prefix ends.
 */
export function readJournal(file: string, onRecord: (rec: JournalRecord) => void): ReadResult {
  let records = 0;
  let problem: string | undefined;
  const r = scanLines(file, (line) => {
    const parsed = parseLine(line);
    if (typeof parsed === 'string') {
      problem = parsed;
      return false;
    }
    onRecord(parsed);
    records++;
    return true;
  });
  if (!problem && r.trailing) problem = 'incomplete last record (no newline)';
  return { records, validBytes: r.consumed, totalBytes: r.totalBytes, problem };
}

interface Pending {
  fd: number;
  buf: Buffer;
  seq: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class Journal {
  private fd: number;
  private queue: Pending[] = [];
  private waiters: Waiter[] = [];
  private flushing = false;
  private failure: Error | undefined;
  private retired = new Set<number>();
  private lastSeq: number;
  private durableSeq: number;
  /** Bytes in the current journal file (to decide when to compact). */
  bytes: number;
  appendsSinceOpen = 0;

  constructor(
    private readonly dir: string,
    public gen: number,
    lastSeq: number,
  ) {
    const file = path.join(dir, journalName(gen));
    this.fd = fs.openSync(file, 'a');
    this.bytes = fs.fstatSync(this.fd).size;
    fsyncDir(dir);
    this.lastSeq = lastSeq;
    this.durableSeq = lastSeq;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Queues a record; returns its sequence number. Durable once `whenDurable(seq)` resolves. */
  append(body: RecordBody): number {
    if (this.failure) throw this.failure;
    const seq = ++this.lastSeq;
    const buf = encodeRecord({ s: seq, ...body });
    this.queue.push({ fd: this.fd, buf, seq });
    this.bytes += buf.length;
    this.appendsSinceOpen++;
    this.kick();
    return seq;
  }

  /** Resolves once every record up to `seq` is on disk. */
  whenDurable(seq: number = this.lastSeq): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (seq <= this.durableSeq) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /**
   * Starts a new journal file: records appended from now on go there. Records already queued
   * still go to the old file, which is closed once they are flushed.
   */
  rotate(newGen: number): void {
    const fd = fs.openSync(path.join(this.dir, journalName(newGen)), 'a');
    fsyncDir(this.dir);
    this.retired.add(this.fd);
    this.fd = fd;
    // A flush in progress may still be writing to the old file: it closes it when done.
    if (!this.flushing) this.closeIdleRetired();
    this.gen = newGen;
    this.bytes = 0;
    this.appendsSinceOpen = 0;
  }

  async close(): Promise<void> {
    await this.whenDurable().catch(() => undefined);
    for (const fd of this.retired) this.closeRetired(fd);
    fs.closeSync(this.fd);
  }

  private closeRetired(fd: number): void {
    if (!this.retired.delete(fd)) return;
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = true;
    // setImmediate lets every request already read in this loop turn join the same batch.
    setImmediate(() => void this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue;
        this.queue = [];
        let i = 0;
        while (i < batch.length) {
          const fd = batch[i].fd;
          let j = i;
          while (j < batch.length && batch[j].fd === fd) j++;
          const buf = batch.length === 1 ? batch[0].buf : Buffer.concat(batch.slice(i, j).map((p) => p.buf));
          await writeAll(fd, buf);
          await fdatasync(fd);
          i = j;
        }
        this.durableSeq = batch[batch.length - 1].seq;
        this.release();
      }
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e));
      for (const w of this.waiters) w.reject(this.failure);
      this.waiters = [];
    } finally {
      this.flushing = false;
      this.closeIdleRetired();
      if (this.queue.length && !this.failure) this.kick();
    }
  }

  /** Closes retired files that no queued record still needs (never during a flush). */
  private closeIdleRetired(): void {
    for (const fd of [...this.retired]) {
      if (!this.queue.some((p) => p.fd === fd)) this.closeRetired(fd);
    }
  }

  private release(): void {
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.seq <= this.durableSeq) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}

async function writeAll(fd: number, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await write(fd, buf, off, buf.length - off, null);
    off += bytesWritten;
  }
}

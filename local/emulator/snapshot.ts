/**
 * Snapshot file: one JSON line per document, between a header and an end marker.
 * Written to a temp file, fsynced, then renamed over the old one (atomic on POSIX), so a crash
 * leaves either the old or the new snapshot, never a partial one.
 */
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { Doc, decodeInPlace, encodeStored } from './ejson';
import { fsyncDir } from './journal';
import { scanLines } from './lines';

const write = promisify(fs.write);
const fsync = promisify(fs.fsync);

export const SNAPSHOT = 'snapshot.jsonl';

export interface SnapshotHeader {
  v: 1;
  /** Journal generation that continues this snapshot. */
  gen: number;
  /** Last journal sequence number included. */
  seq: number;
  collections: string[];
  indexes: Record<string, string[]>;
  at: string;
}

/** Writes the snapshot in chunks, yielding to the event loop so requests keep flowing. */
export async function writeSnapshot(dir: string, header: SnapshotHeader, data: Array<[string, Doc[]]>): Promise<void> {
  const tmp = path.join(dir, `${SNAPSHOT}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    let parts: string[] = [JSON.stringify(header)];
    let size = 0;
    let count = 0;
    const flush = async (): Promise<void> => {
      const buf = Buffer.from(parts.join('\n') + '\n', 'utf8');
      parts = [];
      size = 0;
      let off = 0;
      while (off < buf.length) off += (await write(fd, buf, off, buf.length - off, null)).bytesWritten;
    };
    for (const [c, docs] of data) {
      for (const d of docs) {
        const line = JSON.stringify({ c, d: encodeStored(d) });
        parts.push(line);
        size += line.length;
        count++;
        if (size > 1 << 20) await flush();
      }
    }
    parts.push(JSON.stringify({ end: count }));
    await flush();
    await fsync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, SNAPSHOT));
  fsyncDir(dir);
}

export interface LoadedSnapshot {
  header: SnapshotHeader;
  docs: number;
}

/** Streams the snapshot's documents to `onDoc`. Returns undefined when there is none. */
export function readSnapshot(dir: string, onDoc: (collection: string, doc: Doc) => void): LoadedSnapshot | undefined {
  const file = path.join(dir, SNAPSHOT);
  if (!fs.existsSync(file)) return undefined;
  let header: SnapshotHeader | undefined;
  let docs = 0;
  let ended = false;
  scanLines(file, (line) => {
    const rec = JSON.parse(line.toString('utf8')) as { c?: string; d?: unknown; end?: number; v?: number };
    if (!header) {
      header = rec as unknown as SnapshotHeader;
      return true;
    }
    if (typeof rec.end === 'number') {
      ended = rec.end === docs;
      return false;
    }
    onDoc(String(rec.c), decodeInPlace(rec.d) as Doc);
    docs++;
    return true;
  });
  // The rename makes a partial snapshot impossible; this guards against outside damage.
  if (!header || !ended) throw new Error(`snapshot ${file} is incomplete or damaged`);
  return { header, docs };
}

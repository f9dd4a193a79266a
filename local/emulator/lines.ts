/**
 * Streams a file line by line in large chunks (startup reads millions of lines: no readline,
 * no whole-file buffer). `onLine` gets each line without its newline; returning false stops.
 */
import fs from 'fs';

export interface ScanResult {
  /** Bytes up to and including the last line that was accepted. */
  consumed: number;
  totalBytes: number;
  /** Bytes after the last newline (a torn last line), 0 if the file ends with a newline. */
  trailing: number;
  stopped: boolean;
}

export function scanLines(file: string, onLine: (line: Buffer) => boolean): ScanResult {
  const fd = fs.openSync(file, 'r');
  try {
    const totalBytes = fs.fstatSync(fd).size;
    const chunk = Buffer.allocUnsafe(4 << 20);
    let carry: Buffer = Buffer.alloc(0);
    let pos = 0;
    let consumed = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos);
      if (n === 0) break;
      pos += n;
      const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl < 0) break;
        if (!onLine(buf.subarray(start, nl))) return { consumed, totalBytes, trailing: 0, stopped: true };
        consumed += nl + 1 - start;
        start = nl + 1;
      }
      carry = Buffer.from(buf.subarray(start)); // copy: `chunk` is reused by the next read
    }
    return { consumed, totalBytes, trailing: carry.length, stopped: false };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Transactions as CloudBase has them: single-document reads and writes, snapshot isolation,
 * first writer wins.
 *
 * - Reads see the database as of the transaction's start: when anyone else writes a document
 *   after that, the transaction keeps the document's pre-image.
 * - A transaction's writes are buffered and applied atomically (one journal record) at commit.
 * - Writing a document that another open transaction has written, or that someone changed
 *   after this transaction started, fails at once with DATABASE_TRANSACTION_CONFLICT (which
 *   runTransaction retries). Plain writes to a document locked by a transaction wait.
 * - A transaction not committed within 30 s is aborted.
 */
import crypto from 'crypto';
import { Doc } from './ejson';
import { Engine } from './engine';
import { duplicateKey, transactionConflict, transactionNotExist } from './errors';
import { Id, Mutation } from './store';

export const TRANSACTION_TTL_MS = 30_000;

export const docKey = (c: string, id: Id): string => `${c}\u0000${typeof id}\u0000${id}`;

interface Tx {
  id: string;
  writes: Map<string, Mutation>;
  /** Documents changed by others since start: their state as of the start. */
  preImages: Map<string, Doc | undefined>;
  timer: NodeJS.Timeout;
}

export class Transactions {
  private readonly open = new Map<string, Tx>();
  private readonly locks = new Map<string, string>();
  private readonly unlockWaiters = new Map<string, Array<() => void>>();

  constructor(
    private readonly engine: Engine,
    private readonly ttlMs: number = TRANSACTION_TTL_MS,
  ) {
    engine.onWrite((c, id, prev) => {
      if (this.open.size === 0) return;
      const key = docKey(c, id);
      for (const tx of this.open.values()) if (!tx.preImages.has(key)) tx.preImages.set(key, prev);
    });
  }

  start(): string {
    const id = crypto.randomBytes(16).toString('hex');
    const timer = setTimeout(() => this.abort(id), this.ttlMs);
    timer.unref();
    this.open.set(id, { id, writes: new Map(), preImages: new Map(), timer });
    return id;
  }

  private tx(id: string): Tx {
    const tx = this.open.get(id);
    if (!tx) throw transactionNotExist(id);
    return tx;
  }

  /** The document as this transaction sees it. */
  get(txId: string, c: string, id: Id): Doc | undefined {
    const tx = this.tx(txId);
    const key = docKey(c, id);
    const own = tx.writes.get(key);
    if (own) return own.doc ?? undefined;
    if (tx.preImages.has(key)) return tx.preImages.get(key);
    return this.engine.store.get(c, id);
  }

  private lock(tx: Tx, key: string): void {
    const holder = this.locks.get(key);
    if ((holder && holder !== tx.id) || tx.preImages.has(key)) throw transactionConflict();
    this.locks.set(key, tx.id);
  }

  insert(txId: string, c: string, doc: Doc, id: Id): void {
    const tx = this.tx(txId);
    const key = docKey(c, id);
    if (this.get(txId, c, id) || this.engine.store.get(c, id)) throw duplicateKey(c, id);
    this.lock(tx, key);
    tx.writes.set(key, { c, id, doc });
  }

  /** Buffers the new state of one document (`null` = delete). */
  put(txId: string, c: string, id: Id, doc: Doc | null): void {
    const tx = this.tx(txId);
    const key = docKey(c, id);
    this.lock(tx, key);
    tx.writes.set(key, { c, id, doc });
  }

  /** Applies the buffered writes atomically. Returns the journal sequence to wait for. */
  commit(txId: string): number {
    const tx = this.tx(txId);
    this.close(tx);
    return this.engine.write([...tx.writes.values()]);
  }

  abort(txId: string): void {
    const tx = this.open.get(txId);
    if (tx) this.close(tx);
  }

  isLocked(key: string): boolean {
    return this.locks.has(key);
  }

  /** Resolves when the document is no longer locked by a transaction. */
  waitUnlocked(key: string): Promise<void> {
    if (!this.locks.has(key)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.unlockWaiters.get(key) ?? [];
      list.push(resolve);
      this.unlockWaiters.set(key, list);
    });
  }

  openCount(): number {
    return this.open.size;
  }

  private close(tx: Tx): void {
    clearTimeout(tx.timer);
    this.open.delete(tx.id);
    for (const key of tx.writes.keys()) {
      if (this.locks.get(key) !== tx.id) continue;
      this.locks.delete(key);
      const waiters = this.unlockWaiters.get(key);
      if (waiters) {
        this.unlockWaiters.delete(key);
        waiters.forEach((w) => w());
      }
    }
  }

  /** Aborts everything (shutdown). */
  closeAll(): void {
    for (const tx of [...this.open.values()]) this.close(tx);
  }
}

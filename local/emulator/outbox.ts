/**
 * Record of the WeChat open-API calls that functions made, kept in the store (collection
 * `_outbox`) so it is journaled and survives restarts.
 */
import { Doc, Value } from './ejson';
import { Engine } from './engine';

export const OUTBOX_COLLECTION = '_outbox';

export interface OutboxItem {
  api: string;
  params: unknown;
  at: string /* ISO */;
  /** WeChat's errcode for the call (0 = accepted). */
  errCode?: number;
  /** The calling process's TCB_SESSIONTOKEN (the functions host sets one per call). */
  sessionToken?: string;
}

const snakeToCamel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Top-level keys back to the camelCase that functions wrote (the SDK sends snake_case). */
export function camelParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[snakeToCamel(k)] = v;
  return out;
}

export class Outbox {
  private counter = 0;

  constructor(private readonly engine: Engine) {}

  /** Records one call; returns the journal sequence to wait for. */
  record(item: OutboxItem): number {
    // Sortable id: time, then a per-process counter.
    const id = `${String(Date.now()).padStart(15, '0')}-${String(this.counter++).padStart(9, '0')}`;
    const doc: Doc = { _id: id, ...(JSON.parse(JSON.stringify(item)) as Record<string, Value>) };
    return this.engine.write([{ c: OUTBOX_COLLECTION, id, doc }]);
  }

  items(): OutboxItem[] {
    const docs = this.engine.store.find(OUTBOX_COLLECTION, {}, { order: { _id: 1 } });
    return docs.map((d) => {
      const item: OutboxItem = { api: String(d.api), params: d.params, at: String(d.at) };
      if (typeof d.errCode === 'number') item.errCode = d.errCode;
      if (typeof d.sessionToken === 'string' && d.sessionToken) item.sessionToken = d.sessionToken;
      return item;
    });
  }
}

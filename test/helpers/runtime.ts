/**
 * Starts the local runtime in-process for a test file: a fresh data dir, no demo data, and
 * a client that calls functions over HTTP as a given resident, at a given time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionName, Envelope, FunctionName, ReqOf, ResOf } from '../../typings';
import { startRuntime, type Runtime } from '../../local/runtime';

export interface CallAs {
  openid?: string;
  now?: string | Date;
}

export const ADMIN = 'admin-1';

export interface TestRuntime {
  url: string;
  runtime: Runtime;
  dataDir: string;
  /** Untyped call: any function, any body (for hostile-input tests). */
  call<T = unknown>(fn: string, data: unknown, as?: CallAs): Promise<Envelope<T>>;
  /** Typed call through the contract map. */
  api<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, params: ReqOf<F, A>, as?: CallAs): Promise<Envelope<ResOf<F, A>>>;
  outbox(): Promise<{ api: string; params: Record<string, unknown>; at: string }[]>;
  /** A code as WeChat's phone-number button gives a page (for vote.verifyPhone). */
  phoneCode(phone: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestRuntime(opts: { env?: Record<string, string>; seed?: 'demo' | 'none'; setup?: boolean } = {}): Promise<TestRuntime> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-test-'));
  const runtime = await startRuntime({
    port: 0,
    dataDir,
    seed: opts.seed ?? 'none',
    env: { ADMIN_OPENIDS: ADMIN, ...opts.env },
    preview: false,
    quiet: true,
    setup: opts.setup,
    // A query on a large collection that no declared index serves fails the test.
    unindexed: 'refuse',
  });
  const call = async <T>(fn: string, data: unknown, as: CallAs = {}): Promise<Envelope<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as.openid) headers['x-openid'] = as.openid;
    if (as.now) headers['x-now'] = as.now instanceof Date ? as.now.toISOString() : as.now;
    const res = await fetch(`${runtime.url}/api/call/${fn}`, { method: 'POST', headers, body: JSON.stringify(data) });
    return (await res.json()) as Envelope<T>;
  };
  return {
    url: runtime.url,
    runtime,
    dataDir,
    call,
    api: (fn, action, params, as) => call(fn, { action, ...(params as object) }, as),
    async outbox() {
      const res = await fetch(`${runtime.url}/api/outbox`);
      return ((await res.json()) as { items: { api: string; params: Record<string, unknown>; at: string }[] }).items;
    },
    async phoneCode(phone) {
      const res = await fetch(`${runtime.url}/api/phone-code`, { method: 'POST', body: JSON.stringify({ phone }) });
      return ((await res.json()) as { code: string }).code;
    },
    async stop() {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Unwraps a success or fails the test with the envelope's code and message. */
export function expectOk<T>(res: Envelope<T>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.code}: ${res.message}`);
  return res.data;
}

/** 'OK' or the error code, so a test can compare outcomes in one expect. */
export function codeOf(res: Envelope<unknown>): string {
  return res.ok ? 'OK' : res.code;
}

/** The app's data as text (the emulator's own `_outbox` of open-API calls left out): any write changes it. */
export function appData(rt: TestRuntime, opts: { idsOnlyIn?: string[] } = {}): string {
  const db = rt.runtime.emulator.db;
  // idsOnlyIn: collections whose documents change in the background (the outbox, as the sender
  // works): only which documents exist is compared there.
  const docsOf = (c: string) =>
    db
      .find(c)
      .sort((a, b) => String(a._id).localeCompare(String(b._id)))
      .map((d) => (opts.idsOnlyIn?.includes(c) ? d._id : d));
  return JSON.stringify(
    db
      .collections()
      .filter((c) => !c.startsWith('_'))
      .sort()
      .map((c) => [c, docsOf(c)]),
  );
}

/** The msgSecCheck calls sent since the outbox held `n` calls. */
export async function textChecksSince(rt: TestRuntime, n: number) {
  return (await rt.outbox()).slice(n).filter((o) => o.api === 'security.msgSecCheck');
}

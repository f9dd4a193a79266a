/**
 * How the benchmarks call the functions host. `caller` is for set-up calls; `load` fires the
 * measured crowd from a worker thread, so the runtime's thread spends its time serving, as
 * it would with residents' phones on the other end, not also playing the crowd.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export type Envelope = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };

export interface CallSpec {
  fn: string;
  data: Record<string, unknown>;
  openid?: string;
}

export interface LoadRequest {
  url: string;
  calls: CallSpec[];
  concurrency: number;
  /** X-Now of every call (the call's clock). */
  now?: string;
}

export interface LoadResult {
  replies: Envelope[];
  ms: number;
}

export function callHeaders(openid: string | undefined, now: string | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(openid ? { 'x-openid': openid } : {}),
    ...(now ? { 'x-now': now } : {}),
  };
}

/** One call at a time from this thread: `call(fn, data, openid?)`. */
export function caller(url: string, now?: string) {
  return async (fn: string, data: Record<string, unknown>, openid?: string): Promise<Envelope> => {
    const res = await fetch(`${url}/api/call/${fn}`, { method: 'POST', headers: callHeaders(openid, now), body: JSON.stringify(data) });
    return (await res.json()) as Envelope;
  };
}

/** Runs `calls` with at most `concurrency` in flight from a worker thread; replies in order. */
export function load(req: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The worker is TypeScript too: it registers tsx's require hook, then loads the file.
    const entry = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(path.join(__dirname, 'load-worker.ts'))});`;
    const worker = new Worker(entry, { eval: true, workerData: req });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

/** Off the cloud, node-sdk probes a metadata host before each request unless told where it runs. */
export function declareCloudPlatform(): void {
  process.env.TENCENTCLOUD = 'true';
}

/**
 * Runs test/support/runtime-main.ts (empty, no preview) as a child process (node --import tsx, so that the pid we
 * kill is the server itself), on a given data dir; kill -9 and restart it. Every child and
 * data dir is tracked so that afterAll (cleanUp) can kill and remove whatever is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadReport } from '../../../local/emulator/engine';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVE = path.join(ROOT, 'test', 'support', 'runtime-main.ts');
const live = new Set<ChildProcess>();
const dataDirs: string[] = [];

export interface ChildRuntime {
  url: string;
  pid: number;
  report: LoadReport;
  /** Output of the child so far (stderr), for failure messages. */
  logs(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export async function startChild(dataDir: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ChildRuntime> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, dataDir, 'none', '--no-preview'], {
    cwd: ROOT,
    env: { ...process.env, ADMIN_OPENIDS: 'admin-1', DOORSTEP_FAULTS: '', TENCENTCLOUD: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const { url, report } = await new Promise<{ url: string; report: LoadReport }>((resolve, reject) => {
    let out = '';
    let report: LoadReport | undefined;
    const timer = setTimeout(() => reject(new Error(`runtime did not start in ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const loaded = /LOADED (.+)\n/.exec(out);
      if (loaded && !report) report = JSON.parse(loaded[1]) as LoadReport;
      const ready = /READY (\S+)/.exec(out);
      if (ready && report) {
        clearTimeout(timer);
        resolve({ url: ready[1], report });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited (${String(code ?? signal)}) before it was ready\n${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid ?? -1,
    report,
    logs: () => stderr,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited(child), new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited(child);
      }
    },
  };
}

/** For afterAll: kill -9 every child still running. */
export async function killAllChildren(): Promise<void> {
  const all = [...live];
  for (const c of all) c.kill('SIGKILL');
  await Promise.all(all.map(exited));
}

/** An empty data dir in the system's temp dir, removed by cleanUp. */
export function freshDataDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `doorstep-${name}-`));
  dataDirs.push(dir);
  return dir;
}

/** For afterAll: kill -9 every child still running, then remove the data dirs of freshDataDir. */
export async function cleanUp(): Promise<void> {
  await killAllChildren();
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface Reply<T = unknown> {
  ok: boolean;
  code?: string;
  message?: string;
  data?: T;
}

/** POST /api/call/<fn> as a given caller at a given time. */
export async function callAt<T = unknown>(url: string, fn: string, data: unknown, openid: string, now: string): Promise<Reply<T>> {
  const res = await fetch(`${url}/api/call/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid, 'x-now': now },
    body: JSON.stringify(data),
  });
  return (await res.json()) as Reply<T>;
}

/** The reply's data, or a throw naming the call (`what`) and its error code. */
export async function must<T>(what: string, p: Promise<Reply<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${what}: ${String(r.code)} ${String(r.message)}`);
  return r.data as T;
}

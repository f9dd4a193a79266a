/**
 * The local runtime in a child process (fresh data dir), plus a small JSON POST helper that
 * works in any jest environment.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface RuntimeProcess {
  url: string;
  stop(): Promise<void>;
}

/** True when the runtime and the built functions the pages call are present. */
export function runtimeAvailable(functions: string[] = ['contest', 'activity']): boolean {
  return fs.existsSync(path.join(ROOT, 'local', 'runtime.ts')) && functions.every((f) => fs.existsSync(path.join(ROOT, 'cloudfunctions', f, 'index.js')));
}

export async function spawnRuntime(seed: 'demo' | 'none' = 'demo', timeoutMs = 60_000): Promise<RuntimeProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-rt-'));
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(__dirname, 'runtime-main.ts'), dataDir, seed], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime did not start in ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited with ${String(code)}\n${stderr}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A file into the runtime's storage as a phone's uploader puts it (PUT to the upload URL), for
 * tests in environments where the server SDK does not run (jsdom); answers a cloud:// fileID.
 */
export function putStorageFile(baseUrl: string, cloudPath: string, data: Buffer): Promise<string> {
  const url = `${baseUrl}/storage/upload/local/${cloudPath.split('/').map(encodeURIComponent).join('/')}`;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'PUT', headers: { 'content-length': String(data.length) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(`cloud://local.test/${cloudPath}`) : reject(new Error(`upload ${cloudPath}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(data);
  });
}

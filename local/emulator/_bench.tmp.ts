import http from 'http';
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emb-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'local/emulator/server.ts'], { env: { ...process.env, PORT: '0', DOORSTEP_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.on('data', async (b: Buffer) => {
  const m = /listening on (\d+)/.exec(b.toString());
  if (!m) return;
  const port = Number(m[1]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.CONC ?? 64) });
  const post = (body: unknown) => new Promise<void>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path: '/admin?env=x', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject); req.end(data);
  });
  const N = Number(process.env.N ?? 20000);
  const t0 = Date.now();
  let i = 0;
  const worker = async () => { while (i < N) { const k = i++; await post({ action: 'database.insertDocument', collectionName: 'b', data: [JSON.stringify({ _id: 'k' + k, v: { $numberInt: String(k) }, s: 'some text here' })] }); } };
  await Promise.all(Array.from({ length: Number(process.env.CONC ?? 64) }, worker));
  const ms = Date.now() - t0;
  console.log(`${N} inserts in ${ms} ms = ${Math.round(N / ms * 1000)}/s`);
  child.kill('SIGKILL'); agent.destroy();
  const t1 = Date.now();
  const c2 = spawn(process.execPath, ['--import', 'tsx', 'local/emulator/server.ts'], { env: { ...process.env, PORT: '0', DOORSTEP_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  c2.stdout.on('data', (b2: Buffer) => { process.stdout.write(b2); if (/listening/.test(b2.toString())) { console.log('restart', Date.now() - t1, 'ms'); c2.kill('SIGKILL'); fs.rmSync(dir, { recursive: true, force: true }); } });
});

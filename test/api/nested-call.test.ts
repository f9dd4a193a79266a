/**
 * A function that calls another through wx-server-sdk (cloud.callFunction goes through the
 * emulator) keeps the caller's identity and clock, as in the cloud.
 */
import { createCollections } from '../emulator/harness';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmulator, type Emulator } from '../../local/emulator';
import { FunctionsHost } from '../../local/host';

const sdk = JSON.stringify(require.resolve('wx-server-sdk'));

function writeFunction(dir: string, name: string, body: string): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(
    path.join(dir, name, 'index.js'),
    `const cloud = require(${sdk});\nlet ready = false;\nexports.main = async (event) => {\n  if (!ready) { cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV }); ready = true; }\n${body}\n};\n`,
  );
}

describe('function calling function', () => {
  let dir: string;
  let host: FunctionsHost;
  let emulator: Emulator;
  let server: http.Server;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-nested-'));
    const functionsDir = path.join(dir, 'functions');
    writeFunction(
      functionsDir,
      'outer',
      `  const res = await cloud.callFunction({ name: 'inner', data: { n: event.n } });\n  return { outer: cloud.getWXContext().OPENID, inner: res.result };`,
    );
    writeFunction(
      functionsDir,
      'inner',
      `  const db = cloud.database();\n  const { _id } = await db.collection('stamps').add({ data: { at: db.serverDate() } });\n  const { data } = await db.collection('stamps').doc(_id).get();\n  return { openid: cloud.getWXContext().OPENID, n: event.n, now: process.env.DOORSTEP_NOW, stamped: new Date(data.at).toISOString() };`,
    );
    host = new FunctionsHost({ functionsDir, functionEnv: {} });
    emulator = await openEmulator({
      dataDir: path.join(dir, 'data'),
      invokeFunction: host.invokeFromSession,
      serverTime: (token) => {
        const at = host.sessions.lookup(token)?.now;
        return at ? Date.parse(at) : undefined;
      },
    });
    server = http.createServer((req, res) => void emulator.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    host.setCommonEnv({
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      TENCENTCLOUD: 'true',
    });
    await createCollections(`http://127.0.0.1:${port}`, ['stamps']);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the caller and the call clock on to the called function', async () => {
    const at = '2026-01-08T15:59:59.000Z';
    const result = await host.invoke('outer', { n: 7 }, { openid: 'resident-a', now: at });
    expect(result).toEqual({ outer: 'resident-a', inner: { openid: 'resident-a', n: 7, now: at, stamped: at } });
  });
});

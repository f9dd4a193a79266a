/**
 * Storage round trip and functions.invokeFunction through wx-server-sdk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Harness, WxCloud, loadWxSdk, startEmulator } from './harness';

interface Invocation {
  name: string;
  data: unknown;
  token: string;
}

let h: Harness;
let cloud: WxCloud;
const invocations: Invocation[] = [];

beforeAll(async () => {
  // The SDK only forwards TCB_SESSIONTOKEN when TCB_CONTEXT_KEYS lists it (as the cloud sets it).
  process.env.TCB_CONTEXT_KEYS = 'TCB_SESSIONTOKEN';
  process.env.TCB_SESSIONTOKEN = 'call-token-42';
  h = await startEmulator({
    serverTime: (token) => (token === 'call-token-42' ? Date.parse('2030-01-02T03:04:05.000Z') : undefined),
    invokeFunction: async (name, data, token) => {
      invocations.push({ name, data, token });
      await h.createCollections('clocked');
      if (name === 'echo') return { echoed: data, at: 'now' };
      if (name === 'boom') throw new Error('function threw: kaboom');
      if (name === 'nothing') return undefined;
      throw Object.assign(new Error(`[ResourceNotFound.Function] function ${name} not found`), { code: 'FUNCTIONS_EXECUTE_FAIL' });
    },
  });
  cloud = loadWxSdk();
});

afterAll(async () => {
  delete process.env.TCB_SESSIONTOKEN;
  delete process.env.TCB_CONTEXT_KEYS;
  await h.close();
});

describe('storage', () => {
  test('upload, temp URL, download, delete', async () => {
    const content = Buffer.from('项目,票数\nGarden,7\n', 'utf8');
    const cloudPath = 'exports/2026/结果 report.csv';
    const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
    // Locally a fileID is the stored file's path under the data dir (API.md).
    expect(fileID).toBe(path.join(path.resolve(h.dataDir), 'storage', 'local', 'exports', '2026', '结果 report.csv'));
    expect(fs.readFileSync(fileID)).toEqual(content);

    const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] });
    expect(fileList[0]).toMatchObject({ fileID, status: 0 });
    const res = await fetch(encodeURI(fileList[0].tempFileURL));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(content);

    const downloaded = await cloud.downloadFile({ fileID });
    expect(Buffer.from(downloaded.fileContent)).toEqual(content);

    const del = await cloud.deleteFile({ fileList: [fileID] });
    expect(del.fileList[0]).toMatchObject({ fileID, status: 0 });
    const after = await cloud.getTempFileURL({ fileList: [fileID] });
    expect(after.fileList[0].status).not.toBe(0);
  });

  test('the cloud form of a fileID works too', async () => {
    const content = Buffer.from('cloud form', 'utf8');
    await cloud.uploadFile({ cloudPath: 'forms/a.txt', fileContent: content });
    const cloudId = 'cloud://local.6c6f6361-local-1300000000/forms/a.txt';
    expect(Buffer.from((await cloud.downloadFile({ fileID: cloudId })).fileContent)).toEqual(content);
  });

  test('nothing outside the store is reachable: paths elsewhere, .. and backslashes', async () => {
    const elsewhere = path.resolve(h.dataDir, '..', `elsewhere-${process.pid}.txt`);
    fs.writeFileSync(elsewhere, 'not yours');
    try {
      expect((await cloud.getTempFileURL({ fileList: [elsewhere] })).fileList[0].status).not.toBe(0);
      const byId = await fetch(`${h.url}/storage/file?fileID=${encodeURIComponent(elsewhere)}`);
      expect(byId.status).not.toBe(200);
    } finally {
      fs.rmSync(elsewhere, { force: true });
    }
    for (const cloudPath of ['a\\..\\..\\..\\escape.txt', '../escape.txt', 'a/../../escape.txt']) {
      const put = await fetch(`${h.url}/storage/upload/local/${encodeURIComponent(cloudPath)}`, { method: 'PUT', body: 'x' });
      expect({ cloudPath, status: put.status }).toEqual({ cloudPath, status: 400 });
    }
    expect(fs.existsSync(path.resolve(h.dataDir, '..', 'escape.txt'))).toBe(false);
  });

  test('binary content survives byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_x, i) => (i * 31) % 256));
    const { fileID } = await cloud.uploadFile({ cloudPath: 'bin/blob.bin', fileContent: bytes });
    const { fileContent } = await cloud.downloadFile({ fileID });
    expect(Buffer.compare(Buffer.from(fileContent), bytes)).toBe(0);
  });
});

describe('functions.invokeFunction', () => {
  test('callFunction reaches the host callback with name, data and the caller session token', async () => {
    const r = await cloud.callFunction({ name: 'echo', data: { a: 1, s: '文' } });
    expect(r.result).toEqual({ echoed: { a: 1, s: '文' }, at: 'now' });
    expect(invocations[invocations.length - 1]).toEqual({ name: 'echo', data: { a: 1, s: '文' }, token: 'call-token-42' });
  });

  test('undefined result becomes null', async () => {
    expect((await cloud.callFunction({ name: 'nothing' })).result).toBeNull();
  });

  test('a throwing function and an unknown function fail like the cloud', async () => {
    // The wire error is {code: FUNCTIONS_EXECUTE_FAIL, message}; wx-server-sdk 4 rethrows node-sdk's
    // error with errCode -1 and "callFunction:fail" prepended.
    await expect(cloud.callFunction({ name: 'boom', data: {} })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('kaboom'),
    });
    await expect(cloud.callFunction({ name: 'missing-fn', data: {} })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('not found'),
    });
  });
});

describe('serverTime', () => {
  test("db.serverDate() resolves to the caller's clock when the host provides one", async () => {
    const db = (cloud as unknown as { database(): { serverDate(): unknown; collection(n: string): { add(o: unknown): Promise<{ _id: string }> } } }).database();
    const { _id } = await db.collection('clocked').add({ data: { at: db.serverDate() } });
    expect(h.emulator.db.findOne('clocked', { _id })?.at).toEqual(new Date('2030-01-02T03:04:05.000Z'));
  });
});

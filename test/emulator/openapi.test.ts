/**
 * wx.openApi through wx-server-sdk's cloud.openapi: protobuf envelope, simulated WeChat
 * validation, and the outbox (which survives a restart).
 */
import { openEmulator } from '../../local/emulator';
import { Harness, WxCloud, loadWxSdk, startEmulator } from './harness';

let h: Harness;
let cloud: WxCloud;

beforeAll(async () => {
  process.env.DOORSTEP_REFUSE_OPENIDS = 'o-refuser, o-other';
  h = await startEmulator();
  cloud = loadWxSdk();
});

afterAll(async () => {
  delete process.env.DOORSTEP_REFUSE_OPENIDS;
  await h.close();
});

const failure = async (p: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> => {
  try {
    await p;
  } catch (e) {
    return e as { errCode: number; errMsg: string };
  }
  throw new Error('expected a failure');
};

const send = (params: Record<string, unknown>): Promise<Record<string, unknown>> => cloud.openapi.subscribeMessage.send(params);

test('subscribeMessage.send resolves ok and lands in the outbox', async () => {
  const params = {
    touser: 'o-resident-1',
    templateId: 'TPL_ACTIVITY',
    page: 'pages/activity/index?id=a1',
    data: { thing1: { value: '社区花园' }, time2: { value: '2026年3月1日 15:01' } },
    miniprogramState: 'developer',
  };
  const r = await send(params);
  expect(r).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  const items = h.emulator.outbox();
  const last = items[items.length - 1];
  expect(last.api).toBe('subscribeMessage.send');
  expect(last.params).toMatchObject({ touser: 'o-resident-1', templateId: 'TPL_ACTIVITY', page: 'pages/activity/index?id=a1', data: params.data });
  expect(Number.isNaN(Date.parse(last.at))).toBe(false);
  expect(last.errCode).toBe(0);
});

test('subscribeMessage.send simulates WeChat validation errors', async () => {
  expect(await failure(send({ touser: 'o1', templateId: '', data: {} }))).toMatchObject({ errCode: 40037 });
  const long = await failure(send({ touser: 'o1', templateId: 'T', data: { thing1: { value: 'x'.repeat(21) } } }));
  expect(long.errCode).toBe(47003);
  expect(long.errMsg).toContain('thing1');
  expect(await failure(send({ touser: 'o1', templateId: 'T', data: { phrase3: { value: '六个汉字啊啊' } } }))).toMatchObject({ errCode: 47003 });
  expect(await failure(send({ touser: 'o-refuser', templateId: 'T', data: { thing1: { value: 'ok' } } }))).toMatchObject({ errCode: 43101 });
  // Refusals are recorded too, with their errcode.
  expect(h.emulator.outbox().filter((i) => i.errCode === 43101)).toHaveLength(1);
});

test('wxacode.getUnlimited returns a real PNG; bad page/scene fail like WeChat', async () => {
  const r = (await cloud.openapi.wxacode.getUnlimited({ scene: 'p=abc123', page: 'pages/project/index', width: 430 })) as {
    contentType: string;
    buffer: Buffer;
    errCode: number;
  };
  expect(r.errCode).toBe(0);
  expect(r.contentType).toBe('image/png');
  expect(r.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(r.buffer.readUInt32BE(16)).toBeGreaterThanOrEqual(280); // IHDR width
  expect(await failure(cloud.openapi.wxacode.getUnlimited({ scene: 'x', page: '/pages/project/index' }))).toMatchObject({ errCode: 41030 });
  expect(await failure(cloud.openapi.wxacode.getUnlimited({ scene: 'y'.repeat(33), page: 'pages/a/b' }))).toMatchObject({ errCode: 40097 });
  expect(h.emulator.outbox().some((i) => i.api === 'wxacode.getUnlimited' && (i.params as { scene: string }).scene === 'p=abc123')).toBe(true);
});

test('security.msgSecCheck passes normal text and flags the marker words', async () => {
  const ok = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o1', scene: 2, content: '周末一起种花' });
  expect(ok).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
  expect(Array.isArray(ok.detail)).toBe(true);
  const risky = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o1', scene: 2, content: '这里有违禁词' });
  expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 20001 } });
  const risky2 = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o1', scene: 1, content: 'a BADWORD here' });
  expect(risky2).toMatchObject({ result: { suggest: 'risky' } });
});

test('security.mediaCheckAsync returns a trace id', async () => {
  const r = await cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'https://example.invalid/a.png', mediaType: 2, version: 2, openid: 'o1', scene: 1 });
  expect(r.errCode).toBe(0);
  expect(typeof r.traceId).toBe('string');
});

test('the outbox is kept in the store and survives a restart', async () => {
  const before = h.emulator.outbox().length;
  expect(before).toBeGreaterThan(3);
  // A second emulator over the same data dir loads what the first one journaled.
  const again = await openEmulator({ dataDir: h.dataDir, log: () => undefined });
  const items = again.outbox();
  expect(items).toHaveLength(before);
  expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
  await again.close();
});

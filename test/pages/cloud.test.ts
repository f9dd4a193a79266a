/** services/cloud: envelope unwrapping, toasts per error code, loading indicator, double taps. */
import { installWx, type Backend } from './harness';
import { callCloud, CloudError, friendlyMessage, isCloudError } from '../../miniprogram/services/cloud';
import { ERROR_CODES } from '../../typings/envelope';

let answer: (name: string, data: Record<string, unknown>) => Promise<unknown> = async () => ({ ok: true, data: {} });
const backend: Backend = { mode: 'fixtures', call: (n, d) => answer(n, d), stop: async () => undefined };
const wx = installWx(() => backend);

beforeEach(() => {
  wx.log.calls.length = 0;
  wx.log.toasts.length = 0;
  wx.log.loadingShown = 0;
});

test('returns data of a success envelope and sends the action with the params', async () => {
  answer = async () => ({ ok: true, data: { items: [] } });
  const res = await callCloud('contest', 'list', { status: 'open' });
  expect(res).toEqual({ items: [] });
  expect(wx.log.calls[0]).toMatchObject({ name: 'contest', data: { action: 'list', status: 'open' } });
  expect(wx.log.loadingShown).toBe(1);
  expect(wx.log.loadingVisible).toBe(false);
});

test('a failure envelope throws a typed CloudError and shows the friendly text once', async () => {
  answer = async () => ({ ok: false, code: 'ALREADY_VOTED_TODAY', message: 'already voted' });
  const err = await callCloud('vote', 'cast', { contestId: 'c', projectId: 'p' }).catch((e: unknown) => e);
  expect(isCloudError(err)).toBe(true);
  expect((err as CloudError).code).toBe('ALREADY_VOTED_TODAY');
  expect((err as CloudError).serverMessage).toBe('already voted');
  expect(wx.log.toasts).toEqual([{ title: '今天已经给这个项目投过票了，明天再来吧', icon: 'none' }]);
  expect(wx.log.loadingVisible).toBe(false);
});

test('codes whose server text is more precise show the server text', async () => {
  answer = async () => ({ ok: false, code: 'OUT_OF_RANGE', message: '您离活动地点还有 820 米，请到现场再签到' });
  await expect(callCloud('checkin', 'scan', { token: 't' })).rejects.toMatchObject({ code: 'OUT_OF_RANGE' });
  expect(wx.log.toasts[0].title).toBe('您离活动地点还有 820 米，请到现场再签到');
});

test('every contract error code has a zh-CN message', () => {
  for (const code of ERROR_CODES) {
    const text = friendlyMessage(code, '服务器说明');
    expect(text).toMatch(/[\u4e00-\u9fa5]/);
  }
});

test('network failure and a malformed reply become NETWORK / BAD_RESPONSE', async () => {
  answer = async () => {
    throw { errMsg: 'cloud.callFunction:fail timeout' };
  };
  await expect(callCloud('contest', 'list', {}, { toast: false })).rejects.toMatchObject({ code: 'NETWORK' });
  answer = async () => 'oops';
  await expect(callCloud('contest', 'list', {}, { toast: false })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  expect(wx.log.toasts).toHaveLength(0);
});

test('a double tap reaches the server once and both callers get the answer', async () => {
  let release: () => void = () => undefined;
  answer = () => new Promise((resolve) => (release = () => resolve({ ok: true, data: { projectId: 'p', votes: 8, votesLeftToday: 2 } })));
  const first = callCloud('vote', 'cast', { contestId: 'c', projectId: 'p' }, { loading: '投票中' });
  const second = callCloud('vote', 'cast', { contestId: 'c', projectId: 'p' }, { loading: '投票中' });
  expect(second).toBe(first);
  await new Promise((r) => setTimeout(r, 0));
  release();
  await expect(Promise.all([first, second])).resolves.toHaveLength(2);
  expect(wx.log.calls).toHaveLength(1);
  expect(wx.log.loadingShown).toBe(1);
  // once settled, a new tap is a new call
  answer = async () => ({ ok: false, code: 'ALREADY_VOTED_TODAY', message: '' });
  await expect(callCloud('vote', 'cast', { contestId: 'c', projectId: 'p' })).rejects.toBeInstanceOf(CloudError);
  expect(wx.log.calls).toHaveLength(2);
});

/**
 * Check-in pages against the local runtime: 扫码签到 (scan and poster deep link), the
 * organizer's 签到屏 (QR drawn, countdown, count going up when a resident scans), manual
 * check-in from 名单, and 项目报告.
 */
import type { Envelope } from '../../typings/envelope';
import { runtimeTest, usePageHarness, type Backend, type PageComp } from './harness';
import { tapButton } from './activity-pages';

const h = usePageHarness();
const ADMIN = 'admin-1';
const MIN = 60_000;

/** WeChat APIs the check-in pages use beyond the harness's stub. */
const extra = {
  scanResult: '' as string | null,
  location: { latitude: 39.93, longitude: 116.4 } as { latitude: number; longitude: number } | null,
  keepScreenOn: [] as boolean[],
  rects: 0,
};
const g = globalThis as unknown as { wx: Record<string, unknown> };
Object.assign(g.wx, {
  scanCode: (o: { success?: (r: { result: string }) => void; fail?: (e: unknown) => void }) =>
    extra.scanResult === null ? o.fail?.({ errMsg: 'scanCode:fail cancel' }) : o.success?.({ result: extra.scanResult }),
  getLocation: (o: { success?: (r: { latitude: number; longitude: number }) => void; fail?: (e: unknown) => void }) =>
    extra.location ? o.success?.(extra.location) : o.fail?.({ errMsg: 'getLocation:fail auth deny' }),
  requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: Record<string, string>) => void }) =>
    o.success?.(Object.fromEntries([...o.tmplIds.map((id) => [id, 'accept']), ['errMsg', 'requestSubscribeMessage:ok']])),
  getSetting: (o: { success?: (r: { authSetting: Record<string, boolean>; subscriptionsSetting: { mainSwitch: boolean } }) => void }) =>
    o.success?.({ authSetting: {}, subscriptionsSetting: { mainSwitch: true } }),
  vibrateShort: () => undefined,
  setNavigationBarTitle: () => undefined,
  setKeepScreenOn: (o: { keepScreenOn: boolean }) => void extra.keepScreenOn.push(o.keepScreenOn),
  createSelectorQuery: () => {
    const canvas = { width: 0, height: 0, getContext: () => ({ fillStyle: '', fillRect: () => void extra.rects++ }) };
    const query = {
      in: () => query,
      select: () => query,
      fields: () => query,
      exec: (cb: (res: unknown[]) => void) => cb([{ node: canvas, width: 300, height: 300 }]),
    };
    return query;
  },
});

async function call<T>(backend: Backend, fn: string, openid: string, data: Record<string, unknown>): Promise<T> {
  const env = (await backend.call(fn, data, openid)) as Envelope<T>;
  if (!env.ok) throw new Error(`${fn}.${String(data.action)} as ${openid}: ${env.code} ${env.message}`);
  return env.data;
}

/** An activity whose check-in is open now (it started `startedMinAgo` minutes ago). */
async function openActivity(backend: Backend, over: Record<string, unknown> = {}, startedMinAgo = -5): Promise<string> {
  const start = Date.now() - startedMinAgo * MIN;
  const res = await call<{ activityId: string }>(backend, 'activity', ADMIN, {
    action: 'create',
    title: '楼道清理日',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 120 * MIN).toISOString(),
    capacity: 20,
    location: { name: '3号楼门口' },
    ...over,
  });
  return res.activityId;
}

const unload = (page: PageComp) => (page.instance.onUnload as () => void)();

describe('扫码签到 (pages/checkin)', () => {
  runtimeTest('opened empty it needs no call; scanning the live code shows a clear success screen', async () => {
    const id = await openActivity(h.backend());
    const { token } = await call<{ token: string }>(h.backend(), 'checkin', ADMIN, { action: 'token', activityId: id });
    h.wx.openid = 'resident-scan';
    h.wx.log.calls.length = 0;
    const page = await h.open('pages/checkin/index');
    expect(h.wx.log.calls).toEqual([]);
    expect(h.html(page)).toContain('扫描组织者手机上的签到码');
    extra.scanResult = token;
    await tapButton(page, '.scan');
    await h.until(() => page.data.phase === 'done');
    expect(page.data.doneTitle).toBe('签到成功');
    expect(page.data.doneLine).toBe('楼道清理日');
    expect(page.data.doneNote).toMatch(/^签到时间 \d+月\d+日 周. \d\d:\d\d · 现场参加$/);
    expect(h.html(page)).toContain('签到成功');
    // The tap asked for the 签到成功 message first, then checked in.
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['notify.grant', 'checkin.scan']);
    // Scanning again says so, kindly.
    await tapButton(page, '.again');
    await tapButton(page, '.scan');
    await h.until(() => page.data.phase === 'done');
    expect(page.data.doneTitle).toBe('您已经签到过了');
  });

  runtimeTest('a bad code says what to do', async () => {
    h.wx.openid = 'resident-bad';
    const page = await h.open('pages/checkin/index');
    extra.scanResult = 'https://example.invalid/not-a-token';
    await tapButton(page, '.scan');
    await h.until(() => page.data.phase === 'failed');
    expect(page.data.failText).toContain('签到码');
  });

  runtimeTest('from the poster (scene = its code) a resident on site checks in by location', async () => {
    const id = await openActivity(h.backend(), { location: { name: '3号楼门口', latitude: 39.93, longitude: 116.4, radiusM: 150 } });
    const { scene } = await call<{ scene: string }>(h.backend(), 'checkin', ADMIN, { action: 'poster', activityId: id });
    h.wx.openid = 'resident-poster';
    const page = await h.open('pages/checkin/index', { scene: encodeURIComponent(scene) });
    await h.until(() => page.data.state === 'ready');
    expect(page.data.mode).toBe('geofence');
    expect(h.html(page)).toContain('现场签到');
    extra.location = { latitude: 39.95, longitude: 116.4 };
    await tapButton(page, '.here');
    await h.until(() => page.data.phase === 'failed');
    expect(page.data.failText).toMatch(/约2\.2公里/);
    extra.location = { latitude: 39.9301, longitude: 116.4 };
    await tapButton(page, '.here');
    await h.until(() => page.data.phase === 'done');
    expect(page.data.doneTitle).toBe('签到成功');
  });
});

describe('组织者签到屏 (packageOrganizer/pages/checkin-screen)', () => {
  runtimeTest('draws the rotating code, counts down, keeps the screen on, and the count goes up when a resident scans', async () => {
    const id = await openActivity(h.backend());
    await call(h.backend(), 'activity', 'resident-q1', { action: 'signup', activityId: id, form: { name: '李阿姨', phone: '13811112222' } });
    h.wx.openid = ADMIN;
    extra.rects = 0;
    extra.keepScreenOn.length = 0;
    const page = await h.open('packageOrganizer/pages/checkin-screen/index', { activityId: id });
    await h.until(() => page.data.countText !== '');
    expect(page.data.state).toBe('ready');
    expect(String(page.data.token)).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(extra.rects).toBeGreaterThan(100);
    expect(page.data.secondsLeft).toBeGreaterThan(0);
    expect(page.data.secondsLeft).toBeLessThanOrEqual(30);
    expect(extra.keepScreenOn).toEqual([true]);
    expect(page.data.countText).toBe('已签到 0 / 已报名 1');

    await call(h.backend(), 'checkin', 'resident-q1', { action: 'scan', token: page.data.token });
    await (page.instance.refreshStats as () => Promise<void>)();
    expect(page.data.countText).toBe('已签到 1 / 已报名 1');
    expect(h.html(page)).toContain('已签到 1 / 已报名 1');
    unload(page);
    expect(extra.keepScreenOn).toEqual([true, false]);
  });

  runtimeTest('a resident cannot open it', async () => {
    const id = await openActivity(h.backend());
    h.wx.openid = 'resident-nosy';
    const page = await h.open('packageOrganizer/pages/checkin-screen/index', { activityId: id });
    await h.until(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('error');
    expect(page.data.errorText).toContain('没有权限');
    unload(page);
  });
});

describe('核验: 我的签到码 (pages/checkin-code) scanned by the organizer', () => {
  runtimeTest('the resident shows a family member’s code; the organizer scans it and the count goes up', async () => {
    const id = await openActivity(h.backend());
    const { signupId } = await call<{ signupId: string }>(h.backend(), 'activity', 'resident-k', {
      action: 'signup',
      activityId: id,
      forOther: { name: '赵爷爷', phone: '13900002222' },
    });
    h.wx.openid = 'resident-k';
    extra.rects = 0;
    const code = await h.open('pages/checkin-code/index', { activityId: id, signupId, title: '楼道清理日' });
    await h.until(() => code.data.state === 'ready');
    expect(code.data.name).toBe('赵爷爷');
    expect(extra.rects).toBeGreaterThan(100);
    expect(h.html(code)).toContain('出示给工作人员');

    h.wx.openid = ADMIN;
    const screen = await h.open('packageOrganizer/pages/checkin-screen/index', { activityId: id });
    await h.until(() => screen.data.countText !== '');
    expect(screen.data.countText).toBe('已签到 0 / 已报名 1');
    extra.scanResult = String(code.data.code);
    expect(h.html(screen)).toContain('扫码核验');
    // TDesign buttons of subpackage pages do not render in j-component here: call the handler.
    (screen.instance.onVerify as () => void)();
    await h.until(() => screen.data.countText === '已签到 1 / 已报名 1');
    expect(h.wx.log.toasts.pop()?.title).toBe('赵爷爷 签到成功');
    unload(screen);
  });

  runtimeTest('nobody gets a code for someone else’s sign-up', async () => {
    const id = await openActivity(h.backend());
    const { signupId } = await call<{ signupId: string }>(h.backend(), 'activity', 'resident-m', {
      action: 'signup',
      activityId: id,
      forOther: { name: '钱奶奶', phone: '13900003333' },
    });
    h.wx.openid = 'resident-stranger';
    const code = await h.open('pages/checkin-code/index', { activityId: id, signupId });
    await h.until(() => code.data.state !== 'loading');
    expect(code.data.state).toBe('error');
    expect(code.data.code).toBe('');
  });
});

describe('名单 manual check-in (packageOrganizer/pages/roster)', () => {
  runtimeTest('the organizer checks in a family member who has no phone', async () => {
    const id = await openActivity(h.backend());
    await call(h.backend(), 'activity', 'resident-grandson', { action: 'signup', activityId: id, forOther: { name: '王奶奶', phone: '13900001111' } });
    h.wx.openid = ADMIN;
    const page = await h.open('packageOrganizer/pages/roster/index', { activityId: id });
    await h.until(() => page.data.state === 'ready');
    expect(h.html(page)).toContain('手动签到');
    await h.tap(page, '.manual');
    await h.until(() => (page.data.rows as { checkedIn: boolean }[])[0]?.checkedIn === true);
    expect(h.wx.log.modals.pop()?.content).toContain('王奶奶');
    expect(h.html(page)).toContain('✓ 已签到');
    expect(h.html(page)).not.toContain('手动签到');
  });
});

describe('项目报告 (packageOrganizer/pages/report)', () => {
  runtimeTest('shows planned vs held per type with bars and the totals', async () => {
    const b = h.backend();
    const now = Date.now();
    const voting = { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() };
    const { contestId } = await call<{ contestId: string }>(b, 'contest', ADMIN, { action: 'create', title: '报告测试', voting });
    const planned = [
      { type: '居民议事会', sessions: 2 },
      { type: '义务劳动', sessions: 1 },
    ];
    const { projectId } = await call<{ projectId: string }>(b, 'contest', ADMIN, {
      action: 'addProject',
      contestId,
      title: '福禄巷自治',
      team: '智德社区',
      planned,
    });
    const id = await openActivity(b, { projectId, type: '居民议事会' }, 10);
    const { token } = await call<{ token: string }>(b, 'checkin', ADMIN, { action: 'token', activityId: id });
    for (const r of ['rp-1', 'rp-2', 'rp-3']) await call(b, 'checkin', r, { action: 'scan', token });

    h.wx.openid = ADMIN;
    const page = await h.open('packageOrganizer/pages/report/index', { projectId });
    await h.until(() => page.data.state === 'ready');
    expect(page.data.rows).toEqual([
      expect.objectContaining({
        type: '居民议事会',
        plannedSessions: 2,
        heldSessions: 1,
        personTimes: 3,
        plannedPct: 100,
        heldPct: 50,
        progressText: '还差 1 次',
      }),
      expect.objectContaining({ type: '义务劳动', plannedSessions: 1, heldSessions: 0, personTimes: 0, plannedPct: 50, heldPct: 0 }),
    ]);
    expect(page.data.totalsText).toBe('计划 3 次 · 实际 1 次 · 受益 3 人次 · 3 人');
    const html = h.html(page);
    expect(html).toContain('福禄巷自治');
    expect(html).toMatch(/width: ?50%/);
    expect(html).toContain('合计');
  });
});

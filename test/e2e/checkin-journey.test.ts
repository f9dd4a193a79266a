/**
 * Journey against miniprogram-automator: the organizer opens the QR screen of an activity that
 * is on now; a resident scans it (the count on the open screen goes up); another resident
 * scans through 扫码签到 and sees the success screen. Runs against the web preview in
 * headless Chromium (or WeChat DevTools when WX_DEVTOOLS_CLI is set).
 */
import { journeyGate } from '../support/browser';

const { journey, title, start } = journeyGate(undefined, { previewOnly: true });

journey(
  title('organizer opens the QR screen, residents scan it, the count goes up'),
  async () => {
    const session = await start({ seed: 'none', persona: 'admin-1' });
    const startsAt = Date.now() + 5 * 60_000;
    const created = await session.call<{ activityId: string }>('activity', 'admin-1', {
      action: 'create',
      title: '楼道清理日',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 7_200_000).toISOString(),
      capacity: 10,
      location: { name: '3号楼门口' },
    });
    expect(created.ok).toBe(true);
    const activityId = created.data.activityId;
    expect((await session.call('activity', 'resident-b', { action: 'signup', activityId, form: { name: '赵叔叔', phone: '13912345678' } })).ok).toBe(true);
    const mp = session.miniProgram;

    // The organizer's screen: a token, a countdown and the count.
    let page = await mp.reLaunch(`/packageOrganizer/pages/checkin-screen/index?activityId=${activityId}`);
    await page?.waitFor(async () => (await page?.data('countText')) === '已签到 0 / 已报名 1');
    const token = String(await page?.data('token'));
    expect(token).toMatch(/^[A-Za-z0-9_.-]{20,}$/);
    expect(Number(await page?.data('secondsLeft'))).toBeGreaterThan(0);

    // A resident scans it; the open screen's count follows.
    expect((await session.call('checkin', 'resident-b', { action: 'scan', token })).ok).toBe(true);
    await page?.waitFor(async () => (await page?.data('countText')) === '已签到 1 / 已报名 1');

    // Another resident scans through 扫码签到 (the camera answers with the token).
    await session.usePersona('resident-a');
    await mp.mockWxMethod('scanCode', { result: token, scanType: 'QR_CODE', errMsg: 'scanCode:ok' });
    page = await mp.reLaunch('/pages/checkin/index');
    await page?.waitFor(async () => (await page?.data('state')) === 'ready');
    await (await page?.$('.scan-button'))?.tap();
    await page?.waitFor(async () => ['done', 'failed'].includes(String(await page?.data('phase'))));
    expect(await page?.data('failText')).toBe('');
    expect(await page?.data('doneTitle')).toBe('签到成功');
    expect(await page?.data('doneLine')).toBe('楼道清理日');

    const stats = await session.call<{ checkedIn: number; walkIns: number }>('checkin', 'admin-1', { action: 'stats', activityId });
    expect(stats.data).toMatchObject({ checkedIn: 2, walkIns: 1 });
  },
  120_000,
);

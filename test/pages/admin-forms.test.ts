/**
 * The admin's forms as an admin uses them: dates from pickers, a message under a wrong field,
 * and the audit log that tells what changed in words — 获奖名额：5 → 6 by a named admin, with
 * no 16-hex-digit id and no English key on the screen.
 */
import { runtimeTest, usePageHarness } from './harness';

const h = usePageHarness();

describe('评选管理 → 操作记录', () => {
  runtimeTest('creates a contest with the pickers, changes 获奖名额 from 5 to 6, and the audit log says so in words', async () => {
    const backend = h.backend();
    await backend.call('role', { action: 'setName', name: '周主任' }, 'admin-1');
    h.wx.openid = 'admin-1';
    const page = await h.open('packageAdmin/pages/contest/index');
    // Nothing typed yet: each wrong field says what to do, nothing is sent.
    await h.type(page, '.title-input', '');
    await h.pick(page, '.end-date', '2020-01-01');
    await h.tap(page, '创建评选');
    expect((page.data.errors as Record<string, string>).title).toBe('请填写评选名称');
    expect((page.data.errors as Record<string, string>).endDate).toBe('结束时间要晚于开始时间');
    expect(h.html(page)).toContain('请填写评选名称');
    expect(h.wx.log.calls.filter((c) => c.name === 'contest' && c.data.action === 'create')).toHaveLength(0);

    await h.type(page, '.title-input', '楼门文化节评选');
    await h.pick(page, '.start-date', '2030-05-01');
    await h.pick(page, '.start-time', '08:30');
    await h.pick(page, '.end-date', '2030-05-06');
    await h.pick(page, '.end-time', '20:00');
    await h.tap(page, '创建评选');
    await h.until(() => page.data.contestId !== '' && page.data.state === 'ready');
    const created = h.wx.log.calls.find((c) => c.name === 'contest' && c.data.action === 'create');
    expect(created?.data).toMatchObject({
      title: '楼门文化节评选',
      voting: { startsAt: '2030-05-01T08:30:00+08:00', endsAt: '2030-05-06T20:00:00+08:00' },
      topN: 5,
    });

    await h.until(() => (page.data.form as { topN: string }).topN === '5');
    await h.type(page, '.topn-input', '6');
    await h.tap(page, '保存设置');
    await h.until(() => h.wx.log.calls.some((c) => c.name === 'contest' && c.data.action === 'update'));
    await h.until(() => !page.data.busy);

    const audit = await h.open('packageAdmin/pages/audit/index');
    await h.until(() => audit.data.state === 'ready');
    const html = h.html(audit);
    expect(html).toContain('获奖名额：5 → 6');
    expect(html).toContain('周主任');
    expect(html).toContain('楼门文化节评选');
    expect(html).not.toMatch(/[0-9a-f]{16}/);
    expect(html).not.toMatch(/contest\.update|settings\.topN|undefined/);
  });
});

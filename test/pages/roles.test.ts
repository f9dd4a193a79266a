import { runtimeTest, usePageHarness } from './harness';
import { callAs } from './seed';

const h = usePageHarness();

describe('权限与邀请 (packageAdmin/pages/roles)', () => {
  runtimeTest('an admin invites a project organizer: code and mini-program code on screen; a granted organizer can be revoked', async () => {
    const backend = h.backend();
    const now = Date.now();
    const { contestId } = await callAs(backend, 'admin-1', 'contest', 'create', {
      title: '邀请页测试',
      voting: { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() },
    });
    const { projectId } = await callAs(backend, 'admin-1', 'contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指' });
    await callAs(backend, 'admin-1', 'role', 'grant', { openid: 'organizer-x', role: 'organizer', projectId });

    h.wx.openid = 'admin-1';
    const page = await h.open('packageAdmin/pages/roles/index', { projectId });
    await h.until(() => page.data.state === 'ready');
    const holders = page.data.holders as { openid: string; revocable: { role: string; projectId?: string }[] }[];
    expect(holders.find((x) => x.openid === 'admin-1')?.revocable).toEqual([]);
    expect(holders.find((x) => x.openid === 'organizer-x')?.revocable).toEqual([{ role: 'organizer', projectId, label: '收回项目「楼道花园」组织者' }]);
    // People by name (or 未登记姓名), never by an OPENID or its tail.
    expect(h.html(page)).toContain('未登记姓名 · 组织者');
    expect(h.html(page)).not.toContain('organizer-x');

    const invite = page.instance.onInviteOrganizer as () => Promise<void>;
    await invite.call(page.instance);
    await h.until(() => page.data.created !== null);
    const created = page.data.created as { code: string; roleText: string; qr: string };
    expect(created.code).toMatch(/^[A-HJ-NP-Z2-9]{4} [A-HJ-NP-Z2-9]{4}$/);
    expect(created.roleText).toBe('项目组织者');
    expect(created.qr.startsWith('data:image/png;base64,')).toBe(true);
    expect(h.html(page)).toContain(created.code);

    const revoke = page.instance.onRevoke as (e: { currentTarget: { dataset: { holder: number; item: number } } }) => void;
    revoke.call(page.instance, { currentTarget: { dataset: { holder: holders.findIndex((x) => x.openid === 'organizer-x'), item: 0 } } });
    await h.until(() => !(page.data.holders as { openid: string }[]).some((x) => x.openid === 'organizer-x'));
    expect((await callAs(backend, 'organizer-x', 'role', 'me', {})).roles).toEqual([]);
  });
});

/** Roles: invitations (single use, expiring), role.me, role.list, and the audit log. */
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const T0 = '2026-03-01T10:00:00+08:00';

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

async function aProject(): Promise<string> {
  const { contestId } = expectOk(
    await rt.api(
      'contest',
      'create',
      { title: '邀请测试', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } },
      { openid: ADMIN, now: T0 },
    ),
  );
  return expectOk(await rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指' }, { openid: ADMIN, now: T0 })).projectId;
}

describe('role invitations', () => {
  it('an organizer invitation is taken once by scanning or typing the code, then role.me shows it', async () => {
    const projectId = await aProject();
    const inv = expectOk(await rt.api('role', 'invite', { role: 'organizer', projectId }, { openid: ADMIN, now: T0 }));
    expect(inv.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(inv.scene).toBe(`inv=${inv.code}`);
    expect(inv.page).toBe('packageAdmin/pages/accept/index');
    expect(inv.qrBase64 && Buffer.from(inv.qrBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');

    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'org-1', now: T0 }))).toEqual({ roles: [], isAdmin: false, organizerOf: [] });
    const typed = `${inv.code.slice(0, 4).toLowerCase()} ${inv.code.slice(4)}`;
    const taken = expectOk(await rt.api('role', 'accept', { code: typed }, { openid: 'org-1', now: T0 }));
    expect(taken).toEqual({ role: 'organizer', projectId, roles: ['organizer'] });
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'org-1', now: T0 }))).toEqual({
      roles: ['organizer'],
      isAdmin: false,
      organizerOf: [projectId],
      projects: [{ projectId, title: '楼道花园' }],
    });

    const again = await rt.api('role', 'accept', { code: inv.code }, { openid: 'someone-else', now: T0 });
    expect(again).toMatchObject({ ok: false, code: 'BAD_REQUEST', message: '邀请码已被使用，请联系管理员重新邀请' });
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'someone-else', now: T0 })).roles).toEqual([]);

    const list = expectOk(await rt.api('role', 'list', {}, { openid: ADMIN, now: T0 }));
    expect(list.items).toEqual(
      expect.arrayContaining([
        { openid: ADMIN, roles: ['admin'], fromEnv: true, organizerOf: [], organizerOfActivities: [], staffOf: [], judgeOf: [] },
        {
          openid: 'org-1',
          roles: ['organizer'],
          fromEnv: false,
          organizerOf: [{ projectId, title: '楼道花园' }],
          organizerOfActivities: [],
          staffOf: [],
          judgeOf: [],
        },
      ]),
    );
    expect(list.invitations.map((i) => i.code)).not.toContain(inv.code);
  });

  it('an expired or unknown code gives nothing', async () => {
    const inv = expectOk(await rt.api('role', 'invite', { role: 'admin', ttlHours: 1, qr: false }, { openid: ADMIN, now: T0 }));
    expect(inv.qrBase64).toBeUndefined();
    const late = await rt.api('role', 'accept', { code: inv.code }, { openid: 'late-1', now: '2026-03-01T11:00:01+08:00' });
    expect(late).toMatchObject({ ok: false, code: 'BAD_REQUEST', message: '邀请码已过期，请联系管理员重新邀请' });
    const unknown = await rt.api('role', 'accept', { code: 'ZZZZZZZZ' }, { openid: 'late-1', now: T0 });
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'late-1', now: T0 })).roles).toEqual([]);
    // Still open before expiry: an admin invitation makes an admin.
    expect(expectOk(await rt.api('role', 'accept', { code: inv.code }, { openid: 'admin-2', now: T0 })).roles).toEqual(['admin']);
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'admin-2', now: T0 })).isAdmin).toBe(true);
  });

  it('an organizer invitation needs an existing project', async () => {
    expect(await rt.api('role', 'invite', { role: 'organizer' }, { openid: ADMIN, now: T0 })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await rt.api('role', 'invite', { role: 'organizer', projectId: 'nope' }, { openid: ADMIN, now: T0 })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('the audit log lists grants, revokes, invitations and acceptances, newest first, paged', async () => {
    const at = (m: number) => `2026-03-02T10:0${m}:00+08:00`;
    expectOk(await rt.api('role', 'grant', { openid: 'p-1', role: 'admin' }, { openid: ADMIN, now: at(1) }));
    expectOk(await rt.api('role', 'revoke', { openid: 'p-1', role: 'admin' }, { openid: ADMIN, now: at(2) }));
    const first = expectOk(await rt.api('role', 'audit', { limit: 2 }, { openid: ADMIN, now: at(3) }));
    expect(first.items.map((i) => [i.action, i.target, i.actor])).toEqual([
      ['role.revoke', 'p-1', ADMIN],
      ['role.grant', 'p-1', ADMIN],
    ]);
    expect(first.items[0].detail).toEqual({ role: 'admin' });
    expect(first.next).toBe(2);
    const rest = expectOk(await rt.api('role', 'audit', { limit: 100, offset: 2 }, { openid: ADMIN, now: at(3) }));
    expect(rest.items.map((i) => i.action)).toEqual(expect.arrayContaining(['role.invite', 'role.accept']));
    const times = [...first.items, ...rest.items].map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const grants = expectOk(await rt.api('role', 'audit', { type: 'role.grant' }, { openid: ADMIN, now: at(3) }));
    expect(grants.items.every((i) => i.action === 'role.grant')).toBe(true);
  });
});

describe('organizers of one activity (API.md: organizers are granted per project or activity)', () => {
  it('manage that activity only: roster, check-in code, manual check-in; role.me and role.list show it; revoke ends it', async () => {
    const projectId = await aProject();
    const activity = (title: string) =>
      rt.api(
        'activity',
        'create',
        { title, projectId, startsAt: '2026-03-05T10:00:00+08:00', endsAt: '2026-03-05T12:00:00+08:00', capacity: 10 },
        { openid: ADMIN, now: T0 },
      );
    const { activityId } = expectOk(await activity('楼道花园种植课'));
    const other = expectOk(await activity('另一场活动')).activityId;
    const who = { openid: 'act-org', now: T0 };

    expect(expectOk(await rt.api('role', 'grant', { openid: 'act-org', role: 'organizer', activityId }, { openid: ADMIN, now: T0 }))).toEqual({
      openid: 'act-org',
      roles: ['organizer'],
    });
    expect(expectOk(await rt.api('role', 'me', {}, who))).toMatchObject({
      roles: ['organizer'],
      organizerOf: [],
      activities: [{ activityId, title: '楼道花园种植课' }],
    });
    const holder = expectOk(await rt.api('role', 'list', {}, { openid: ADMIN, now: T0 })).items.find((i) => i.openid === 'act-org');
    expect(holder).toMatchObject({ roles: ['organizer'], organizerOf: [], organizerOfActivities: [{ activityId, title: '楼道花园种植课' }] });

    const { signupId } = expectOk(
      await rt.api('activity', 'signup', { activityId, form: { name: '王阿姨', phone: '13812341234' } }, { openid: 'r-act', now: T0 }),
    );
    expect(expectOk(await rt.api('activity', 'roster', { activityId }, who)).items).toHaveLength(1);
    expect(expectOk(await rt.api('activity', 'get', { activityId }, who)).canManage).toBe(true);
    // The organizer's workbench lists what each person organizes.
    const managed = async (openid: string) => expectOk(await rt.api('activity', 'list', { managed: true }, { openid, now: T0 })).items.map((i) => i.activityId);
    expect(await managed('act-org')).toEqual([activityId]);
    expect(await managed(ADMIN)).toEqual(expect.arrayContaining([activityId, other]));
    expect(await managed('r-act')).toEqual([]);
    // Drafts too, within the same scope: the organizer prepares their activity before publishing.
    const draft = expectOk(
      await rt.api(
        'activity',
        'create',
        { title: '草稿活动', projectId, startsAt: '2026-03-07T10:00:00+08:00', endsAt: '2026-03-07T12:00:00+08:00', capacity: 5, status: 'draft' },
        { openid: ADMIN, now: T0 },
      ),
    ).activityId;
    expectOk(await rt.api('role', 'grant', { openid: 'act-org', role: 'organizer', activityId: draft }, { openid: ADMIN, now: T0 }));
    const withDrafts = expectOk(await rt.api('activity', 'list', { managed: true, includeDrafts: true }, who)).items.map((i) => i.activityId);
    expect(withDrafts.sort()).toEqual([activityId, draft].sort());
    expect(expectOk(await rt.api('activity', 'list', { managed: true, includeDrafts: true }, { openid: 'r-act', now: T0 })).items).toEqual([]);
    expectOk(await rt.api('role', 'revoke', { openid: 'act-org', role: 'organizer', activityId: draft }, { openid: ADMIN, now: T0 }));
    expect((await rt.api('checkin', 'token', { activityId }, { openid: 'act-org', now: '2026-03-05T10:05:00+08:00' })).ok).toBe(true);
    expect((await rt.api('checkin', 'manual', { activityId, signupId: String(signupId) }, { openid: 'act-org', now: '2026-03-05T10:05:00+08:00' })).ok).toBe(
      true,
    );

    // Not the project's other activities, not new activities of the project.
    expect(await rt.api('activity', 'roster', { activityId: other }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.api('checkin', 'token', { activityId: other }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await rt.api(
        'activity',
        'create',
        { title: '自己加的', projectId, startsAt: '2026-03-06T10:00:00+08:00', endsAt: '2026-03-06T12:00:00+08:00', capacity: 5 },
        who,
      ),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    expect(expectOk(await rt.api('role', 'revoke', { openid: 'act-org', role: 'organizer', activityId }, { openid: ADMIN, now: T0 })).roles).toEqual([]);
    expect(await rt.api('activity', 'roster', { activityId }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('an organizer grant names a project or an activity, not neither and not both', async () => {
    const projectId = await aProject();
    for (const scope of [{}, { projectId, activityId: 'a-1' }]) {
      expect(await rt.api('role', 'grant', { openid: 'x-org', role: 'organizer', ...scope }, { openid: ADMIN, now: T0 })).toMatchObject({
        ok: false,
        code: 'BAD_REQUEST',
      });
    }
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'x-org', now: T0 })).roles).toEqual([]);
  });
});

describe('granting again', () => {
  it('a repeated grant (double tap, retry) keeps the person’s other roles', async () => {
    const projectId = await aProject();
    const admin = { openid: ADMIN, now: T0 };
    const start = new Date(Date.parse(T0) + 86_400_000).toISOString();
    const end = new Date(Date.parse(T0) + 90_000_000).toISOString();
    const activityId = expectOk(
      await rt.api('activity', 'create', { title: '议事会', startsAt: start, endsAt: end, capacity: 5, projectId }, admin),
    ).activityId;
    expectOk(await rt.api('role', 'grant', { openid: 'multi', role: 'admin' }, admin));
    expectOk(await rt.api('role', 'grant', { openid: 'multi', role: 'organizer', projectId }, admin));
    expectOk(await rt.api('role', 'grant', { openid: 'multi', role: 'organizer', activityId }, admin));
    for (const again of [{ role: 'organizer', projectId }, { role: 'admin' }, { role: 'organizer', activityId }] as const) {
      expect(expectOk(await rt.api('role', 'grant', { openid: 'multi', ...again }, admin)).roles).toEqual(['admin', 'organizer']);
    }
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'multi', now: T0 }))).toMatchObject({ roles: ['admin', 'organizer'], organizerOf: [projectId] });
  });
});

describe('staff and judges (granted per contest)', () => {
  async function aContest(): Promise<string> {
    return expectOk(
      await rt.api(
        'contest',
        'create',
        { title: '成果展', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } },
        { openid: ADMIN, now: T0 },
      ),
    ).contestId;
  }

  it('a staff invitation names the contest and the person; accepting it shows on role.me and role.list', async () => {
    const contestId = await aContest();
    const inv = expectOk(await rt.api('role', 'invite', { role: 'staff', contestId, name: '王阿姨', qr: false }, { openid: ADMIN, now: T0 }));
    expect(inv).toMatchObject({ role: 'staff', contestId, name: '王阿姨' });
    expect(expectOk(await rt.api('role', 'accept', { code: inv.code }, { openid: 'desk-1', now: T0 }))).toEqual({ role: 'staff', contestId, roles: ['staff'] });
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'desk-1', now: T0 }))).toMatchObject({
      roles: ['staff'],
      staffOf: [{ contestId, title: '成果展' }],
    });
    const list = expectOk(await rt.api('role', 'list', {}, { openid: ADMIN, now: T0 }));
    expect(list.items.find((i) => i.openid === 'desk-1')).toMatchObject({ roles: ['staff'], name: '王阿姨', staffOf: [{ contestId, title: '成果展' }] });
  });

  it('a judge grant needs an existing contest, not a project; revoking ends it', async () => {
    const contestId = await aContest();
    const as = { openid: ADMIN, now: T0 };
    expect(await rt.api('role', 'grant', { openid: 'judge-x', role: 'judge' }, as)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await rt.api('role', 'grant', { openid: 'judge-x', role: 'judge', contestId: 'c-nope' }, as)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await rt.api('role', 'invite', { role: 'judge' }, as)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(expectOk(await rt.api('role', 'grant', { openid: 'judge-x', role: 'judge', contestId }, as)).roles).toEqual(['judge']);
    expect(expectOk(await rt.api('role', 'revoke', { openid: 'judge-x', role: 'judge', contestId }, as)).roles).toEqual([]);
  });
});

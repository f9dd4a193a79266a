/** Editing contests and projects (admin), content safety before any write, and the audit log. */
import { ADMIN, appData, expectOk, startTestRuntime, textChecksSince, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const NOW = '2026-03-02T10:00:00+08:00';
const admin = { openid: ADMIN, now: NOW };
let contestId = '';
let p1 = '';
let p2 = '';

beforeAll(async () => {
  rt = await startTestRuntime();
  contestId = expectOk(
    await rt.api('contest', 'create', { title: '初版标题', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } }, admin),
  ).contestId;
  p1 = expectOk(await rt.api('contest', 'addProject', { contestId, title: '项目一', team: '一队' }, admin)).projectId;
  p2 = expectOk(await rt.api('contest', 'addProject', { contestId, title: '项目二', team: '二队' }, admin)).projectId;
});
afterAll(async () => {
  await rt.stop();
});

describe('contest.update', () => {
  it('changes the texts, window and top N, checks the texts as the admin wrote them, and is audited', async () => {
    const before = (await rt.outbox()).length;
    expectOk(
      await rt.api(
        'contest',
        'update',
        {
          contestId,
          patch: {
            title: '2026 家门口微项目评选',
            description: '为你身边的好项目投票',
            topN: 3,
            voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-04-10T00:00:00+08:00' },
          },
        },
        admin,
      ),
    );
    const got = expectOk(await rt.api('contest', 'get', { contestId }, admin));
    expect(got.contest).toMatchObject({ title: '2026 家门口微项目评选', description: '为你身边的好项目投票', settings: { topN: 3 } });
    expect(Date.parse(got.contest.endsAt)).toBe(Date.parse('2026-04-10T00:00:00+08:00'));
    const checks = await textChecksSince(rt, before);
    expect(checks).toHaveLength(1);
    expect(checks[0].params).toMatchObject({ version: 2, openid: ADMIN, content: '2026 家门口微项目评选\n为你身边的好项目投票' });
    const log = expectOk(await rt.api('role', 'audit', { type: 'contest.update' }, admin));
    expect(log.items[0]).toMatchObject({ actor: ADMIN, target: contestId, targetTitle: '2026 家门口微项目评选' });
    expect(log.items[0].changes?.map((c) => c.label)).toEqual(expect.arrayContaining(['名称', '简介', '投票结束时间', '获奖名额']));
    expect(log.items[0].changes?.find((c) => c.field === 'voting.endsAt')?.after).toBe('2026-04-10 00:00');
  });

  it('changes the rate limit (防刷票) and logs it with its labels', async () => {
    expectOk(await rt.api('contest', 'update', { contestId, patch: { rateLimit: { max: 5, windowSeconds: 120 } } }, admin));
    const got = expectOk(await rt.api('contest', 'get', { contestId }, admin));
    expect(got.contest.settings.rateLimit).toEqual({ max: 5, windowSeconds: 120 });
    const log = expectOk(await rt.api('role', 'audit', { type: 'contest.update' }, admin));
    const entry = log.items.find((i) => i.changes?.some((c) => c.field.startsWith('settings.rateLimit')));
    expect(entry?.changes?.map((c) => [c.label, c.after])).toEqual([
      ['防刷票：时间窗内最多投票次数', '5'],
      ['防刷票：时间窗（秒）', '120'],
    ]);
  });

  it('refuses risky text with CONTENT_REJECTED and writes nothing', async () => {
    const before = appData(rt);
    const res = await rt.api('contest', 'update', { contestId, patch: { description: '这里有违禁词' } }, admin);
    expect(res).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
    expect(appData(rt)).toBe(before);
  });

  it('refuses a window that ends before it starts', async () => {
    const res = await rt.api(
      'contest',
      'update',
      { contestId, patch: { voting: { startsAt: '2026-03-10T00:00:00+08:00', endsAt: '2026-03-01T00:00:00+08:00' } } },
      admin,
    );
    expect(res).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });
});

describe('contest.updateProject', () => {
  it('edits a project, checks its texts and cover image', async () => {
    const before = (await rt.outbox()).length;
    expectOk(
      await rt.api(
        'contest',
        'updateProject',
        { projectId: p1, patch: { summary: '每周六清理楼道', planned: [{ type: '义务劳动', sessions: 4 }], coverImage: 'https://img.example/cover.png' } },
        admin,
      ),
    );
    const got = expectOk(await rt.api('contest', 'get', { contestId }, admin));
    expect(got.projects.find((p) => p.projectId === p1)).toMatchObject({ summary: '每周六清理楼道', planned: [{ type: '义务劳动', sessions: 4 }] });
    const calls = (await rt.outbox()).slice(before).map((o) => o.api);
    expect(calls).toEqual(expect.arrayContaining(['security.msgSecCheck', 'security.mediaCheckAsync']));
    const pending = rt.runtime.emulator.db.find('media_checks', { media: 'https://img.example/cover.png' });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ openid: ADMIN, status: 'pending' });
    expect(String(pending[0].traceId)).not.toBe('');
  });

  it("takes WeChat's later verdict on the cover (message push wxa_media_check): risky takes it down, pass keeps it", async () => {
    const db = rt.runtime.emulator.db;
    const verdict = (traceId: string, suggest: string) =>
      // What WeChat pushes to the function configured for 消息推送: no action, no resident's OPENID.
      rt.call('contest', {
        ToUserName: 'gh_local',
        FromUserName: 'wechat',
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: 'wx0',
        trace_id: traceId,
        version: 2,
        result: { suggest, label: 100 },
      });
    const cover = async (projectId: string, url: string): Promise<string> => {
      expectOk(await rt.api('contest', 'updateProject', { projectId, patch: { coverImage: url } }, admin));
      return String(db.find('media_checks', { media: url })[0].traceId);
    };
    const risky = await cover(p2, 'https://img.example/risky.png');
    expectOk(await verdict(risky, 'risky'));
    expect(db.findOne('projects', { _id: p2 })?.coverImage).toBeUndefined();
    expect(db.find('media_checks', { traceId: risky })[0]).toMatchObject({ status: 'risky' });
    expect(db.find('audit', { action: 'media.reject', target: p2 })).toHaveLength(1);

    const fine = await cover(p1, 'https://img.example/fine.png');
    expectOk(await verdict(fine, 'pass'));
    expect(db.findOne('projects', { _id: p1 })?.coverImage).toBe('https://img.example/fine.png');
    expect(db.find('media_checks', { traceId: fine })[0]).toMatchObject({ status: 'pass' });

    // A verdict for a trace id nobody sent changes nothing (a resident cannot take covers down).
    const before = appData(rt);
    expectOk(await verdict('made-up-trace', 'risky'));
    expect(appData(rt)).toBe(before);
  });

  it('refuses a risky summary and writes nothing', async () => {
    const before = appData(rt);
    expect(await rt.api('contest', 'updateProject', { projectId: p2, patch: { summary: 'BADWORD 简介' } }, admin)).toMatchObject({
      ok: false,
      code: 'CONTENT_REJECTED',
    });
    expect(appData(rt)).toBe(before);
  });

  it('answers NOT_FOUND for an unknown project', async () => {
    expect(await rt.api('contest', 'updateProject', { projectId: 'nope', patch: { title: '新' } }, admin)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('contest.reorderProjects', () => {
  it('shows the projects in the new order', async () => {
    expectOk(await rt.api('contest', 'reorderProjects', { contestId, projectIds: [p2, p1] }, admin));
    const got = expectOk(await rt.api('contest', 'get', { contestId }, admin));
    expect(got.projects.map((p) => p.projectId)).toEqual([p2, p1]);
  });

  it('needs every project exactly once', async () => {
    for (const projectIds of [[p1], [p1, p1], [p1, 'other']]) {
      expect(await rt.api('contest', 'reorderProjects', { contestId, projectIds }, admin)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    }
  });
});

describe('after publication', () => {
  it('nothing can be edited', async () => {
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, admin));
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, admin));
    expect(await rt.api('contest', 'update', { contestId, patch: { title: '改' } }, admin)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await rt.api('contest', 'updateProject', { projectId: p1, patch: { title: '改' } }, admin)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });
});

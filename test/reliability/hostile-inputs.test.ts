/**
 * Hostile inputs named one by one (the fuzz suite draws them at random; here each is sent on
 * purpose): instants outside 2000–2100 in params and in the host's X-Now header, invisible and
 * direction-changing characters in free text, malformed OPENIDs and missing targets in role
 * grants, unknown keys in an activity patch. Each answer is an error envelope that writes
 * nothing, or a success that stores only clean text.
 */
import { ADMIN, appData, codeOf, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { NOW, ORGANIZER, RESIDENT, buildWorld, settle, type World } from './lib/world';
import { FAR_INSTANTS, INVISIBLE_TEXTS } from './lib/hostile';

let rt: TestRuntime;
let world: World;
const admin = { openid: ADMIN, now: NOW };

beforeAll(async () => {
  rt = await startTestRuntime();
  world = await buildWorld(rt, rt.runtime.host.functions());
  await settle(rt);
}, 120_000);

afterAll(async () => {
  await rt?.stop();
});

/** Refused with `code` (an envelope, a zh-CN message) and nothing written. */
async function expectRefused(code: string, call: () => Promise<unknown>): Promise<void> {
  await settle(rt);
  const before = appData(rt, { idsOnlyIn: ['outbox'] });
  const res = await call();
  expect(res).toEqual({ ok: false, code, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  expect(appData(rt, { idsOnlyIn: ['outbox'] })).toBe(before);
}

/** Any invisible or direction-changing character (the ones free text must never store). */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

const hoursFrom = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

describe('instants outside 2000-01-01 .. 2100-01-01', () => {
  it.each(FAR_INSTANTS)('%s as an activity end, a voting window end, a list filter → BAD_REQUEST', async (far) => {
    const activity = { title: '遥远的活动', startsAt: hoursFrom(NOW, 48), endsAt: far, capacity: 5, projectId: world.projectIds[0] };
    await expectRefused('BAD_REQUEST', () => rt.call('activity', { action: 'create', ...activity }, admin));
    await expectRefused('BAD_REQUEST', () => rt.call('activity', { action: 'update', activityId: world.activityId, patch: { endsAt: far } }, admin));
    await expectRefused('BAD_REQUEST', () =>
      rt.call('contest', { action: 'create', title: '遥远的评选', voting: { startsAt: hoursFrom(NOW, 1), endsAt: far } }, admin),
    );
    await expectRefused('BAD_REQUEST', () => rt.call('activity', { action: 'list', from: far }, admin));
  });

  it.each(FAR_INSTANTS)('X-Now: %s → HTTP 400 BAD_REQUEST, never INTERNAL', async (far) => {
    await settle(rt);
    const before = appData(rt, { idsOnlyIn: ['outbox'] });
    for (const [fn, body] of [
      ['contest', { action: 'list' }],
      ['vote', { action: 'cast', contestId: world.contestId, projectId: world.projectIds[1] }],
      ['activity', { action: 'signup', activityId: world.activityId, form: { name: '钱七', phone: '13800138009' } }],
    ] as const) {
      const res = await fetch(`${rt.url}/api/call/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'resident-far', 'x-now': far },
        body: JSON.stringify(body),
      });
      expect({ fn, status: res.status, body: await res.json() }).toEqual({
        fn,
        status: 400,
        body: { ok: false, code: 'BAD_REQUEST', message: expect.any(String) },
      });
    }
    expect(appData(rt, { idsOnlyIn: ['outbox'] })).toBe(before);
  });
});

describe('free text: control characters, bidi overrides and zero-width characters', () => {
  /** Every string stored anywhere (JSON text would escape control characters, so not that). */
  const stored = (): string => {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object' && !(v instanceof Date)) {
        for (const [k, x] of Object.entries(v)) {
          out.push(k);
          walk(x);
        }
      }
    };
    for (const c of rt.runtime.emulator.db.collections()) walk(rt.runtime.emulator.db.find(c));
    return out.join('\n');
  };

  it.each(INVISIBLE_TEXTS.map((t) => [JSON.stringify(t), t] as const))(
    '%s in titles, names, notes, answers and reasons: refused or stripped',
    async (_label, dirty) => {
      const calls: [string, Record<string, unknown>, { openid: string; now: string }][] = [
        [
          'contest',
          { action: 'create', title: `评选${dirty}标题`, description: `说明${dirty}`, voting: { startsAt: hoursFrom(NOW, 1), endsAt: hoursFrom(NOW, 48) } },
          admin,
        ],
        [
          'contest',
          { action: 'addProject', contestId: world.contestId, title: `项目${dirty}`, team: `队${dirty}伍`, community: `社区${dirty}`, summary: `简介${dirty}` },
          admin,
        ],
        ['contest', { action: 'update', contestId: world.contestId, patch: { title: `改名${dirty}` } }, admin],
        ['contest', { action: 'updateProject', projectId: world.projectIds[2], patch: { summary: `新简介${dirty}` } }, admin],
        [
          'activity',
          {
            action: 'create',
            title: `活动${dirty}`,
            type: '居民议事会',
            description: `描述${dirty}`,
            location: { name: `地点${dirty}` },
            fields: [{ key: 'diet', label: `饮食${dirty}`, kind: 'text' }],
            startsAt: hoursFrom(NOW, 48),
            endsAt: hoursFrom(NOW, 50),
            capacity: 5,
            projectId: world.projectIds[0],
          },
          admin,
        ],
        ['activity', { action: 'update', activityId: world.activityId, patch: { description: `新描述${dirty}` } }, { openid: ORGANIZER, now: NOW }],
        [
          'activity',
          { action: 'signup', activityId: world.activityId, form: { name: `赵${dirty}六`, phone: '13800138005', note: `备注${dirty}` } },
          { openid: 'resident-dirty', now: NOW },
        ],
        [
          'activity',
          { action: 'signup', activityId: world.activityId, forOther: { name: `孙${dirty}八`, phone: '13800138006', note: `家人${dirty}` } },
          { openid: RESIDENT, now: NOW },
        ],
        ['vote', { action: 'void', contestId: world.contestId, receipts: ['AAAAAAAAAA'], reason: `作废${dirty}原因` }, admin],
      ];
      for (const [fn, body, as] of calls) {
        const res = await rt.call(fn, body, as);
        expect({ fn, action: body.action, code: codeOf(res) }).toEqual({
          fn,
          action: body.action,
          code: expect.stringMatching(/^(OK|BAD_REQUEST|NOT_FOUND|ALREADY_SIGNED_UP)$/),
        });
        await settle(rt);
        expect({ fn, action: body.action, stored: INVISIBLE.test(stored()) }).toEqual({ fn, action: body.action, stored: false });
      }
      // The answers to an activity's own question, too.
      const withQuestion = expectOk(
        await rt.api(
          'activity',
          'create',
          {
            title: '带问题的活动',
            startsAt: hoursFrom(NOW, 48),
            endsAt: hoursFrom(NOW, 50),
            capacity: 5,
            fields: [{ key: 'note2', label: '想说的话', kind: 'text' }],
          },
          admin,
        ),
      ).activityId;
      const answered = await rt.call(
        'activity',
        { action: 'signup', activityId: withQuestion, form: { name: '周九', phone: '13800138007', answers: { note2: `你好${dirty}` } } },
        { openid: `resident-answers-${_label.length}`, now: NOW },
      );
      expect(codeOf(answered)).toMatch(/^(OK|BAD_REQUEST)$/);
      await settle(rt);
      expect(INVISIBLE.test(stored())).toBe(false);
    },
  );

  it('text that is nothing but invisible characters counts as empty', async () => {
    await expectRefused('BAD_REQUEST', () =>
      rt.call('contest', { action: 'create', title: '\u200b\u202e\u2066', voting: { startsAt: hoursFrom(NOW, 1), endsAt: hoursFrom(NOW, 48) } }, admin),
    );
    await expectRefused('BAD_REQUEST', () =>
      rt.call('activity', { action: 'create', title: '\u200b\u200d', startsAt: hoursFrom(NOW, 48), endsAt: hoursFrom(NOW, 50), capacity: 5 }, admin),
    );
  });
});

describe('role.grant', () => {
  it.each(['a b', 'x\u202ey', 'o\u200bpenid', '$gt', '../../admin', 'a:b', 'a'.repeat(129), '<script>'])(
    'refuses the OPENID %j (not the shape of one)',
    async (openid) => {
      await expectRefused('BAD_REQUEST', () => rt.call('role', { action: 'grant', openid, role: 'admin' }, admin));
    },
  );

  it('refuses a project or activity that does not exist', async () => {
    await expectRefused('NOT_FOUND', () =>
      rt.call('role', { action: 'grant', openid: 'someone-real', role: 'organizer', projectId: 'no-such-project' }, admin),
    );
    await expectRefused('NOT_FOUND', () =>
      rt.call('role', { action: 'grant', openid: 'someone-real', role: 'organizer', activityId: 'no-such-activity' }, admin),
    );
    expect(codeOf(await rt.call('role', { action: 'grant', openid: 'someone-real', role: 'organizer', projectId: world.projectIds[1] }, admin))).toBe('OK');
  });
});

describe('activity.update', () => {
  it.each([{ createdBy: RESIDENT }, { confirmed: 0 }, { status: 'published', bogus: 1 }, { title: '新标题', nextSeq: 1 }])(
    'refuses unknown patch keys %j like contest.update does',
    async (patch) => {
      await expectRefused('BAD_REQUEST', () => rt.call('activity', { action: 'update', activityId: world.activityId, patch }, admin));
    },
  );
});

/**
 * Assisted ballots (vote.assisted), verified phones (vote.verifyPhone through the emulated
 * phonenumber.getPhoneNumber) and the resident roster, over HTTP through the real SDK.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ADMIN, appData, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { DAY2, codeOf, ledgerTally, makeContest, shardTally, vote } from './vote-helpers';
import { verifyChain, type ChainRow } from '../../cloudfunctions/common/vote/chain';

const STAFF = 'staff-1';
const AS_ADMIN = { openid: ADMIN, now: DAY2 };
const AS_STAFF = { openid: STAFF, now: DAY2 };
const PHONE = '13812341234';

let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

async function contestWithStaff(projects: number, voters?: { verifiedPhone?: boolean; rosterOnly?: boolean }, extra: { assistedPerHour?: number } = {}) {
  const made = await makeContest(rt, projects, { ...(voters ? { voters } : {}), ...extra });
  expectOk(await rt.api('role', 'grant', { openid: STAFF, role: 'staff', contestId: made.contestId, name: '王阿姨' }, AS_ADMIN));
  return made;
}

function assisted(contestId: string, projectId: string, phone = PHONE, name = '李阿婆', as = AS_STAFF) {
  return rt.api('vote', 'assisted', { contestId, projectId, voter: { name, phone } }, as);
}

async function verify(openid: string, phone: string, contestId?: string) {
  const code = await rt.phoneCode(phone);
  return rt.api('vote', 'verifyPhone', { code, ...(contestId ? { contestId } : {}) }, { openid, now: DAY2 });
}

/** Writes an .xlsx into the emulator's storage and answers its fileID (as the mini-program's upload would). */
async function uploadRoster(rows: [string, string][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('居民名单');
  sheet.addRow(['序号', '姓名', '手机号']);
  rows.forEach(([n, p], i) => sheet.addRow([i + 1, n, p]));
  const dir = path.join(rt.dataDir, 'storage', 'local', 'rosters');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), Buffer.from(await wb.xlsx.writeBuffer()));
  return `cloud://local.bucket/rosters/${name}`;
}

describe('vote.assisted', () => {
  it('records a ballot on the ledger with its source and staff member, and answers votes and receipt', async () => {
    const { contestId, projectIds } = await contestWithStaff(3);
    const res = expectOk(await assisted(contestId, projectIds[0], '138 1234-1234'));
    expect(res).toMatchObject({ projectId: projectIds[0], votes: 1, phoneMasked: '138****1234' });
    expect(res.receipt).toMatch(/^[2-9A-Z]{10}$/);
    const [row] = rt.runtime.emulator.db.find('votes', { contestId });
    expect(row).toMatchObject({ source: 'assisted', staff: STAFF, hour: '2026-01-09 10:00', receipt: res.receipt });
    // The voter is a keyed hash of the phone: neither the number nor the name is stored anywhere.
    expect(String(row.openid)).toMatch(/^tel\.[0-9a-f]{32}$/);
    expect(appData(rt)).not.toContain('13812341234');
    expect(appData(rt)).not.toContain('李阿婆');
    expect(ledgerTally(rt, contestId)).toEqual(shardTally(rt, contestId));
  });

  it('applies the per-project-per-day dedup by phone, and the daily quota', async () => {
    const { contestId, projectIds } = await contestWithStaff(3, undefined);
    expectOk(
      await rt.api(
        'contest',
        'update',
        { contestId, patch: { voting: { startsAt: '2026-01-08T09:00:00+08:00', endsAt: '2026-01-13T00:00:00+08:00', perDay: 2 } } },
        AS_ADMIN,
      ),
    );
    expectOk(await assisted(contestId, projectIds[0]));
    const again = await assisted(contestId, projectIds[0], '+8613812341234', '李阿婆');
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_VOTED_TODAY' });
    expect(again.ok ? '' : again.message).toContain('138****1234');
    expectOk(await assisted(contestId, projectIds[1]));
    expect(codeOf(await assisted(contestId, projectIds[2]))).toBe('DAILY_LIMIT_REACHED');
    // The next day the same phone may vote again.
    expectOk(
      await rt.api(
        'vote',
        'assisted',
        { contestId, projectId: projectIds[0], voter: { name: '李阿婆', phone: PHONE } },
        { openid: STAFF, now: '2026-01-10T02:00:00Z' },
      ),
    );
    expect(ledgerTally(rt, contestId)).toEqual(shardTally(rt, contestId));
  });

  it('refuses people who are not staff of the contest, and bad input, writing nothing', async () => {
    const { contestId, projectIds } = await contestWithStaff(2);
    const other = await makeContest(rt, 1);
    const before = appData(rt);
    expect(codeOf(await assisted(contestId, projectIds[0], PHONE, '李阿婆', { openid: 'resident-x', now: DAY2 }))).toBe('FORBIDDEN');
    expect(codeOf(await assisted(other.contestId, other.projectIds[0]))).toBe('FORBIDDEN'); // staff of another contest
    expect(codeOf(await assisted(contestId, projectIds[0], '12345'))).toBe('BAD_REQUEST');
    expect(codeOf(await assisted(contestId, projectIds[0], PHONE, '   '))).toBe('BAD_REQUEST');
    expect(codeOf(await assisted(contestId, 'p-nope'))).toBe('NOT_FOUND');
    expect(appData(rt)).toBe(before);
  });

  it('keeps to the contest window like an online vote', async () => {
    const { contestId, projectIds } = await contestWithStaff(1);
    const late = await rt.api(
      'vote',
      'assisted',
      { contestId, projectId: projectIds[0], voter: { name: '李阿婆', phone: PHONE } },
      { openid: STAFF, now: '2026-01-14T02:00:00Z' },
    );
    expect(codeOf(late)).toBe('VOTING_ENDED');
  });

  it('limits each staff member per hour and shows the hour in the dashboard', async () => {
    const { contestId, projectIds } = await contestWithStaff(1, undefined, { assistedPerHour: 3 });
    for (let i = 0; i < 3; i++) expectOk(await assisted(contestId, projectIds[0], `1390000000${i}`));
    expect(codeOf(await assisted(contestId, projectIds[0], '13900000009'))).toBe('RATE_LIMITED');
    const desk = expectOk(await rt.api('vote', 'desk', { contestId }, AS_STAFF));
    expect(desk).toMatchObject({ perHour: 3, thisHour: 3, today: 3, projects: [{ projectId: projectIds[0], title: '项目1' }] });
    const dash = expectOk(await rt.api('report', 'dashboard', { contestId }, AS_ADMIN));
    expect(dash.assistedVotes).toBe(3);
    expect(dash.staff).toEqual([
      {
        contestId,
        contestTitle: '最佳人气奖',
        name: '王阿姨',
        ballots: 3,
        thisHour: 3,
        busiestHour: '2026-01-09 10:00',
        busiestHourBallots: 3,
        perHour: 3,
        overLimit: false,
      },
    ]);
  });

  it('publishes assisted ballots in the audit file: source and staff hashed, the chain verifiable', async () => {
    const { contestId, projectIds } = await contestWithStaff(2);
    const ballot = expectOk(await assisted(contestId, projectIds[0]));
    const online = expectOk(await vote(rt, contestId, projectIds[1], 'resident-audit'));
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, AS_ADMIN));
    const file = expectOk(await rt.api('contest', 'auditFile', { contestId }, AS_ADMIN));
    const row = file.rows.find((r) => r.receipt === ballot.receipt);
    expect(row).toMatchObject({ source: 'assisted', projectId: projectIds[0] });
    expect(row?.staff).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(file)).not.toContain(STAFF);
    expect(file.rows.find((r) => r.receipt === online.receipt)?.source).toBeUndefined();
    const rowsByBlock = new Map<number, ChainRow[]>();
    for (const r of file.rows) rowsByBlock.set(r.block, [...(rowsByBlock.get(r.block) ?? []), r]);
    expect(verifyChain(file.blocks, rowsByBlock)).toEqual({ ok: true });
    // Changing a row's source breaks its block's hash: the source is covered.
    const tampered = new Map([...rowsByBlock].map(([b, rows]) => [b, rows.map((r) => (r.receipt === ballot.receipt ? { ...r, source: undefined } : r))]));
    expect(verifyChain(file.blocks, tampered)).toMatchObject({ ok: false });
  });
});

describe('verified phones', () => {
  it('an assisted ballot and an online vote by the same verified phone, same project, same day: one counted, the other refused', async () => {
    const { contestId, projectIds } = await contestWithStaff(2, { verifiedPhone: true });
    expectOk(await verify('resident-v1', PHONE));
    // Desk first, then the phone's own account.
    expectOk(await assisted(contestId, projectIds[0]));
    const before = appData(rt);
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'resident-v1'))).toBe('ALREADY_VOTED_TODAY');
    expect(appData(rt)).toBe(before);
    // Account first, then the desk.
    expectOk(await vote(rt, contestId, projectIds[1], 'resident-v1'));
    expect(codeOf(await assisted(contestId, projectIds[1]))).toBe('ALREADY_VOTED_TODAY');
    expect(ledgerTally(rt, contestId)).toEqual({ [projectIds[0]]: 1, [projectIds[1]]: 1 });
    expect(shardTally(rt, contestId)).toEqual(ledgerTally(rt, contestId));
    // vote.mine shows both: the phone's ballots, whoever recorded them.
    const mine = expectOk(await rt.api('vote', 'mine', { contestId }, { openid: 'resident-v1', now: DAY2 }));
    expect(mine.items.map((v) => [v.projectId, Boolean(v.assisted)]).sort()).toEqual(
      [
        [projectIds[0], true],
        [projectIds[1], false],
      ].sort(),
    );
  });

  it('one phone is one voter across WeChat accounts; an unverified account is asked to verify', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1, { voters: { verifiedPhone: true } });
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'resident-v2'))).toBe('PHONE_NOT_VERIFIED');
    expect(expectOk(await verify('resident-v2', '13900001111'))).toEqual({ phoneMasked: '139****1111' });
    expectOk(await verify('resident-v3', '13900001111'));
    expectOk(await vote(rt, contestId, projectIds[0], 'resident-v2'));
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'resident-v3'))).toBe('ALREADY_VOTED_TODAY');
    const page = expectOk(await rt.api('contest', 'get', { contestId }, { openid: 'resident-v3', now: DAY2 }));
    expect(page.me).toMatchObject({ phoneVerified: true, phoneMasked: '139****1111', votedToday: { [projectIds[0]]: 1 }, votesLeftToday: 0 });
    const fresh = expectOk(await rt.api('contest', 'get', { contestId }, { openid: 'resident-new', now: DAY2 }));
    expect(fresh.me).toMatchObject({ phoneVerified: false, votesLeftToday: 1 });
  });

  it('exchanges each code with the emulated WeChat once, and binds an account to one phone', async () => {
    const code = await rt.phoneCode('13900002222');
    const before = (await rt.outbox()).length;
    expectOk(await rt.api('vote', 'verifyPhone', { code }, { openid: 'resident-v4', now: DAY2 }));
    const calls = (await rt.outbox()).slice(before);
    expect(calls).toEqual([expect.objectContaining({ api: 'phonenumber.getPhoneNumber', params: { code }, errCode: 0 })]);
    // A used code, a made-up code: WeChat refuses them (errcode 40029) and nothing is written.
    const snapshot = appData(rt);
    expect(codeOf(await rt.api('vote', 'verifyPhone', { code }, { openid: 'resident-v5', now: DAY2 }))).toBe('BAD_REQUEST');
    expect(codeOf(await rt.api('vote', 'verifyPhone', { code: 'made-up' }, { openid: 'resident-v5', now: DAY2 }))).toBe('BAD_REQUEST');
    expect(appData(rt)).toBe(snapshot);
    expect((await rt.outbox()).slice(-2).map((c) => (c as { errCode?: number }).errCode)).toEqual([40029, 40029]);
    // The same phone again is fine; another phone for the same account is refused.
    expectOk(await verify('resident-v4', '13900002222'));
    expect(codeOf(await verify('resident-v4', '13900003333'))).toBe('CONFLICT');
  });

  it('voter rules are fixed once voting has started', async () => {
    const { contestId } = await makeContest(rt, 1);
    const res = await rt.api('contest', 'update', { contestId, patch: { voters: { verifiedPhone: true } } }, AS_ADMIN);
    expect(codeOf(res)).toBe('BAD_REQUEST');
    const early = await rt.api(
      'contest',
      'update',
      { contestId, patch: { voters: { rosterOnly: true } } },
      { openid: ADMIN, now: '2026-01-01T00:00:00+08:00' },
    );
    expectOk(early);
    const page = expectOk(await rt.api('contest', 'get', { contestId }, AS_ADMIN));
    expect(page.contest.settings.voters).toEqual({ verifiedPhone: true, rosterOnly: true });
  });
});

describe('the resident roster', () => {
  it('imports name + phone rows as keyed hashes only, reports skipped rows and deletes the upload', async () => {
    const { contestId } = await makeContest(rt, 1, { voters: { rosterOnly: true } });
    const fileID = await uploadRoster(
      [
        ['张三', '13800000001'],
        ['李四', '138-0000-0002'],
        ['王五', '12345'],
        ['张三', '13800000001'],
        ['', '13800000003'],
      ],
      'a.xlsx',
    );
    const res = expectOk(await rt.api('report', 'importRoster', { contestId, fileID }, AS_ADMIN));
    expect(res).toMatchObject({ size: 2, added: 2, removed: 0 });
    expect(res.skipped.map((s) => s.row)).toEqual([4, 5, 6]);
    expect(res.skipped[1].reason).toBe('手机号与第2行重复');
    expect(appData(rt)).not.toMatch(/1380000000[12]|张三|李四/);
    expect(rt.runtime.emulator.db.count('roster_entries', { contestId })).toBe(2);
    // The uploaded list is gone from storage.
    const again = await rt.api('report', 'importRoster', { contestId, fileID }, AS_ADMIN);
    expect(codeOf(again)).toBe('NOT_FOUND');
    // A new import replaces the roster.
    const next = expectOk(
      await rt.api(
        'report',
        'importRoster',
        {
          contestId,
          fileID: await uploadRoster(
            [
              ['李四', '13800000002'],
              ['赵六', '13800000004'],
            ],
            'b.xlsx',
          ),
        },
        AS_ADMIN,
      ),
    );
    expect(next).toMatchObject({ size: 2, added: 1, removed: 1 });
    const page = expectOk(await rt.api('contest', 'get', { contestId }, AS_ADMIN));
    expect(page.contest.roster?.size).toBe(2);
  });

  it('a roster-only contest refuses a phone not on the roster and writes nothing (desk and mini-program)', async () => {
    const { contestId, projectIds } = await contestWithStaff(1, { rosterOnly: true });
    expectOk(await rt.api('report', 'importRoster', { contestId, fileID: await uploadRoster([['张三', '13800000011']], 'c.xlsx') }, AS_ADMIN));
    expectOk(await verify('resident-r1', '13800000012')); // verified, not listed
    expectOk(await verify('resident-r2', '13800000011')); // listed
    const before = appData(rt);
    const refused = await assisted(contestId, projectIds[0], '13800000012');
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(refused.ok ? '' : refused.message).toContain('138****0012');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'resident-r1'))).toBe('FORBIDDEN');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'resident-unverified'))).toBe('PHONE_NOT_VERIFIED');
    expect(appData(rt)).toBe(before);
    expectOk(await vote(rt, contestId, projectIds[0], 'resident-r2'));
    expect(codeOf(await assisted(contestId, projectIds[0], '13800000011'))).toBe('ALREADY_VOTED_TODAY');
    const page = expectOk(await rt.api('contest', 'get', { contestId }, { openid: 'resident-r1', now: DAY2 }));
    expect(page.me).toMatchObject({ phoneVerified: true, onRoster: false });
  });

  it('a roster-only contest lets only listed residents sign up for its activities', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1, { voters: { rosterOnly: true } });
    expectOk(await rt.api('report', 'importRoster', { contestId, fileID: await uploadRoster([['张三', '13800000021']], 'd.xlsx') }, AS_ADMIN));
    const { activityId } = expectOk(
      await rt.api(
        'activity',
        'create',
        { title: '议事会', projectId: projectIds[0], startsAt: '2026-01-20T09:00:00+08:00', endsAt: '2026-01-20T11:00:00+08:00', capacity: 10 },
        AS_ADMIN,
      ),
    );
    expectOk(await verify('resident-s1', '13800000022'));
    expectOk(await verify('resident-s2', '13800000021'));
    const form = { name: '张三', phone: '13800000021' };
    const before = appData(rt);
    expect(codeOf(await rt.api('activity', 'signup', { activityId, form }, { openid: 'resident-s0', now: DAY2 }))).toBe('PHONE_NOT_VERIFIED');
    expect(codeOf(await rt.api('activity', 'signup', { activityId, form }, { openid: 'resident-s1', now: DAY2 }))).toBe('FORBIDDEN');
    expect(
      codeOf(await rt.api('activity', 'signup', { activityId, forOther: { name: '李四', phone: '13800000029' } }, { openid: 'resident-s2', now: DAY2 })),
    ).toBe('FORBIDDEN');
    expect(appData(rt)).toBe(before);
    expect(expectOk(await rt.api('activity', 'signup', { activityId, form }, { openid: 'resident-s2', now: DAY2 })).status).toBe('confirmed');
  });
});

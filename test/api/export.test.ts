/**
 * report.export and report.dashboard: the workbook (locally a file under the data dir) is
 * opened with exceljs and checked cell by cell against what the API itself reports.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const T0 = '2026-03-01T10:00:00+08:00';
const AT_EVENT = '2026-03-05T09:30:00+08:00';
const LATER = '2026-03-06T10:00:00+08:00';
const admin = (now = T0) => ({ openid: ADMIN, now });

let contestId = '';
let p1 = '';
let p2 = '';
let activityId = '';
const phones: Record<string, string> = { 'r-1': '13800000001', 'r-2': '13800000002', 'r-3': '13800000003' };
const names: Record<string, string> = { 'r-1': '张一', 'r-2': '王二', 'r-3': '李三' };

/** What the admin's phone gets from the short-lived link the function handed out. */
async function download(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`download ${res.status}: ${await res.text()}`);
  return res.arrayBuffer();
}

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

beforeAll(async () => {
  rt = await startTestRuntime();
  contestId = expectOk(
    await rt.api(
      'contest',
      'create',
      { title: '2026 家门口微项目', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } },
      admin(),
    ),
  ).contestId;
  p1 = expectOk(
    await rt.api(
      'contest',
      'addProject',
      {
        contestId,
        title: '10号院自治',
        team: '自管会',
        community: '智德社区',
        planned: [
          { type: '居民议事会', sessions: 5 },
          { type: '义务劳动', sessions: 3 },
        ],
      },
      admin(),
    ),
  ).projectId;
  p2 = expectOk(
    await rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指', planned: [{ type: '种植课', sessions: 2 }] }, admin()),
  ).projectId;
  const ballots: [string, string][] = [
    ['r-1', p1],
    ['r-2', p1],
    ['r-3', p1],
    ['r-4', p2],
    ['r-5', p2],
    ['r-6', p2],
    ['r-1', p2],
  ];
  for (const [who, projectId] of ballots) expectOk(await rt.api('vote', 'cast', { contestId, projectId }, { openid: who, now: T0 }));
  // One vote voided by the admin: it leaves the tally but stays in the ledger.
  expectOk(await rt.api('vote', 'void', { contestId, voteIds: [`${contestId}:${p2}:r-6:2026-03-01`], reason: '重复账号' }, admin()));

  activityId = expectOk(
    await rt.api(
      'activity',
      'create',
      {
        title: '第一次居民议事会',
        projectId: p1,
        type: '居民议事会',
        startsAt: '2026-03-05T09:00:00+08:00',
        endsAt: '2026-03-05T11:00:00+08:00',
        capacity: 10,
        fields: [{ key: 'kids', label: '同行孩子人数', kind: 'number' }],
      },
      admin(),
    ),
  ).activityId;
  for (const [who, phone] of Object.entries(phones)) {
    expectOk(
      await rt.api('activity', 'signup', { activityId, form: { name: names[who], phone, answers: { kids: who === 'r-1' ? 2 : 0 } } }, { openid: who, now: T0 }),
    );
  }
  const roster = expectOk(await rt.api('activity', 'roster', { activityId }, admin()));
  for (const item of roster.items.filter((i) => i.name !== '李三')) {
    expectOk(await rt.api('checkin', 'manual', { activityId, signupId: item.signupId }, admin(AT_EVENT)));
  }
  // A walk-in (现场参加) scans the live code and says who they are.
  const { token } = expectOk(await rt.api('checkin', 'token', { activityId }, admin(AT_EVENT)));
  expectOk(await rt.api('checkin', 'scan', { token, name: '赵六' }, { openid: 'r-9', now: AT_EVENT }));
});
afterAll(async () => {
  await rt.stop();
});

describe('report.dashboard', () => {
  it("gives the programme's figures from the ledgers", async () => {
    const all = expectOk(await rt.api('report', 'dashboard', {}, admin(LATER)));
    expect(all).toMatchObject({ contests: 1, projects: 2, plannedSessions: 10, activitiesHeld: 1, personTimes: 3, uniquePeople: 3, votes: 6, voters: 5 });
    const one = expectOk(await rt.api('report', 'dashboard', { contestId }, admin(LATER)));
    expect(one).toMatchObject({ contestId, contests: 1, projects: 2, votes: 6, voters: 5, personTimes: 3 });
    // Before the activity starts nothing is held yet.
    expect(expectOk(await rt.api('report', 'dashboard', {}, admin(T0)))).toMatchObject({ activitiesHeld: 0, personTimes: 0, uniquePeople: 0 });
  });

  it('answers NOT_FOUND for an unknown contest', async () => {
    expect(await rt.api('report', 'dashboard', { contestId: 'nope' }, admin())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('report.export', () => {
  let wb: ExcelJS.Workbook;
  let sheets: { name: string; rows: number }[] = [];
  let fileName = '';
  let fileID = '';

  beforeAll(async () => {
    const res = expectOk(await rt.api('report', 'export', { contestId }, admin(LATER)));
    // API.md: locally the fileID is a file path under the data dir.
    expect(res.fileID).toMatch(/\.xlsx$/);
    expect(path.relative(rt.dataDir, res.fileID).startsWith('..')).toBe(false);
    expect(fs.existsSync(res.fileID)).toBe(true);
    sheets = res.sheets ?? [];
    fileName = res.fileName ?? '';
    fileID = res.fileID;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(res.fileID);
    expect(Buffer.from(await download(res.url)).equals(fs.readFileSync(res.fileID))).toBe(true);
    // Names and phones: a client reading the storage path directly is refused (storage rule PRIVATE),
    // and so is a link whose signature was not made by the storage.
    expect((await fetch(`${rt.url}/storage/file?fileID=${encodeURIComponent(res.fileID)}`)).status).toBe(403);
    expect((await fetch(res.url.replace(/sign=[0-9a-f]/, 'sign=x'))).status).toBe(403);
  });

  it('has the summary, ranking, ledger, plan, 成果汇总 and one sign-up sheet for all activities, under a name with the programme and the day', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '最终排名', '投票明细', '计划与实际', '成果汇总', '报名签到名单']);
    expect(fileName).toBe('2026家门口微项目_报名签到与投票_2026-03-06.xlsx');
    expect(path.basename(fileID)).toBe(fileName);
    expect(sheets.map((s) => s.name)).toEqual(wb.worksheets.map((w) => w.name));
  });

  it('ranks as contest.leaderboard does', async () => {
    const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, admin(LATER)));
    const rows = rowsOf(wb.getWorksheet('最终排名') as ExcelJS.Worksheet);
    expect(rows[0]).toEqual(['名次', '项目名称', '团队', '社区', '票数', '获奖', '项目编号']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4], r[6]])).toEqual(board.items.map((i) => [i.rank, i.title, i.votes, i.projectId]));
    expect(rows.slice(1).map((r) => [r[2], r[3] ?? ''])).toEqual([
      ['自管会', '智德社区'],
      ['绿手指', ''],
    ]);
  });

  it('lists every ledger row with the voter hashed, and the void with its reason', async () => {
    const rows = rowsOf(wb.getWorksheet('投票明细') as ExcelJS.Worksheet).slice(1);
    expect(rows).toHaveLength(7);
    const text = JSON.stringify(rows);
    for (const who of ['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6']) expect(text).not.toContain(who);
    expect(rows.every((r) => /^[0-9a-f]{16}$/.test(String(r[5])))).toBe(true);
    expect(new Set(rows.map((r) => r[5])).size).toBe(6);
    const voided = rows.filter((r) => r[6] === '作废');
    expect(voided).toHaveLength(1);
    expect(voided[0][7]).toBe('重复账号');
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const mine = expectOk(await rt.api('vote', 'mine', { contestId }, { openid: 'r-1', now: LATER }));
    const receipts = rows.map((r) => r[1]);
    for (const v of mine.items) if (v.receipt) expect(receipts).toContain(v.receipt);
  });

  it('has the 成果册 as report.programme computes it: a row a project, then the totals', async () => {
    const programme = expectOk(await rt.api('report', 'programme', { contestId }, admin(LATER)));
    const rows = rowsOf(wb.getWorksheet('成果汇总') as ExcelJS.Worksheet);
    expect(rows[0]).toEqual(expect.arrayContaining(['项目', '受益人次', '志愿服务时长（小时）', '居民评价（平均星级）', '撬动社会资源（元）', '成果数据']));
    const col = (name: string) => (rows[0] as string[]).indexOf(name);
    expect(rows.slice(1, -1).map((r) => [r[col('项目')], r[col('受益人次')], r[col('得票')], r[col('名次')]])).toEqual(
      programme.projects.map((p) => [p.title, p.personTimes, p.votes, p.rank]),
    );
    const total = rows[rows.length - 1];
    expect(total[col('项目')]).toBe('合计（2 个项目）');
    expect([total[col('计划活动次数')], total[col('实际举办次数')], total[col('受益人次')], total[col('受益人数')], total[col('得票')]]).toEqual([
      programme.totals.plannedSessions,
      programme.totals.heldSessions,
      programme.totals.personTimes,
      programme.totals.uniquePeople,
      programme.totals.votes,
    ]);
    expect(sheets.find((s) => s.name === '成果汇总')?.rows).toBe(2);
  });

  it("shows each project's planned-vs-held table as report.project computes it", async () => {
    const rows = rowsOf(wb.getWorksheet('计划与实际') as ExcelJS.Worksheet);
    expect(rows[0]).toEqual(['活动名称', '计划次数', '实际次数', '受益人次']);
    const expected: unknown[][] = [['活动名称', '计划次数', '实际次数', '受益人次']];
    for (const [projectId, title] of [
      [p1, '10号院自治'],
      [p2, '楼道花园'],
    ]) {
      const r = expectOk(await rt.api('report', 'project', { projectId }, admin(LATER)));
      if (projectId === p2) expected.push([]);
      expected.push([`项目：${title}`]);
      for (const row of r.rows) expected.push([row.type, row.plannedSessions, row.heldSessions, row.personTimes]);
      expected.push(['合计', r.totals.plannedSessions, r.totals.heldSessions, r.totals.personTimes]);
      expected.push(['受益人数', undefined, undefined, r.totals.uniquePeople]);
    }
    expect(rows).toEqual(expected);
    expect(rows[2]).toEqual(['居民议事会', 5, 1, 3]);
  });

  it("lists every activity's roster on one sheet — full phones, check-ins, walk-ins by name, answers under their question — as activity.export gives it", async () => {
    const api = expectOk(await rt.api('activity', 'export', { activityId }, admin(LATER)));
    const ws = wb.getWorksheet('报名签到名单') as ExcelJS.Worksheet;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual([
      '项目',
      '活动',
      '活动时间',
      '姓名',
      '手机号',
      '报名状态',
      '代家人报名',
      '报名时间',
      '签到',
      '签到时间',
      '签到方式',
      '备注',
      '同行孩子人数',
    ]);
    const body = rows.slice(1).map((r) => [r[3] ?? '', r[4] ?? '', r[5], r[8], r[12] ?? '']);
    expect(body.map((r) => [r[0], r[1], r[3]])).toEqual(api.items.map((i) => [i.name, i.phone, i.checkedIn ? '是' : '否']));
    expect(body).toEqual([
      ['张一', phones['r-1'], '已确认', '是', '2'],
      ['王二', phones['r-2'], '已确认', '是', '0'],
      ['李三', phones['r-3'], '已确认', '否', '0'],
      ['赵六', '', '现场参加', '是', ''],
    ]);
    expect(rows[1].slice(0, 3)).toEqual(['10号院自治', '第一次居民议事会', '2026-03-05 09:00']);
    expect(rows[1][9]).toBe('2026-03-05 09:30:00');
    expect([rows[1][10], rows[4][10]]).toEqual(['手动', '扫码']);
    // A filter on every column, the header frozen.
    expect(ws.autoFilter).toBe('A1:M5');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('matches report.dashboard in the summary and is in the audit log', async () => {
    const f = expectOk(await rt.api('report', 'dashboard', { contestId }, admin(LATER)));
    const rows = new Map(
      rowsOf(wb.getWorksheet('汇总') as ExcelJS.Worksheet)
        .slice(1)
        .map((r) => [r[0], r[1]]),
    );
    expect([rows.get('项目数'), rows.get('已举办活动'), rows.get('受益人次'), rows.get('受益人数'), rows.get('有效票数'), rows.get('投票人数')]).toEqual([
      f.projects,
      f.activitiesHeld,
      f.personTimes,
      f.uniquePeople,
      f.votes,
      f.voters,
    ]);
    const log = expectOk(await rt.api('role', 'audit', { type: 'report.export' }, admin(LATER)));
    expect(log.items[0]).toMatchObject({ actor: ADMIN, action: 'report.export', target: contestId });
  });

  it('is refused to a resident (every role check: permissions.test.ts)', async () => {
    expect(await rt.api('report', 'export', { contestId }, { openid: 'r-1', now: LATER })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.api('report', 'dashboard', {}, { openid: 'r-1', now: LATER })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

/**
 * The 成果册 on the demo programme (the data `npm start` shows): report.programme's totals are
 * the sums of the projects' own report.project figures; the PDF reads back with a summary page
 * plus one page per project and the programme's title in Chinese; the organizers' figures go
 * through the admin's review.
 */
import type { ProgrammeReport, ProjectReport } from '../../typings';
import { sumHours } from '../../cloudfunctions/common/report/figures';
import { ADMIN, appData, codeOf, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { readPdf } from '../support/pdf-text';

const ORGANIZER = 'organizer-1';

let rt: TestRuntime;
let contestId: string;
let programme: ProgrammeReport;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: 'demo' });
  contestId = expectOk(await rt.api('contest', 'list', {}, { openid: ADMIN })).items[0].contestId;
  programme = expectOk(await rt.api('report', 'programme', { contestId }, { openid: ADMIN }));
}, 240_000);
afterAll(async () => {
  await rt?.stop();
});

test('the demo fills the 成果册: every project held sessions, was rated and has figures', () => {
  expect(programme.projects).toHaveLength(15);
  for (const p of programme.projects) {
    expect(p.heldSessions).toBeGreaterThan(0);
    expect(p.personTimes).toBeGreaterThan(0);
    expect(p.satisfaction.count).toBeGreaterThan(0);
    expect(p.coverImage).toBeTruthy();
  }
  // Seed 002's 成绩单 for the figures only organizers know.
  expect(programme.totals).toMatchObject({ resourcesYuan: 62619, eventsSolved: 39, publicity: { pieces: 51, views: 20392 } });
  expect(programme.totals.volunteerHours).toBeGreaterThan(0);
  expect(programme.projects.map((p) => p.outcomes)).toContain('pending');
});

test('the programme totals equal the sums of the projects’ reports', async () => {
  const reports: ProjectReport[] = [];
  for (const p of programme.projects) reports.push(expectOk(await rt.api('report', 'project', { projectId: p.projectId }, { openid: ADMIN })));
  const sum = (pick: (r: ProjectReport) => number) => reports.reduce((t, r) => t + pick(r), 0);

  for (const [i, p] of programme.projects.entries()) {
    const r = reports[i];
    expect({ ...p, satisfaction: p.satisfaction }).toMatchObject({
      ...r.totals,
      satisfaction: r.satisfaction,
      volunteerHours: sumHours(r.hours.map((h) => h.hours)),
    });
  }
  const t = programme.totals;
  expect(t.plannedSessions).toBe(sum((r) => r.totals.plannedSessions));
  expect(t.heldSessions).toBe(sum((r) => r.totals.heldSessions));
  expect(t.personTimes).toBe(sum((r) => r.totals.personTimes));
  expect(t.volunteerHours).toBe(sumHours(reports.flatMap((r) => r.hours.map((h) => h.hours))));
  // Distinct people over the programme: the demo's neighbours each belong to one project, so it is the sum here.
  expect(t.uniquePeople).toBe(sum((r) => r.totals.uniquePeople));
  expect(t.satisfaction.count).toBe(sum((r) => r.satisfaction.count));
  const stars = reports.reduce((s, r) => s + (r.satisfaction.average ?? 0) * r.satisfaction.count, 0);
  expect(Math.abs((t.satisfaction.average ?? 0) - stars / t.satisfaction.count)).toBeLessThanOrEqual(0.1);
  expect(t.resourcesYuan).toBe(programme.projects.reduce((s, p) => s + p.resourcesYuan, 0));

  // Votes and ranks are the leaderboard's.
  const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { openid: ADMIN }));
  for (const item of board.items) expect(programme.projects.find((p) => p.projectId === item.projectId)).toMatchObject({ votes: item.votes, rank: item.rank });
  expect(t.votes).toBe(board.total);
});

test('only an admin reads the 成果册', async () => {
  for (const openid of ['demo-resident-1', ORGANIZER]) {
    expect(codeOf(await rt.api('report', 'programme', { contestId }, { openid }))).toBe('FORBIDDEN');
    expect(codeOf(await rt.api('report', 'programmePdf', { contestId }, { openid }))).toBe('FORBIDDEN');
  }
});

test('the PDF: a summary page, one page per project, Chinese text including the programme title', async () => {
  const { url, pages } = expectOk(await rt.api('report', 'programmePdf', { contestId }, { openid: ADMIN }));
  expect(pages).toBe(16);
  expect(url).toMatch(/^https?:\/\//);
  const res = await fetch(encodeURI(url));
  expect(res.status).toBe(200);
  const pdf = Buffer.from(await res.arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = await readPdf(pdf);
  expect(text.pages).toHaveLength(programme.projects.length + 1);
  expect(text.pages[0]).toContain(programme.title);
  expect(text.pages[0]).toContain('成果册');
  expect(text.pages[0]).toContain('62,619 元');
  for (const [i, p] of programme.projects.entries()) {
    expect(text.pages[i + 1]).toContain(p.title);
    expect(text.pages[i + 1]).toContain(programme.title);
  }
  // The font is embedded as a subset, not whole (the font file is about 8 MB).
  expect(pdf.length).toBeLessThan(1_500_000);
});

test('an organizer’s figures wait for the admin; sent back, they count as 0 until entered again', async () => {
  const projectId = programme.projects[0].projectId;
  const other = programme.projects[1].projectId;
  expect(codeOf(await rt.api('report', 'setOutcomes', { projectId: other, eventsSolved: 99 }, { openid: ORGANIZER }))).toBe('FORBIDDEN');
  const before = appData(rt);
  expect(codeOf(await rt.api('report', 'setOutcomes', { projectId, resourcesYuan: -1 }, { openid: ORGANIZER }))).toBe('BAD_REQUEST');
  expect(codeOf(await rt.api('report', 'setOutcomes', { projectId, eventsSolved: 1.5 }, { openid: ORGANIZER }))).toBe('BAD_REQUEST');
  expect(codeOf(await rt.api('report', 'reviewOutcomes', { projectId, approve: false }, { openid: ADMIN }))).toBe('BAD_REQUEST');
  expect(appData(rt)).toBe(before);

  expect(expectOk(await rt.api('report', 'setOutcomes', { projectId, eventsSolved: 6 }, { openid: ORGANIZER }))).toEqual({ projectId, status: 'pending' });
  const entered = expectOk(await rt.api('report', 'outcomes', { projectId }, { openid: ORGANIZER }));
  expect(entered).toMatchObject({ status: 'pending', eventsSolved: 6, resourcesYuan: programme.projects[0].resourcesYuan });
  let now = expectOk(await rt.api('report', 'programme', { contestId }, { openid: ADMIN }));
  expect(now.totals.eventsSolved).toBe(programme.totals.eventsSolved + 2);

  expect(expectOk(await rt.api('report', 'reviewOutcomes', { projectId, approve: false, note: '请附上微事件清单' }, { openid: ADMIN })).status).toBe(
    'returned',
  );
  now = expectOk(await rt.api('report', 'programme', { contestId }, { openid: ADMIN }));
  expect(now.projects[0]).toMatchObject({ outcomes: 'returned', eventsSolved: 0, resourcesYuan: 0 });
  expect(expectOk(await rt.api('report', 'outcomes', { projectId }, { openid: ORGANIZER })).note).toBe('请附上微事件清单');

  expectOk(await rt.api('report', 'setOutcomes', { projectId, eventsSolved: 4 }, { openid: ORGANIZER }));
  expect(expectOk(await rt.api('report', 'reviewOutcomes', { projectId, approve: true }, { openid: ADMIN })).status).toBe('approved');
  now = expectOk(await rt.api('report', 'programme', { contestId }, { openid: ADMIN }));
  expect(now.projects[0]).toMatchObject({ outcomes: 'approved', eventsSolved: 4 });
  expect(now.totals.eventsSolved).toBe(programme.totals.eventsSolved);
});

test('the demo has a desk and judges: 12 ballots recorded by a named staff member, two judges scored every project', async () => {
  const dash = expectOk(await rt.api('report', 'dashboard', { contestId }, { openid: ADMIN }));
  expect(dash.assistedVotes).toBe(12);
  expect(dash.staff).toEqual([expect.objectContaining({ name: '何社工', ballots: 12, overLimit: false })]);
  const sheet = expectOk(await rt.api('contest', 'scoreSheet', { contestId }, { openid: ADMIN }));
  expect(sheet.scoring.criteria.map((c) => c.weight)).toEqual([40, 30, 30]);
  expect(sheet.projects.every((p) => p.judged === 2)).toBe(true);
  // The organizer persona may judge too, but not the projects of their own team.
  const mine = expectOk(await rt.api('contest', 'scoreSheet', { contestId }, { openid: ORGANIZER }));
  expect(mine.projects.filter((p) => p.ownTeam)).toHaveLength(2);
});

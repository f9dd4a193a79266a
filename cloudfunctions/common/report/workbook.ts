/**
 * report.export: the contest's workbook for the funders and the street office — 汇总, 最终排名,
 * 投票明细 (voters as salted hashes), 计划与实际 per project (seed 003's columns) and
 * 报名签到名单, every activity's roster on one long sheet (full phone numbers: admins only).
 * Written with exceljs' streaming writer to a temporary file, the ledger read in pages, so a
 * large contest never sits in memory; then stored with cloud.uploadFile → fileID.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type ExcelJS from 'exceljs';
import type { AttendanceStatus, CheckinMethod, ExportSheetCount, OutcomesStatus, ProgrammeFigures } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import type { CallContext } from '../handler';
import { requireAdmin } from '../roles/policy';
import { COLLECTIONS } from '../collections';
import { getCloud } from '../platform/cloud';
import { tempUrlOf } from '../platform/storage';
import { recordAudit } from '../audit/log';
import { formatShanghai } from '../platform/time';
import { asDate } from '../platform/documents';
import { requireContest } from '../vote/store';
import { rankByVotes } from '../vote/ranking';
import { voterHash } from '../vote/chain';
import { auditSalt } from '../vote/ledger';
import type { ContestDoc } from '../vote/model';
import { dashboard } from './dashboard';
import { buildProgramme } from './programme';
import { aggregateOf, allOf, projectsOf, votesPerProject, type ProjectLite } from './figures';
import { activityFromDoc, type ActivityDoc } from '../activity/model';
import { rosterWithPhones } from '../activity/read';

/** Every project's report and the 成果册 built from them, once per export. */
type Programme = Awaited<ReturnType<typeof buildProgramme>>;

/** The contest's activities in full (their custom questions name columns). */
async function activityDocsOf(db: Database, projectIds: string[]): Promise<ActivityDoc[]> {
  if (!projectIds.length) return [];
  return (await allOf(db, COLLECTIONS.activities, { projectId: db.command.in(projectIds) })).map(activityFromDoc);
}

/** Ledger rows read per round trip (the most a function's get() returns). */
export const LEDGER_PAGE = 1000;

export const SHEETS = {
  summary: '汇总',
  ranking: '最终排名',
  ledger: '投票明细',
  plan: '计划与实际',
  programme: '成果汇总',
  signups: '报名签到名单',
} as const;

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/** exceljs (about 2 MB) is loaded by the export action only, not at every cold start of the report function. */
function excel(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}
type Cell = string | number | null;

const STATUS_TEXT: Record<AttendanceStatus, string> = {
  confirmed: '已确认',
  waitlisted: '候补',
  pending: '待审核',
  cancelled: '已取消',
  rejected: '未通过',
  walkIn: '现场参加',
};
const OUTCOMES_TEXT: Record<OutcomesStatus, string> = { none: '未填报', pending: '待审核', approved: '已审核', returned: '已退回（按 0 计）' };
const METHOD_TEXT: Record<CheckinMethod, string> = { scan: '扫码', manual: '手动', verify: '核验' };

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Beijing time as YYYY-MM-DD HH:mm:ss. China has no daylight saving: a fixed +8 h is exact, and far cheaper per row than a time-zone library. */
export function shanghaiText(value: unknown): string {
  if (!value) return '';
  const ms = asDate(value).getTime();
  if (Number.isNaN(ms)) return '';
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const time = shanghaiText;

/** Excel forbids []:*?/\ in sheet names and allows 31 characters; names must be unique. */
export function sheetName(base: string, taken: Set<string>): string {
  const clean = base.replace(/[[\]:*?/\\]/g, ' ').trim() || '工作表';
  let name = [...clean].slice(0, 31).join('');
  for (let n = 2; taken.has(name); n++) {
    const suffix = `(${n})`;
    name = [...clean].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(name);
  return name;
}

function addSheet(wb: Writer, name: string, header: string[], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return ws;
}

function put(ws: ExcelJS.Worksheet, cells: Cell[]): void {
  ws.addRow(cells).commit();
}

async function writeSummary(ctx: CallContext, wb: Writer, contest: ContestDoc): Promise<number> {
  const f = await dashboard(ctx, contest._id);
  const ws = addSheet(wb, SHEETS.summary, ['指标', '数值'], [18, 40]);
  const rows: [string, Cell][] = [
    ['评选活动', contest.title],
    ['投票时间', `${time(contest.voting.startsAt)} 至 ${time(contest.voting.endsAt)}`],
    ['项目数', f.projects],
    ['计划活动次数', f.plannedSessions],
    ['已举办活动', f.activitiesHeld],
    ['受益人次', f.personTimes],
    ['受益人数', f.uniquePeople],
    ['有效票数', f.votes],
    ['投票人数', f.voters],
    ['导出时间', time(ctx.now)],
  ];
  for (const r of rows) put(ws, r);
  ws.commit();
  return rows.length;
}

async function writeRanking(ctx: CallContext, wb: Writer, contest: ContestDoc, projects: ProjectLite[], order: Map<string, number>): Promise<number> {
  const tallies = await votesPerProject(ctx.db, contest._id);
  const ranked = rankByVotes(
    projects.map((p) => ({ projectId: p._id, votes: tallies.get(p._id) ?? 0, order: order.get(p._id) ?? 0 })),
    contest.settings?.topN ?? 5,
    contest.status === 'published',
  );
  const full = await allOf(ctx.db, COLLECTIONS.projects, { contestId: contest._id }, { _id: true, team: true, community: true });
  const extra = new Map(full.map((p) => [String(p._id), p]));
  const title = new Map(projects.map((p) => [p._id, p.title ?? '']));
  const ws = addSheet(wb, SHEETS.ranking, ['名次', '项目名称', '团队', '社区', '票数', '获奖', '项目编号'], [8, 30, 20, 16, 10, 8, 26]);
  for (const r of ranked) {
    const p = extra.get(r.projectId);
    put(ws, [r.rank, title.get(r.projectId) ?? '', String(p?.team ?? ''), String(p?.community ?? ''), r.votes, r.winner ? '是' : '', r.projectId]);
  }
  ws.commit();
  return ranked.length;
}

/** Ledger slices (one voting day of one project), each small enough to sort cheaply. */
async function ledgerSlices(db: Database, contestId: string): Promise<{ projectId: string; day: string }[]> {
  const list = await aggregateOf(db, COLLECTIONS.votes, (agg) =>
    agg
      .match({ contestId })
      .group({ _id: { projectId: '$projectId', day: '$day' } })
      .limit(1_000_000),
  );
  return list
    .map((r) => {
      const key = r._id as { projectId?: unknown; day?: unknown };
      return { projectId: String(key.projectId), day: String(key.day) };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.projectId.localeCompare(b.projectId));
}

/** Slices read ahead while earlier ones are written: the database round trips overlap the writing. */
const READ_AHEAD = 4;

/** Every row of one slice, by _id, with keyset paging (no skip, so a deep page costs what the first one does). */
async function readSlice(db: Database, slice: { projectId: string; day: string }): Promise<Doc[][]> {
  const _ = db.command;
  const fields = { _id: true, projectId: true, openid: true, day: true, at: true, receipt: true, voided: true };
  const pages: Doc[][] = [];
  let after = '';
  for (;;) {
    // A project id belongs to one contest: the slice is named by (project, day) alone, which an
    // index on projectId (or projectId+day in the cloud console) answers without a ledger scan.
    const where: Doc = { projectId: slice.projectId, day: slice.day };
    if (after) where._id = _.gt(after);
    const page = (await db.collection(COLLECTIONS.votes).where(where).orderBy('_id', 'asc').limit(LEDGER_PAGE).field(fields).get()).data;
    if (page.length) pages.push(page);
    if (page.length < LEDGER_PAGE) return pages;
    after = String(page[page.length - 1]._id);
  }
}

/** The ledger in pages of at most LEDGER_PAGE rows, by day, then project, then _id. */
async function* ledgerPages(db: Database, contestId: string): AsyncGenerator<Doc[]> {
  const slices = await ledgerSlices(db, contestId);
  const inFlight: Promise<Doc[][]>[] = [];
  let next = 0;
  const fill = () => {
    while (next < slices.length && inFlight.length < READ_AHEAD) {
      const read = readSlice(db, slices[next++]);
      // Awaited in order below; this keeps a failure of a slice read ahead from being "unhandled" meanwhile.
      read.catch(() => undefined);
      inFlight.push(read);
    }
  };
  fill();
  while (inFlight.length) {
    const pages = await (inFlight.shift() as Promise<Doc[][]>);
    fill();
    for (const page of pages) yield page;
  }
}

async function writeLedger(ctx: CallContext, wb: Writer, contestId: string, titles: Map<string, string>): Promise<number> {
  const salt = auditSalt();
  // One person casts many votes: hash each voter once.
  const hashes = new Map<string, string>();
  const hashOf = (openid: string) => {
    let h = hashes.get(openid);
    if (!h) {
      h = voterHash(openid, salt);
      hashes.set(openid, h);
    }
    return h;
  };
  const ws = addSheet(
    wb,
    SHEETS.ledger,
    ['序号', '回执码', '项目名称', '投票日', '投票时间', '投票人（加密）', '状态', '作废原因'],
    [8, 14, 30, 12, 20, 20, 8, 24],
  );
  let n = 0;
  for await (const page of ledgerPages(ctx.db, contestId)) {
    for (const v of page) {
      const voided = v.voided as { reason?: string } | undefined;
      n += 1;
      put(ws, [
        n,
        String(v.receipt ?? ''),
        titles.get(String(v.projectId)) ?? String(v.projectId),
        String(v.day ?? ''),
        time(v.at),
        hashOf(String(v.openid)),
        voided ? '作废' : '有效',
        voided?.reason ?? '',
      ]);
    }
  }
  ws.commit();
  return n;
}

/** Each project's planned-vs-held table, from the 成果册's figures (the same report.project computes). */
function writePlan(wb: Writer, projects: ProjectLite[], programme: Programme): number {
  const ws = addSheet(wb, SHEETS.plan, ['活动名称', '计划次数', '实际次数', '受益人次'], [30, 12, 12, 12]);
  const indexOf = new Map(programme.report.projects.map((p, i) => [p.projectId, i]));
  let rows = 0;
  for (const [i, p] of projects.entries()) {
    const k = indexOf.get(p._id);
    if (k === undefined) continue;
    const totals = programme.report.projects[k];
    const detail = programme.details[k];
    if (i > 0) put(ws, []);
    const head = ws.addRow([`项目：${p.title ?? p._id}`]);
    head.font = { bold: true };
    head.commit();
    for (const r of detail.rows) put(ws, [r.type, r.plannedSessions, r.heldSessions, r.personTimes]);
    put(ws, ['合计', totals.plannedSessions, totals.heldSessions, totals.personTimes]);
    put(ws, ['受益人数', null, null, totals.uniquePeople]);
    rows += detail.rows.length;
  }
  ws.commit();
  return rows;
}

/** The 成果册's columns, as the in-app page and the PDF show them (one row a project, then the totals). */
export const PROGRAMME_COLUMNS = [
  '名次',
  '项目',
  '团队',
  '计划活动次数',
  '实际举办次数',
  '受益人次',
  '受益人数',
  '志愿服务时长（小时）',
  '居民评价（平均星级）',
  '评价人数',
  '得票',
  '撬动社会资源（元）',
  '解决微事件（件）',
  '宣传报道（篇）',
  '阅读浏览（次）',
  '成果数据',
] as const;
const PROGRAMME_WIDTHS = [6, 28, 18, 12, 12, 10, 10, 14, 14, 10, 8, 16, 14, 12, 12, 16];

function figureCells(f: ProgrammeFigures): Cell[] {
  return [f.plannedSessions, f.heldSessions, f.personTimes, f.uniquePeople, f.volunteerHours, f.satisfaction.average, f.satisfaction.count];
}

function outcomeCells(f: ProgrammeFigures): Cell[] {
  return [f.resourcesYuan, f.eventsSolved, f.publicity.pieces, f.publicity.views];
}

/** The same figures as report.programme (the 成果册 page and its PDF): a project per row, then 合计. */
function writeProgramme(wb: Writer, { report }: Programme): number {
  const ws = addSheet(wb, SHEETS.programme, [...PROGRAMME_COLUMNS], PROGRAMME_WIDTHS);
  for (const p of report.projects) {
    put(ws, [p.rank, p.title, p.team, ...figureCells(p), p.votes, ...outcomeCells(p), OUTCOMES_TEXT[p.outcomes]]);
  }
  const t = report.totals;
  const total = ws.addRow([null, `合计（${t.projects} 个项目）`, null, ...figureCells(t), t.votes, ...outcomeCells(t), null]);
  total.font = { bold: true };
  total.commit();
  ws.commit();
  return report.projects.length;
}

/** Columns of the sign-up sheet before the custom questions. */
export const SIGNUP_COLUMNS = [
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
] as const;
const SIGNUP_WIDTHS = [24, 28, 18, 12, 14, 10, 10, 18, 6, 18, 8, 24];

/** The custom questions' labels over all activities, in order of first appearance: one column each. */
export function questionColumns(activities: Pick<ActivityDoc, 'fields'>[]): string[] {
  const labels: string[] = [];
  for (const a of activities) for (const f of a.fields ?? []) if (!labels.includes(f.label)) labels.push(f.label);
  return labels;
}

/** Excel column letters of a 1-based index (1 → A, 27 → AA). */
function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * 报名签到名单: every activity's roster on one long sheet (141 activities are 141 blocks of
 * rows, not 141 sheets), with a filter on every column and the header frozen. Its lines are the
 * roster's (activity.export): everyone checked in is on it once, walk-ins with their names.
 */
async function writeSignups(ctx: CallContext, wb: Writer, activities: ActivityDoc[], projectTitles: Map<string, string>): Promise<number> {
  const questions = questionColumns(activities);
  const header = [...SIGNUP_COLUMNS, ...questions];
  const ws = addSheet(wb, SHEETS.signups, header, [...SIGNUP_WIDTHS, ...questions.map(() => 16)]);
  let rows = 0;
  for (const a of activities) {
    const items = await rosterWithPhones(ctx.db, a);
    for (const item of items) {
      const answers = new Map((item.answerTexts ?? []).map((t) => [t.label, t.text]));
      put(ws, [
        projectTitles.get(a.projectId ?? '') ?? '',
        a.title,
        time(a.startsAt).slice(0, 16),
        item.name,
        item.phone,
        STATUS_TEXT[item.status] ?? '',
        item.forOther ? '是' : '',
        item.signedUpAt ? time(item.signedUpAt) : '',
        item.checkedIn ? '是' : '否',
        item.checkedInAt ? time(item.checkedInAt) : '',
        item.checkinMethod ? METHOD_TEXT[item.checkinMethod] : '',
        item.note ?? '',
        ...questions.map((q) => answers.get(q) ?? ''),
      ]);
      rows += 1;
    }
  }
  ws.autoFilter = `A1:${columnLetter(header.length)}${rows + 1}`;
  ws.commit();
  return rows;
}

/** What people see when the file lands: the programme's title and the day, e.g. 2026家门口微项目_报名签到与投票_2026-03-06.xlsx. */
export function exportFileName(contestTitle: string, now: Date): string {
  const title = contestTitle.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '评选';
  return `${title}_报名签到与投票_${formatShanghai(now, 'YYYY-MM-DD')}.xlsx`;
}

async function upload(contestId: string, file: string, fileName: string, now: Date): Promise<string> {
  const stamp = formatShanghai(now, 'YYYYMMDD-HHmmss');
  // The file keeps its readable name as the last part of the path (and of any download link).
  const cloudPath = `exports/${contestId}/${stamp}-${crypto.randomBytes(4).toString('hex')}/${fileName}`;
  const res = (await getCloud().uploadFile({ cloudPath, fileContent: fs.createReadStream(file) })) as { fileID: string };
  return res.fileID;
}

/** How long the export's download link works: long enough to open it, short enough not to travel. */
export const EXPORT_LINK_SECONDS = 15 * 60;

/** A short-lived download link for a stored file (storage is not client-readable: the function hands out links). */
async function shortLivedUrl(fileID: string): Promise<string> {
  const url = await tempUrlOf(fileID, EXPORT_LINK_SECONDS);
  if (!url) throw new Error(`no download link for ${fileID}`);
  return url;
}

function rowsIn(sheets: ExportSheetCount[], name: string): number {
  return sheets.find((s) => s.name === name)?.rows ?? 0;
}

export async function exportWorkbook(
  ctx: CallContext,
  contestId: string,
): Promise<{ url: string; fileID: string; fileName: string; sheets: ExportSheetCount[] }> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, contestId);
  const projects = await projectsOf(ctx.db, contestId);
  const order = new Map(contest.projectIds.map((id, i) => [id, i]));
  projects.sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0));
  const titles = new Map(projects.map((p) => [p._id, p.title ?? '']));
  const activities = (
    await activityDocsOf(
      ctx.db,
      projects.map((p) => p._id),
    )
  ).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'export-'));
  const file = path.join(dir, 'workbook.xlsx');
  try {
    // Fast compression: the file is a few MB either way; the time is what an admin waits for.
    const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: file, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
    wb.creator = '家门口';
    const sheets: ExportSheetCount[] = [];
    sheets.push({ name: SHEETS.summary, rows: await writeSummary(ctx, wb, contest) });
    sheets.push({ name: SHEETS.ranking, rows: await writeRanking(ctx, wb, contest, projects, order) });
    sheets.push({ name: SHEETS.ledger, rows: await writeLedger(ctx, wb, contestId, titles) });
    // One build of every project's report serves both sheets (the 计划与实际 tables and the 成果汇总).
    const programme = await buildProgramme(ctx, contestId);
    sheets.push({ name: SHEETS.plan, rows: writePlan(wb, projects, programme) });
    sheets.push({ name: SHEETS.programme, rows: writeProgramme(wb, programme) });
    sheets.push({ name: SHEETS.signups, rows: await writeSignups(ctx, wb, activities, titles) });
    await wb.commit();
    const fileName = exportFileName(contest.title, ctx.now);
    const fileID = await upload(contestId, file, fileName, ctx.now);
    await recordAudit(ctx.db, {
      actor: ctx.openid,
      action: 'report.export',
      target: contestId,
      targetKind: 'contest',
      targetTitle: contest.title,
      scope: { contestId },
      detail: { fileID, fileName, ledgerRows: rowsIn(sheets, SHEETS.ledger), signupRows: rowsIn(sheets, SHEETS.signups) },
      at: ctx.now,
    });
    return { url: await shortLivedUrl(fileID), fileID, fileName, sheets };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/**
 * report.importRoster: a contest's resident roster from an .xlsx the admin uploaded (a header
 * row with 姓名 and 手机号/电话, one resident a row). Only each phone's keyed hash is kept
 * (`roster_entries/contest:key`); names are checked and dropped; the uploaded file is deleted
 * once read, whatever the outcome, so the plain list is not kept beyond the import.
 * An import replaces the previous roster: new phones are added, phones no longer listed removed.
 * A file without a single valid row is refused and changes nothing.
 */
import ExcelJS from 'exceljs';
import type { ReportApi, RosterSkip } from '../../../typings';
import type { CallContext } from '../handler';
import { AppError, isAppError } from '../errors';
import { requireAdmin } from '../roles/policy';
import { getCloud } from '../platform/cloud';
import { insertManyOnce } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { COLLECTIONS } from '../collections';
import { recordAudit } from '../audit/log';
import { normaliseName } from '../activity/form';
import { forgetContest, requireContest } from '../vote/store';
import { forgetContestRules } from '../vote/eligibility';
import { keyedPhone, voterSecret } from './phone-key';
import { forgetRosterEntries, rosterEntryId } from './store';

/** A street's residents fit easily; anything bigger is a wrong file. */
export const MAX_ROSTER_ROWS = 50_000;
const HEADER_SEARCH_ROWS = 10;
const REMOVE_BATCH = 100;

export interface RosterRow {
  /** The row number as the spreadsheet shows it. */
  row: number;
  name: string;
  phone: string;
}

const isNameHeader = (text: string) => /姓名|名字/.test(text);
const isPhoneHeader = (text: string) => /手机|电话|联系方式/.test(text);

/** The rows of the first sheet under its header row (pure: bytes in, rows out). */
export async function readRosterRows(bytes: Buffer): Promise<RosterRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '文件不是有效的 Excel 表格（.xlsx）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('BAD_REQUEST', '表格是空的');
  let header: { row: number; name: number; phone: number } | undefined;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount) && !header; r++) {
    let name = 0;
    let phone = 0;
    sheet.getRow(r).eachCell((cell, col) => {
      const text = cell.text.trim();
      if (!name && isNameHeader(text)) name = col;
      else if (!phone && isPhoneHeader(text)) phone = col;
    });
    if (name && phone) header = { row: r, name, phone };
  }
  if (!header) throw new AppError('BAD_REQUEST', '没有找到表头：第一张表须有“姓名”和“手机号”两列');
  if (sheet.rowCount - header.row > MAX_ROSTER_ROWS) throw new AppError('BAD_REQUEST', `名单最多 ${MAX_ROSTER_ROWS} 行`);
  const rows: RosterRow[] = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const name = row.getCell(header.name).text.trim();
    const phone = row.getCell(header.phone).text.trim();
    if (name || phone) rows.push({ row: r, name, phone });
  }
  return rows;
}

/** Valid rows as phone keys (first of duplicates kept), and the rows skipped with the reason. */
export function keysOfRows(rows: RosterRow[], secret: string): { keys: string[]; skipped: RosterSkip[] } {
  const firstRowOf = new Map<string, number>();
  const skipped: RosterSkip[] = [];
  for (const r of rows) {
    try {
      normaliseName(r.name);
      const { key } = keyedPhone(r.phone, secret);
      const seen = firstRowOf.get(key);
      if (seen !== undefined) skipped.push({ row: r.row, reason: `手机号与第${seen}行重复` });
      else firstRowOf.set(key, r.row);
    } catch (e) {
      if (!isAppError(e)) throw e;
      skipped.push({ row: r.row, reason: e.message });
    }
  }
  return { keys: [...firstRowOf.keys()], skipped };
}

async function downloadOnce(fileID: string): Promise<Buffer> {
  const cloud = getCloud();
  try {
    const res = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer };
    return Buffer.from(res.fileContent);
  } catch (e) {
    console.warn('[roster] download failed', e);
    throw new AppError('NOT_FOUND', '没有找到上传的名单文件，请重新上传');
  } finally {
    // The plain list is not kept: the uploaded file goes whether or not the import succeeds.
    try {
      await cloud.deleteFile({ fileList: [fileID] });
    } catch (e) {
      console.error('[roster] uploaded file not deleted', e);
    }
  }
}

export async function importRoster(ctx: CallContext, req: ReportApi['importRoster']['req']): Promise<ReportApi['importRoster']['res']> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  const bytes = await downloadOnce(req.fileID);
  const { keys, skipped } = keysOfRows(await readRosterRows(bytes), voterSecret());
  if (!keys.length) throw new AppError('BAD_REQUEST', skipped.length ? `没有可导入的居民：${skipped[0].reason}（第${skipped[0].row}行）` : '表格里没有居民');

  const contestId = contest._id;
  const wanted = new Set(keys.map((key) => rosterEntryId(contestId, key)));
  const held = new Set((await fetchAll(ctx.db, COLLECTIONS.roster, { contestId }, { _id: true })).map((d) => String(d._id)));
  const toAdd = keys
    .filter((key) => !held.has(rosterEntryId(contestId, key)))
    .map((key) => ({ _id: rosterEntryId(contestId, key), contestId, phoneKey: key, importedAt: ctx.now }));
  const toRemove = [...held].filter((id) => !wanted.has(id));
  const added = await insertManyOnce(ctx.db, COLLECTIONS.roster, toAdd);
  const _ = ctx.db.command;
  for (let i = 0; i < toRemove.length; i += REMOVE_BATCH) {
    await ctx.db
      .collection(COLLECTIONS.roster)
      .where({ _id: _.in(toRemove.slice(i, i + REMOVE_BATCH)) })
      .remove();
  }
  forgetRosterEntries(toRemove);
  await ctx.db
    .collection(COLLECTIONS.contests)
    .doc(contestId)
    .update({ data: { roster: _.set({ size: wanted.size, importedAt: ctx.now }) } });
  forgetContest(contestId);
  forgetContestRules(contestId);
  const res = { size: wanted.size, added, removed: toRemove.length, skipped };
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'contest.importRoster',
    target: contestId,
    detail: { size: res.size, added, removed: res.removed, skipped: skipped.length },
    at: ctx.now,
  });
  return res;
}

/**
 * report.programmePdf: the 成果册 as an A4 PDF — a summary page (the programme's 成绩单 and a
 * table of the projects with a bar of their person-times), then one page per project (its
 * figures, planned vs held as bars, its summary and cover). Same numbers as report.programme.
 *
 * pdfkit is loaded only here, when the action runs (it stays out of the function's bundle:
 * the function's package.json lists it, the cloud installs it). Chinese text needs a CJK font:
 * Noto Sans Hans from the @embedpdf/fonts-sc package (GB2312 coverage, read from the package
 * at run time, never inlined in code); pdfkit embeds only the glyphs used (a subset of a few
 * hundred), so the PDF stays small. The file goes to cloud storage; the admin gets a
 * short-lived temporary URL, never a storage path.
 */
import crypto from 'crypto';
import path from 'path';
import type { ProgrammeFigures, ProgrammeProject, ProgrammeReport } from '../../../typings';
import type { CallContext } from '../handler';
import { requireAdmin } from '../roles/policy';
import { getCloud } from '../platform/cloud';
import { tempUrlOf } from '../platform/storage';
import { formatShanghai, toIso } from '../platform/time';
import { recordAudit } from '../audit/log';
import { buildProgramme, type ProjectDetail } from './programme';

/** How long the link works: enough to open or forward it, short enough not to leak for good. */
export const PDF_LINK_SECONDS = 15 * 60;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const INNER = A4.width - 2 * MARGIN;
const COLOR = { primary: '#d9480f', text: '#1f2328', muted: '#5f6670', line: '#e3e5e8', bar: '#f08c4a', planned: '#c9ced6', tile: '#fff4ec' };

type Doc = PDFKit.PDFDocument;

/** The CJK font files, from the font package (resolved at run time: the bundle holds no font). */
export function fontFiles(): { regular: string; bold: string } {
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return { regular: path.join(dir, 'NotoSansHans-Regular.otf'), bold: path.join(dir, 'NotoSansHans-Bold.otf') };
}

/** 12345.6 → "12,345.6" (no locale data needed). */
export function grouped(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

export function satisfactionText(s: ProgrammeFigures['satisfaction']): string {
  return s.average === null ? '暂无评价' : `${s.average.toFixed(1)} 分（${s.count} 条评价）`;
}

/** The nine figures of the 成绩单, as label, value and unit. */
export function figureTiles(f: ProgrammeFigures): [string, string][] {
  return [
    ['开展活动', `${grouped(f.heldSessions)} 场（计划 ${grouped(f.plannedSessions)} 场）`],
    ['服务居民', `${grouped(f.personTimes)} 人次`],
    ['参与居民', `${grouped(f.uniquePeople)} 人`],
    ['志愿服务', `${grouped(f.volunteerHours)} 小时`],
    ['居民满意度', satisfactionText(f.satisfaction)],
    ['撬动社会资源', `${grouped(f.resourcesYuan)} 元`],
    ['解决微事件', `${grouped(f.eventsSolved)} 件`],
    ['宣传报道', `${grouped(f.publicity.pieces)} 篇`],
    ['阅读浏览', `${grouped(f.publicity.views)} 次`],
  ];
}

/** Text cut to fit one line of the given width (pdfkit would otherwise wrap it, or add a page). */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = [...text];
  while (cut.length > 1 && doc.widthOfString(`${cut.join('')}…`) > width) cut = cut.slice(0, -1);
  return `${cut.join('')}…`;
}

function line(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  opts: { size: number; bold?: boolean; color?: string; align?: 'left' | 'right' | 'center' },
): void {
  doc
    .font(opts.bold ? 'bold' : 'regular')
    .fontSize(opts.size)
    .fillColor(opts.color ?? COLOR.text);
  doc.text(fit(doc, text, width), x, y, { width, align: opts.align ?? 'left', lineBreak: false });
}

function tiles(doc: Doc, f: ProgrammeFigures, top: number): number {
  const cols = 3;
  const gap = 8;
  const w = (INNER - gap * (cols - 1)) / cols;
  const h = 50;
  figureTiles(f).forEach(([label, value], i) => {
    const x = MARGIN + (i % cols) * (w + gap);
    const y = top + Math.floor(i / cols) * (h + gap);
    doc.roundedRect(x, y, w, h, 6).fill(COLOR.tile);
    line(doc, label, x + 10, y + 8, w - 20, { size: 9, color: COLOR.muted });
    line(doc, value, x + 10, y + 24, w - 20, { size: 13, bold: true, color: COLOR.primary });
  });
  return top + 3 * (h + gap);
}

function footer(doc: Doc, report: ProgrammeReport, page: number, pages: number): void {
  const y = A4.height - MARGIN + 14;
  // Text below the bottom margin makes pdfkit start a new page: the footer lives in the margin.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .moveTo(MARGIN, y - 6)
    .lineTo(A4.width - MARGIN, y - 6)
    .lineWidth(0.5)
    .stroke(COLOR.line);
  line(doc, report.title, MARGIN, y, INNER - 60, { size: 8, color: COLOR.muted });
  line(doc, `${page} / ${pages}`, A4.width - MARGIN - 60, y, 60, { size: 8, color: COLOR.muted, align: 'right' });
  doc.page.margins.bottom = bottom;
}

function summaryPage(doc: Doc, report: ProgrammeReport): void {
  let y = MARGIN;
  // The programme's title in full, on up to two lines (it names the programme for the funders).
  doc.font('bold').fontSize(20).fillColor(COLOR.text);
  const titleH = Math.min(56, doc.heightOfString(report.title, { width: INNER }));
  doc.text(report.title, MARGIN, y, { width: INNER, height: 56, ellipsis: true });
  y += titleH + 8;
  line(doc, `成果册 · ${report.totals.projects} 个社区微项目 · 截至 ${formatShanghai(new Date(report.asOf), 'YYYY年M月D日')}`, MARGIN, y, INNER, {
    size: 11,
    color: COLOR.muted,
  });
  y += 26;
  y = tiles(doc, report.totals, y) + 10;

  line(doc, '各项目成效一览', MARGIN, y, INNER, { size: 13, bold: true });
  y += 22;
  const cols = [
    { title: '名次', w: 34 },
    { title: '项目', w: 190 },
    { title: '票数', w: 44 },
    { title: '活动（实际/计划）', w: 78 },
    { title: '服务人次', w: INNER - 34 - 190 - 44 - 78 - 60 },
    { title: '满意度', w: 60 },
  ];
  const header = (yy: number) => {
    let x = MARGIN;
    for (const c of cols) {
      line(doc, c.title, x, yy, c.w - 4, { size: 9, color: COLOR.muted });
      x += c.w;
    }
  };
  header(y);
  y += 16;
  const bottom = A4.height - MARGIN - 10;
  const rowH = Math.min(22, (bottom - y) / Math.max(1, report.projects.length));
  const size = Math.min(10, rowH - 6);
  const most = Math.max(1, ...report.projects.map((p) => p.personTimes));
  const byRank = [...report.projects].sort((a, b) => a.rank - b.rank);
  for (const p of byRank) {
    let x = MARGIN;
    const cells = [String(p.rank), p.title, grouped(p.votes), `${p.heldSessions}/${p.plannedSessions}`];
    cells.forEach((text, i) => {
      line(doc, text, x, y, cols[i].w - 4, { size, bold: i === 1 && p.winner === true });
      x += cols[i].w;
    });
    const barW = cols[4].w - 40;
    doc.rect(x, y + 1, Math.max(1, (barW * p.personTimes) / most), size).fill(COLOR.bar);
    line(doc, grouped(p.personTimes), x + barW + 3, y, 37, { size });
    x += cols[4].w;
    line(doc, p.satisfaction.average === null ? '—' : p.satisfaction.average.toFixed(1), x, y, cols[5].w, { size });
    y += rowH;
  }
}

function projectPage(doc: Doc, p: ProgrammeProject, detail: ProjectDetail, cover: Buffer | undefined): void {
  let y = MARGIN;
  line(doc, p.title, MARGIN, y, INNER, { size: 17, bold: true });
  y += 28;
  const award = p.winner ? ' · 最佳人气奖' : '';
  line(doc, `${p.team}${p.community ? ` · ${p.community}` : ''}\u3000第 ${p.rank} 名 · ${grouped(p.votes)} 票${award}`, MARGIN, y, INNER, {
    size: 11,
    color: COLOR.muted,
  });
  y += 24;
  if (cover) {
    try {
      doc.image(cover, MARGIN, y, { fit: [INNER, 170], align: 'center' });
      y += 178;
    } catch {
      // A cover pdfkit cannot read (not PNG/JPEG) is left out; the page stands without it.
    }
  }
  y = tiles(doc, p, y) + 6;
  if (p.outcomes === 'pending') line(doc, '资源、微事件与宣传数据由项目填报，待审核。', MARGIN, y, INNER, { size: 9, color: COLOR.muted });
  if (p.outcomes === 'returned') line(doc, '项目填报的数据已退回修改，未计入。', MARGIN, y, INNER, { size: 9, color: COLOR.muted });
  y += 18;

  if (detail.summary) {
    line(doc, '项目简介', MARGIN, y, INNER, { size: 12, bold: true });
    y += 18;
    doc.font('regular').fontSize(10).fillColor(COLOR.text);
    doc.text(detail.summary, MARGIN, y, { width: INNER, height: 48, ellipsis: true, lineGap: 2 });
    y += Math.min(48, doc.heightOfString(detail.summary, { width: INNER, lineGap: 2 })) + 12;
  }

  line(doc, '计划与实际开展的活动', MARGIN, y, INNER, { size: 12, bold: true });
  y += 20;
  const bottom = A4.height - MARGIN - 10;
  const rows = detail.rows;
  if (!rows.length) {
    line(doc, '还没有登记活动。', MARGIN, y, INNER, { size: 10, color: COLOR.muted });
    return;
  }
  const rowH = Math.min(24, (bottom - y - 14) / rows.length);
  const size = Math.min(10, rowH - 8);
  const most = Math.max(1, ...rows.map((r) => Math.max(r.plannedSessions, r.heldSessions)));
  const labelW = 120;
  const barMax = INNER - labelW - 150;
  for (const r of rows) {
    line(doc, r.type, MARGIN, y, labelW - 6, { size });
    const half = Math.max(2, (rowH - 6) / 2);
    doc.rect(MARGIN + labelW, y, Math.max(1, (barMax * r.plannedSessions) / most), half - 1).fill(COLOR.planned);
    doc.rect(MARGIN + labelW, y + half, Math.max(1, (barMax * r.heldSessions) / most), half - 1).fill(COLOR.bar);
    line(doc, `计划 ${r.plannedSessions} · 实际 ${r.heldSessions} 场 · ${grouped(r.personTimes)} 人次`, MARGIN + labelW + barMax + 6, y, 144, {
      size: size - 1,
      color: COLOR.muted,
    });
    y += rowH;
  }
  doc.rect(MARGIN + labelW, y + 4, 10, 6).fill(COLOR.planned);
  line(doc, '计划', MARGIN + labelW + 14, y + 2, 40, { size: 8, color: COLOR.muted });
  doc.rect(MARGIN + labelW + 50, y + 4, 10, 6).fill(COLOR.bar);
  line(doc, '实际', MARGIN + labelW + 64, y + 2, 40, { size: 8, color: COLOR.muted });
}

/** A project's cover, when it has one we can read (a missing file leaves the page without it). */
async function coverOf(fileID: string | undefined): Promise<Buffer | undefined> {
  if (!fileID) return undefined;
  try {
    const res = (await getCloud().downloadFile({ fileID })) as { fileContent?: Buffer };
    return res.fileContent;
  } catch {
    return undefined;
  }
}

/** The PDF of a built 成果册: summary first, then one page per project, each with a footer. */
export async function renderProgrammePdf(report: ProgrammeReport, details: ProjectDetail[], covers: (Buffer | undefined)[]): Promise<Buffer> {
  // Required here, not imported at the top: only this action pays for loading pdfkit.
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const fonts = fontFiles();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: true,
    font: fonts.regular,
    info: { Title: `${report.title} 成果册`, Author: '家门口', Subject: '成果册' },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pages = report.projects.length + 1;
  summaryPage(doc, report);
  footer(doc, report, 1, pages);
  report.projects.forEach((p, i) => {
    doc.addPage();
    projectPage(doc, p, details[i], covers[i]);
    footer(doc, report, i + 2, pages);
  });
  doc.end();
  return done;
}

export async function programmePdf(ctx: CallContext, contestId: string): Promise<{ url: string; pages: number; expiresAt: string }> {
  await requireAdmin(ctx);
  const { report, details } = await buildProgramme(ctx, contestId);
  const covers = await Promise.all(report.projects.map((p) => coverOf(p.coverImage)));
  const pdf = await renderProgrammePdf(report, details, covers);
  const stamp = formatShanghai(ctx.now, 'YYYYMMDD-HHmmss');
  const cloudPath = `reports/${contestId}/programme-${stamp}-${crypto.randomBytes(4).toString('hex')}.pdf`;
  const { fileID } = (await getCloud().uploadFile({ cloudPath, fileContent: pdf })) as { fileID: string };
  const url = await tempUrlOf(fileID, PDF_LINK_SECONDS);
  if (!url) throw new Error('no temporary URL for the 成果册 PDF');
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'report.programmePdf',
    target: contestId,
    detail: { fileID, pages: report.projects.length + 1 },
    at: ctx.now,
  });
  return { url, pages: report.projects.length + 1, expiresAt: toIso(new Date(ctx.now.getTime() + PDF_LINK_SECONDS * 1000)) };
}

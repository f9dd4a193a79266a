/** The vote function's other actions: my votes, reconcile, flags and voiding. */
import type { ReconcileReport, VoteApi, VoteFlag } from '../../../typings';
import type { Database } from '../platform/database';
import type { CallContext } from '../handler';
import { requireCaller } from '../handler';
import { AppError } from '../errors';
import { requireAdmin } from '../roles/policy';
import { shanghaiDay, toIso } from '../platform/time';
import { COLLECTIONS } from '../collections';
import { dayQuotaId, shardId, totalQuotaId, voteId, type ContestDoc } from './model';
import { voterOfViewer } from './eligibility';
import { requireVisibleContest } from './visibility';
import { asDate } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { readTallies, requireContest } from './store';
import { settledDiffs, tallyDiffs } from './tally';
import { quotaBinds } from './rules';
import { detectFlags } from './flags';
import { voterHash } from './chain';
import { recordAudit } from '../audit/log';
import { appendVoid, auditSalt } from './ledger';

/** The Asia/Shanghai days of a voting window, first to last (at most `max`). */
function windowDays(from: Date, to: Date, max: number): string[] {
  const days: string[] = [];
  for (let t = from.getTime(); t < to.getTime() + 86_400_000 && days.length <= max; t += 86_400_000) {
    const day = shanghaiDay(new Date(Math.min(t, to.getTime() - 1)));
    if (days[days.length - 1] !== day) days.push(day);
  }
  return days;
}

/**
 * My ledger rows, looked up by their deterministic ids (every project, day of the window and
 * slot), so the cost does not grow with the ledger; a long or wide contest falls back to a query.
 * `voter` is whom my votes count for (the account, or its verified phone).
 */
async function myRows(ctx: CallContext, contest: ContestDoc, voter: string) {
  const contestId = contest._id;
  const fields = { projectId: true, day: true, at: true, receipt: true, voided: true, source: true };
  const days = windowDays(contest.voting.startsAt, contest.voting.endsAt, 60);
  const ids: string[] = [];
  for (const day of days) {
    for (const projectId of contest.projectIds) {
      for (let slot = 0; slot < contest.voting.perProjectPerDay; slot++) ids.push(voteId(contestId, projectId, voter, day, slot));
    }
  }
  if (days.length > 60 || ids.length > 1000) return fetchAll(ctx.db, COLLECTIONS.votes, { contestId, openid: voter }, fields);
  return (
    await ctx.db
      .collection(COLLECTIONS.votes)
      .where({ _id: ctx.db.command.in(ids) })
      .field(fields)
      .limit(1000)
      .get()
  ).data;
}

export async function myVotes(ctx: CallContext, contestId: string): Promise<VoteApi['mine']['res']> {
  const openid = requireCaller(ctx);
  const contest = await requireVisibleContest(ctx, contestId);
  const { key } = await voterOfViewer(ctx.db, contest, openid);
  if (!key) return { items: [] };
  const docs = await myRows(ctx, contest, key);
  const items = docs
    .map((d) => ({
      projectId: String(d.projectId),
      day: String(d.day),
      at: asDate(d.at),
      receipt: String(d.receipt),
      voided: Boolean(d.voided),
      assisted: d.source === 'assisted',
    }))
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .map((v) => ({
      projectId: v.projectId,
      day: v.day,
      at: toIso(v.at),
      receipt: v.receipt,
      ...(v.voided ? { voided: true } : {}),
      ...(v.assisted ? { assisted: true } : {}),
    }));
  return { items };
}

/** Counted (not voided) ledger rows per project, by aggregation: one round trip whatever the size. */
async function ledgerCounts(db: Database, contestId: string, only?: string[]): Promise<{ counts: Map<string, number>; rows: number }> {
  const _ = db.command;
  const $ = _.aggregate;
  const res = await db
    .collection(COLLECTIONS.votes)
    .aggregate()
    .match({ contestId, voided: _.exists(false), ...(only ? { projectId: _.in(only) } : {}) })
    .group({ _id: '$projectId', n: $.sum(1) })
    .limit(10000)
    .end();
  const counts = new Map<string, number>();
  let rows = 0;
  for (const g of res.list) {
    counts.set(String(g._id), Number(g.n));
    rows += Number(g.n);
  }
  return { counts, rows };
}

/** Counted ledger rows per project and source (online / assisted): one aggregation, for the mixed ranking. */
export async function votesBySource(db: Database, contestId: string): Promise<{ online: Map<string, number>; assisted: Map<string, number> }> {
  const _ = db.command;
  const $ = _.aggregate;
  const res = await db
    .collection(COLLECTIONS.votes)
    .aggregate()
    .match({ contestId, voided: _.exists(false) })
    .group({ _id: { projectId: '$projectId', source: '$source' }, n: $.sum(1) })
    .limit(10000)
    .end();
  const online = new Map<string, number>();
  const assisted = new Map<string, number>();
  for (const g of res.list) {
    const key = g._id as { projectId: string; source?: string };
    const into = key.source === 'assisted' ? assisted : online;
    into.set(String(key.projectId), (into.get(String(key.projectId)) ?? 0) + Number(g.n));
  }
  return { online, assisted };
}

/** Differences between the ledger and the shards; `only` narrows the recount to the projects named. */
async function countedDiffs(db: Database, contestId: string, projectIds: string[], only?: string[]) {
  const [ledger, counted] = await Promise.all([ledgerCounts(db, contestId, only), readTallies(db, contestId)]);
  return { diffs: tallyDiffs(projectIds, ledger.counts, counted), rows: ledger.rows };
}

/** Ledger rows that use a quota: every vote except the late ones the system voided (their quota was given back). */
function quotaRowsMatch(db: Database, contestId: string) {
  return { contestId, 'voided.by': db.command.neq('system') };
}

/** Σ quota counts (per-day documents, and "total" documents) and the ledger rows they should equal. */
async function quotaSums(db: Database, contestId: string): Promise<{ ledger: number; days: number; totals: number }> {
  const _ = db.command;
  const $ = _.aggregate;
  const [ledger, quotas] = await Promise.all([
    db
      .collection(COLLECTIONS.votes)
      .aggregate()
      .match(quotaRowsMatch(db, contestId))
      .group({ _id: null, n: $.sum(1) })
      .end(),
    db
      .collection(COLLECTIONS.quotas)
      .aggregate()
      .match({ contestId })
      .group({ _id: { $eq: ['$day', 'total'] }, n: $.sum('$count') })
      .limit(10)
      .end(),
  ]);
  const sumOf = (isTotal: boolean) => Number(quotas.list.find((g) => Boolean(g._id) === isTotal)?.n ?? 0);
  return { ledger: Number(ledger.list[0]?.n ?? 0), days: sumOf(false), totals: sumOf(true) };
}

/** Per-document differences between quota counts and the ledger (the slow path, after a crash). */
async function quotaDifferences(db: Database, contestId: string): Promise<Map<string, { to: number; from: number }>> {
  const [rows, quotas] = await Promise.all([
    fetchAll(db, COLLECTIONS.votes, quotaRowsMatch(db, contestId), { openid: true, day: true }),
    fetchAll(db, COLLECTIONS.quotas, { contestId }),
  ]);
  const ledger = new Map<string, number>();
  for (const r of rows) {
    for (const key of [`${r.openid}|${r.day}`, `${r.openid}|total`]) ledger.set(key, (ledger.get(key) ?? 0) + 1);
  }
  const wrong = new Map<string, { to: number; from: number }>();
  for (const q of quotas) {
    const to = ledger.get(`${q.openid}|${q.day}`) ?? 0;
    if (Number(q.count) !== to) wrong.set(String(q._id), { to, from: Number(q.count) });
  }
  return wrong;
}

/**
 * Quota documents ahead of the ledger (a crash between reservation and insert): set back to
 * the ledger's count. The write order makes a quota never behind its ledger rows, so equal sums
 * mean every document is right — the common case costs two aggregations, whatever the size.
 * Only differences seen twice are repaired; admin-voided votes still count (voiding must not
 * hand votes back).
 */
async function repairQuotas(db: Database, contestId: string, hasTotal: boolean): Promise<number> {
  const sums = await quotaSums(db, contestId);
  if (sums.days === sums.ledger && (!hasTotal || sums.totals === sums.ledger)) return 0;
  const first = await quotaDifferences(db, contestId);
  if (first.size === 0) return 0;
  await new Promise((r) => setTimeout(r, 200));
  const second = await quotaDifferences(db, contestId);
  let fixed = 0;
  for (const [id, w] of first) {
    const again = second.get(id);
    if (!again || again.to !== w.to || again.from !== w.from) continue;
    const res = await db
      .collection(COLLECTIONS.quotas)
      .where({ _id: id, count: w.from })
      .update({ data: { count: w.to } });
    fixed += res.stats.updated;
  }
  return fixed;
}

/**
 * The quota documents a contest needs once its quota binds (a project added, a daily limit
 * lowered, a contest-wide total set) after votes were taken without any (cast.ts keeps none
 * while the quota cannot bind): today's count and the contest-wide count per person, from the
 * ledger. Votes that a stale copy of the old rules lets in meanwhile are caught up by
 * reconcile's quota repair.
 */
export async function adoptBindingQuota(db: Database, before: ContestDoc, after: ContestDoc, now: Date): Promise<number> {
  if (quotaBinds(before.voting, before.projectIds.length) || !quotaBinds(after.voting, after.projectIds.length)) return 0;
  const _ = db.command;
  const $ = _.aggregate;
  const day = shanghaiDay(now);
  const perPerson = (extra: Record<string, unknown>) =>
    db
      .collection(COLLECTIONS.votes)
      .aggregate()
      .match({ ...quotaRowsMatch(db, after._id), ...extra })
      .group({ _id: '$openid', n: $.sum(1) })
      .limit(1_000_000)
      .end();
  const [today, all] = await Promise.all([perPerson({ day }), after.voting.total !== undefined ? perPerson({}) : Promise.resolve({ list: [] })]);
  const quotas = db.collection(COLLECTIONS.quotas);
  const write = (id: string, fields: Record<string, unknown>) => quotas.doc(id).set({ data: fields });
  for (const g of today.list) await write(dayQuotaId(after._id, String(g._id), day), { contestId: after._id, openid: String(g._id), day, count: Number(g.n) });
  for (const g of all.list)
    await write(totalQuotaId(after._id, String(g._id)), { contestId: after._id, openid: String(g._id), day: 'total', count: Number(g.n) });
  return today.list.length + all.list.length;
}

/**
 * Recounts one contest's ledger and repairs its tally shards. A difference is repaired only
 * when two readings a moment apart agree, so a vote landing between its ledger row and its
 * shard is not "fixed" twice.
 */
export async function reconcileContest(db: Database, contestId: string, by: string, now: Date): Promise<ReconcileReport> {
  const contest = await requireContest(db, contestId);
  const first = await countedDiffs(db, contestId, contest.projectIds);
  let settled = first.diffs;
  let unsettled = 0;
  if (first.diffs.length > 0) {
    await new Promise((r) => setTimeout(r, 200));
    // The second reading recounts only the projects that differed: a fraction of a big ledger.
    const suspects = first.diffs.map((d) => d.projectId);
    const second = await countedDiffs(db, contestId, suspects, suspects);
    ({ settled, unsettled } = settledDiffs(first.diffs, second.diffs));
  }
  const _ = db.command;
  for (const fix of settled) {
    const res = await db
      .collection(COLLECTIONS.shards)
      .doc(shardId(fix.projectId, 0))
      .update({ data: { n: _.inc(fix.ledger - fix.counted) } });
    if (res.stats.updated === 0) {
      await db
        .collection(COLLECTIONS.shards)
        .add({ data: { _id: shardId(fix.projectId, 0), contestId, projectId: fix.projectId, n: fix.ledger - fix.counted, open: contest.status === 'open' } });
    }
    fix.fixed = true;
  }
  // Where the quota cannot bind, votes keep no quota documents (cast.ts): nothing to repair.
  const quotasFixed = quotaBinds(contest.voting, contest.projectIds.length) ? await repairQuotas(db, contestId, contest.voting.total !== undefined) : 0;
  if (settled.length > 0 || quotasFixed > 0) {
    await recordAudit(db, {
      actor: by,
      action: 'vote.reconcile',
      target: contestId,
      targetKind: 'contest',
      targetTitle: contest.title,
      scope: { contestId },
      detail: { fixes: settled, quotasFixed },
      at: now,
    });
  }
  return { contestId, projects: contest.projectIds.length, ledgerRows: first.rows, fixes: settled, quotasFixed, unsettled };
}

/** Contests whose counters can still change: open or frozen (published ones are final but cheap to check too). */
export async function reconcileAll(db: Database, by: string, now: Date): Promise<ReconcileReport[]> {
  const _ = db.command;
  const contests = await fetchAll(db, COLLECTIONS.contests, { status: _.in(['open', 'frozen', 'published']) }, { _id: true });
  const reports: ReconcileReport[] = [];
  for (const c of contests) reports.push(await reconcileContest(db, String(c._id), by, now));
  return reports;
}

export async function reconcileAction(ctx: CallContext, contestId?: string): Promise<VoteApi['reconcile']['res']> {
  await requireAdmin(ctx);
  if (contestId) return { reports: [await reconcileContest(ctx.db, contestId, ctx.openid, ctx.now)] };
  return { reports: await reconcileAll(ctx.db, ctx.openid, ctx.now) };
}

export async function flagsAction(ctx: CallContext, contestId: string, windowMinutes: number): Promise<{ items: VoteFlag[] }> {
  await requireAdmin(ctx);
  await requireContest(ctx.db, contestId);
  const _ = ctx.db.command;
  const rows = await fetchAll(ctx.db, COLLECTIONS.votes, { contestId, voided: _.exists(false) }, { projectId: true, openid: true, at: true });
  const salt = auditSalt();
  const items = detectFlags(
    rows.map((r) => ({ _id: String(r._id), projectId: String(r.projectId), openid: String(r.openid), at: asDate(r.at) })),
    { windowMs: windowMinutes * 60_000, burstMin: 50, burstFactor: 5, newVoterMin: 30, rapidMin: 20, hashVoter: (o) => voterHash(o, salt), toIso },
  );
  return { items };
}

/**
 * Voids votes: each row is marked once (conditional on not being void yet), its project's
 * tally goes down by one, and the act is written to the audit collection. Never deletes.
 */
export async function voidVotes(ctx: CallContext, req: VoteApi['void']['req']): Promise<VoteApi['void']['res']> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  const _ = ctx.db.command;
  const votes = ctx.db.collection(COLLECTIONS.votes);
  const byId = req.voteIds?.length
    ? (
        await votes
          .where({ contestId: req.contestId, _id: _.in(req.voteIds) })
          .limit(1000)
          .get()
      ).data
    : [];
  const byReceipt = req.receipts?.length
    ? (
        await votes
          .where({ contestId: req.contestId, receipt: _.in(req.receipts) })
          .limit(1000)
          .get()
      ).data
    : [];
  const found = new Map([...byId, ...byReceipt].map((d) => [String(d._id), d]));
  const asked = (req.voteIds?.length ?? 0) + (req.receipts?.length ?? 0);
  if (asked === 0) throw new AppError('BAD_REQUEST', '请指定要作废的投票');
  let voided = 0;
  let alreadyVoid = 0;
  for (const [id, doc] of found) {
    const res = await votes.where({ _id: id, voided: _.exists(false) }).update({ data: { voided: { at: ctx.now, reason: req.reason, by: ctx.openid } } });
    if (res.stats.updated === 0) {
      alreadyVoid++;
      continue;
    }
    voided++;
    await ctx.db
      .collection(COLLECTIONS.shards)
      .doc(shardId(String(doc.projectId), 0))
      .update({ data: { n: _.inc(-1) } });
    await appendVoid(ctx.db, req.contestId, id, String(doc.receipt), req.reason, ctx.now, ctx.openid);
  }
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'vote.void',
    target: req.contestId,
    targetKind: 'contest',
    targetTitle: contest.title,
    scope: { contestId: req.contestId },
    detail: { reason: req.reason, voteIds: [...found.keys()], voided, alreadyVoid },
    at: ctx.now,
  });
  return { voided, alreadyVoid, notFound: Math.max(0, asked - found.size) };
}

/**
 * Assisted ballots in report.dashboard: each staff member's ballots per Beijing hour, counted
 * exactly from the ledger (the hourly limit itself is enforced in each function instance's
 * memory, see vote/assisted.ts), with any hour over the contest's limit marked.
 */
import type { StaffWorkload } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { shanghaiHour } from '../platform/time';
import { displayName, roleFromDoc } from '../roles/policy';
import { loadContest } from '../vote/store';
import { aggregateOf, allOf } from './figures';

const AGG_LIMIT = 1_000_000;

interface HourCount {
  contestId: string;
  staff: string;
  hour: string;
  n: number;
}

/** Ballots still counted that staff recorded (voided ones left out, like `votes`). */
export async function assistedVotes(db: Database, contestId?: string): Promise<number> {
  const where: Doc = { source: 'assisted', voided: db.command.exists(false), ...(contestId ? { contestId } : {}) };
  const rows = await aggregateOf(db, COLLECTIONS.votes, (agg) => agg.match(where).count('n'));
  return Number(rows[0]?.n ?? 0);
}

/** Every assisted ballot recorded counts towards its staff member's hour, voided later or not. */
async function hourCounts(db: Database, contestId?: string): Promise<HourCount[]> {
  const $ = db.command.aggregate;
  const where: Doc = { source: 'assisted', ...(contestId ? { contestId } : {}) };
  const rows = await aggregateOf(db, COLLECTIONS.votes, (agg) =>
    agg
      .match(where)
      .group({ _id: { contestId: '$contestId', staff: '$staff', hour: '$hour' }, n: $.sum(1) })
      .limit(AGG_LIMIT),
  );
  return rows.map((r) => {
    const key = r._id as Doc;
    return { contestId: String(key.contestId), staff: String(key.staff), hour: String(key.hour), n: Number(r.n) };
  });
}

export async function staffWorkloads(db: Database, now: Date, contestId?: string): Promise<StaffWorkload[]> {
  const counts = await hourCounts(db, contestId);
  if (!counts.length) return [];
  const staffIds = [...new Set(counts.map((c) => c.staff))];
  const contestIds = [...new Set(counts.map((c) => c.contestId))];
  const [roleDocs, contests] = await Promise.all([
    allOf(db, COLLECTIONS.roles, { _id: db.command.in(staffIds) }, { _id: true, name: true }),
    Promise.all(contestIds.map((id) => loadContest(db, id))),
  ]);
  const names = new Map(roleDocs.map((d) => [String(d._id), displayName(roleFromDoc(d), '工作人员')]));
  const contestOf = new Map(contests.filter((c) => c !== null).map((c) => [c._id, c]));
  const current = shanghaiHour(now);
  const byPerson = new Map<string, HourCount[]>();
  for (const c of counts) byPerson.set(`${c.contestId}|${c.staff}`, [...(byPerson.get(`${c.contestId}|${c.staff}`) ?? []), c]);
  const items: StaffWorkload[] = [];
  for (const hours of byPerson.values()) {
    const { contestId: cid, staff } = hours[0];
    const contest = contestOf.get(cid);
    const busiest = hours.reduce((a, b) => (b.n > a.n || (b.n === a.n && b.hour > a.hour) ? b : a));
    const perHour = contest?.settings.assistedPerHour ?? 0;
    items.push({
      contestId: cid,
      contestTitle: contest?.title ?? '',
      name: names.get(staff) ?? displayName({ _id: staff }, '工作人员'),
      ballots: hours.reduce((t, h) => t + h.n, 0),
      thisHour: hours.find((h) => h.hour === current)?.n ?? 0,
      busiestHour: busiest.hour,
      busiestHourBallots: busiest.n,
      perHour,
      overLimit: perHour > 0 && busiest.n > perHour,
    });
  }
  return items.sort((a, b) => Number(b.overLimit) - Number(a.overLimit) || b.ballots - a.ballots || a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * vote.assisted (线下投票 / 代投): a staff member records a ballot at a desk for a resident without
 * a phone of their own to vote with. The resident is the voter, known by the keyed hash of the
 * phone they give (their name is checked and read back, never stored); the ballot goes down the
 * vote's own path — quota by conditional increment, ledger row with a deterministic `_id` (the
 * dedup), sharded tally — so the same quotas and per-project-per-day dedup apply, and in a
 * verified-phone contest they are shared with that phone's own votes in the mini-program.
 * The row records `source: 'assisted'`, the staff member and the Beijing hour; the audit file
 * publishes both as salted hashes.
 *
 * The staff member's right and the roster are read through the instance's copies, and the
 * hourly limit is kept in the instance's memory (like the residents' rate limit), so a ballot
 * costs the same 3 round trips as an online vote. Across instances a staff member could record
 * more than the limit in an hour; report.dashboard counts each one's ballots per hour exactly
 * from the ledger and marks any hour over the limit.
 */
import type { DeskView, VoteApi } from '../../../typings';
import type { CallContext } from '../handler';
import { requireCaller } from '../handler';
import { AppError, isAppError } from '../errors';
import { requireStaff } from '../roles/policy';
import { shanghaiDay, shanghaiHour, toIso } from '../platform/time';
import { COLLECTIONS } from '../collections';
import { normaliseName } from '../activity/form';
import { keyedPhone, type KeyedPhone } from '../voters/phone-key';
import { castBallot, contestWithProject } from './cast';
import { requireListedPhone } from './eligibility';
import { SlidingWindowLimiter } from './rate-limit';
import { loadProjects, requireContest } from './store';

const HOUR_MS = 3600_000;
const perStaffMember = new SlidingWindowLimiter();

/** The vote's refusals speak to the resident ("您"); at the desk the staff member reads them about someone else. */
function forTheDesk(e: unknown, phone: KeyedPhone): unknown {
  if (!isAppError(e)) return e;
  if (e.code === 'ALREADY_VOTED_TODAY') return new AppError(e.code, `手机号 ${phone.masked} 今天已经给这个项目投过票了`);
  if (e.code === 'DAILY_LIMIT_REACHED') return new AppError(e.code, `手机号 ${phone.masked} 的投票次数已用完`);
  return e;
}

export async function castAssisted(ctx: CallContext, req: VoteApi['assisted']['req'], salt: string): Promise<VoteApi['assisted']['res']> {
  const staff = requireCaller(ctx);
  // Input first: a typing slip is refused before anything else is looked at.
  normaliseName(req.voter.name);
  const phone = keyedPhone(req.voter.phone);
  await requireStaff(ctx, req.contestId);
  const contest = await contestWithProject(ctx, req.contestId, req.projectId);
  await requireListedPhone(ctx.db, contest, phone);
  const limit = contest.settings.assistedPerHour;
  if (!perStaffMember.allow(`${contest._id}:${staff}`, ctx.now.getTime(), limit, HOUR_MS)) {
    throw new AppError('RATE_LIMITED', `每位工作人员每小时最多录入 ${limit} 张选票，请稍后再录`);
  }
  try {
    const res = await castBallot(ctx, contest, req.projectId, { voter: phone.key, fields: { source: 'assisted', staff, hour: shanghaiHour(ctx.now) } }, salt);
    return { projectId: res.projectId, votes: res.votes, receipt: res.receipt, phoneMasked: phone.masked };
  } catch (e) {
    throw forTheDesk(e, phone);
  }
}

/** The caller's assisted ballots for the contest since `from` (the desk's counters). */
async function ballotsOf(ctx: CallContext, contestId: string, where: Record<string, string>): Promise<number> {
  return (
    await ctx.db
      .collection(COLLECTIONS.votes)
      .where({ contestId, staff: ctx.openid, ...where })
      .count()
  ).total;
}

export async function deskView(ctx: CallContext, contestId: string): Promise<DeskView> {
  requireCaller(ctx);
  await requireStaff(ctx, contestId);
  const contest = await requireContest(ctx.db, contestId);
  const [projects, thisHour, today] = await Promise.all([
    loadProjects(ctx.db, contestId),
    ballotsOf(ctx, contestId, { hour: shanghaiHour(ctx.now) }),
    ballotsOf(ctx, contestId, { day: shanghaiDay(ctx.now) }),
  ]);
  return {
    contest: { contestId, title: contest.title, status: contest.status, startsAt: toIso(contest.voting.startsAt), endsAt: toIso(contest.voting.endsAt) },
    projects: projects.map((p) => ({ projectId: p._id, title: p.title, team: p.team, ...(p.community !== undefined ? { community: p.community } : {}) })),
    voters: contest.settings.voters,
    perHour: contest.settings.assistedPerHour,
    thisHour,
    today,
  };
}

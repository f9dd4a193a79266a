/** Reading activities: detail, list, 我的活动, the organizer's roster and the admin export. */
import type { ActivityApi, ActivityView, MineItem, MySignup, RosterExportItem, RosterItem } from '../../../typings';
import type { Database, DbOperator } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { isAdmin, loadRoles, organizes, requireAdmin } from '../roles/policy';
import { toIso } from '../platform/time';
import { ACTIVE_STATUSES, activityFromDoc, ownSignupId, signupFromDoc, type ActivityDoc, type SignupDoc } from './model';
import { answerTexts, attendanceLines, type AttendanceLine } from './attendance';
import { auditActivity } from './manage';
import { checkinsOf, checkinsOfResident } from '../checkin/store';
import { maskPhone } from './form';
import { waitlistPositions } from './seats';
import { bucketOf, compareForList, toActivityView } from './views';
import { ratingView } from './rating';
import { activeSignups, checkedInAmong, loadActivity, loadOrganizedActivity, signupsOfResident, waitlistPosition } from './store';

const { activities: ACTIVITIES, signups: SIGNUPS } = COLLECTIONS;

async function describeMine(db: Database, s: SignupDoc, checkedIn: Set<string>): Promise<MySignup> {
  const mine: MySignup = { signupId: s._id, status: s.status, forOther: s.forOther, name: s.name, checkedIn: checkedIn.has(s._id) };
  if (s.status === 'waitlisted') mine.position = await waitlistPosition(db, s.activityId, s.seq);
  return mine;
}

export async function getActivity(ctx: CallContext, activityId: string): Promise<ActivityView> {
  const a = await loadActivity(ctx.db, activityId);
  const canManage = await organizes(ctx, { projectId: a.projectId, activityId: a._id });
  if (a.status === 'draft' && !canManage) throw new AppError('NOT_FOUND', '活动还没有发布');
  const view = { ...toActivityView(a, ctx.now), canManage };
  if (!ctx.openid) return { ...view, me: null, family: [] };
  const signups = (await signupsOfResident(ctx.db, activityId, ctx.openid)).filter((s) => s.status !== 'cancelled');
  const checkedIn = await checkedInAmong(
    ctx.db,
    signups.map((s) => s._id),
  );
  const described = await Promise.all(signups.map((s) => describeMine(ctx.db, s, checkedIn)));
  const own = described.find((d) => d.signupId === ownSignupId(activityId, ctx.openid));
  const rating = await ratingView(ctx, a);
  return {
    ...view,
    ...(rating ? { rating } : {}),
    me: own ? { status: own.status, position: own.position, checkedIn: own.checkedIn, signupId: own.signupId } : null,
    family: described.filter((d) => d.forOther),
  };
}

type ListParams = ActivityApi['list']['req'];

async function mayListDrafts(ctx: CallContext, projectId: string | undefined): Promise<boolean> {
  if (await isAdmin(ctx)) return true;
  if (!projectId) return false;
  return organizes(ctx, { projectId });
}

/**
 * `managed`: the condition that keeps the activities the caller organizes — none for admins
 * (all of them), null when the caller organizes nothing.
 */
async function managedScope(ctx: CallContext): Promise<DbOperator | undefined | null> {
  const roles = await loadRoles(ctx);
  if (await isAdmin(ctx, roles)) return undefined;
  const _ = ctx.db.command;
  const either: Record<string, unknown>[] = [];
  if (roles?.organizerOf?.length) either.push({ projectId: _.in(roles.organizerOf) });
  if (roles?.organizerOfActivities?.length) either.push({ _id: _.in(roles.organizerOfActivities) });
  return either.length ? _.or(either) : null;
}

/** Upcoming activities first (soonest first), then past ones (latest first). */
export async function listActivities(ctx: CallContext, p: ListParams): Promise<{ items: ActivityView[] }> {
  const _ = ctx.db.command;
  const limit = p.limit ?? 50;
  // Drafts: for admins and the project's organizers, or (managed) within what the caller organizes.
  if (p.includeDrafts && !p.managed && !(await mayListDrafts(ctx, p.projectId))) throw new AppError('FORBIDDEN');
  const scope = p.managed ? await managedScope(ctx) : undefined;
  if (scope === null) return { items: [] };
  const statuses = p.includeDrafts ? ['draft', 'published', 'cancelled'] : ['published', 'cancelled'];
  const base: Record<string, unknown> = { status: _.in(statuses) };
  if (p.projectId) base.projectId = p.projectId;
  if (p.type) base.type = p.type;
  const within = (cond: Record<string, unknown>) => (scope ? _.and([cond, scope]) : cond);
  const from = p.from ? new Date(p.from) : undefined;
  const upcoming = await ctx.db
    .collection(ACTIVITIES)
    .where(within({ ...base, endsAt: _.gt(from && from > ctx.now ? from : ctx.now) }))
    .orderBy('startsAt', 'asc')
    .limit(limit)
    .get();
  let docs = upcoming.data.map(activityFromDoc);
  if (docs.length < limit && !(from && from > ctx.now)) {
    const pastWhere: Record<string, unknown> = { ...base, endsAt: from ? _.and(_.lte(ctx.now), _.gte(from)) : _.lte(ctx.now) };
    const past = await ctx.db
      .collection(ACTIVITIES)
      .where(within(pastWhere))
      .orderBy('startsAt', 'desc')
      .limit(limit - docs.length)
      .get();
    docs = docs.concat(past.data.map(activityFromDoc));
  }
  docs.sort((a, b) => compareForList(a, b, ctx.now));
  const mine = await myStatusIn(
    ctx,
    docs.map((d) => d._id),
  );
  return { items: docs.map((d) => ({ ...toActivityView(d, ctx.now), me: mine.get(d._id) ?? null })) };
}

/** The caller's own sign-up status per activity, in one query (no positions: the list shows badges). */
async function myStatusIn(ctx: CallContext, activityIds: string[]): Promise<Map<string, { status: SignupDoc['status'] }>> {
  const found = new Map<string, { status: SignupDoc['status'] }>();
  if (!ctx.openid || !activityIds.length) return found;
  const _ = ctx.db.command;
  const ids = activityIds.map((id) => ownSignupId(id, ctx.openid));
  const res = await ctx.db
    .collection(SIGNUPS)
    .where({ _id: _.in(ids) })
    .field({ activityId: true, status: true })
    .limit(1000)
    .get();
  for (const s of res.data) {
    if (s.status !== 'cancelled') found.set(String(s.activityId), { status: s.status as SignupDoc['status'] });
  }
  return found;
}

/** 我的活动: my sign-ups (and those I made for family), and activities I walked into, grouped upcoming / waitlisted / past. */
export async function mine(ctx: CallContext, from?: Date): Promise<{ items: MineItem[] }> {
  const _ = ctx.db.command;
  const [res, checkins] = await Promise.all([
    ctx.db
      .collection(SIGNUPS)
      .where({ openid: ctx.openid, status: _.in([...ACTIVE_STATUSES]) })
      .orderBy('createdAt', 'desc')
      .limit(200)
      .get(),
    checkinsOfResident(ctx.db, ctx.openid),
  ]);
  const signups = res.data.map(signupFromDoc);
  // Walk-ins (现场参加): checked in with no standing sign-up of mine — attended all the same.
  const signed = new Set(signups.map((s) => s._id));
  const walkIns = checkins.filter((c) => !signed.has(c._id) && !(c.signupId && signed.has(c.signupId)));
  if (!signups.length && !walkIns.length) return { items: [] };
  const activityIds = [...new Set([...signups.map((s) => s.activityId), ...walkIns.map((c) => c.activityId)])];
  const acts = await ctx.db
    .collection(ACTIVITIES)
    .where({ _id: _.in(activityIds) })
    .limit(1000)
    .get();
  const byId = new Map(acts.data.map(activityFromDoc).map((a) => [a._id, a]));
  const checkedIn = await checkedInAmong(
    ctx.db,
    signups.map((s) => s._id),
  );
  const items: MineItem[] = [];
  const activityPart = (a: ActivityDoc) => ({
    activityId: a._id,
    title: a.title,
    startsAt: toIso(a.startsAt),
    endsAt: toIso(a.endsAt),
    location: a.location,
    activityStatus: a.status,
  });
  const shown = (a: ActivityDoc | undefined): a is ActivityDoc => Boolean(a) && !(from && (a as ActivityDoc).endsAt.getTime() < from.getTime());
  for (const s of signups) {
    const a = byId.get(s.activityId);
    if (!shown(a)) continue;
    const described = await describeMine(ctx.db, s, checkedIn);
    items.push({ ...described, ...activityPart(a), bucket: bucketOf(s.status, a.endsAt, ctx.now) });
  }
  for (const c of walkIns) {
    const a = byId.get(c.activityId);
    if (!shown(a)) continue;
    const item: MineItem = { signupId: c._id, status: 'walkIn', checkedIn: true, ...activityPart(a), bucket: bucketOf('confirmed', a.endsAt, ctx.now) };
    if (c.name) item.name = c.name;
    items.push(item);
  }
  const order = { upcoming: 0, waitlisted: 1, past: 2 } as const;
  items.sort(
    (x, y) => order[x.bucket] - order[y.bucket] || (x.bucket === 'past' ? y.startsAt.localeCompare(x.startsAt) : x.startsAt.localeCompare(y.startsAt)),
  );
  return { items };
}

/** Confirmed first, then under review, then the waitlist in its order; walk-ins last (attendance.ts). */
type RosterActivity = Pick<ActivityDoc, '_id' | 'fields'>;

async function rosterLines(db: Database, a: RosterActivity): Promise<{ line: AttendanceLine; position?: number }[]> {
  const [signups, checkins] = await Promise.all([activeSignups(db, a._id), checkinsOf(db, a._id)]);
  const positions = waitlistPositions(signups.filter((s) => s.status === 'waitlisted').map((s) => s.seq));
  const rank = { confirmed: 0, pending: 1, waitlisted: 2, cancelled: 3, rejected: 3 } as const;
  const ordered = signups.sort((x, y) => rank[x.status] - rank[y.status] || x.seq - y.seq);
  return attendanceLines(ordered, checkins).map((line) => ({ line, position: line.signup ? positions.get(line.signup.seq) : undefined }));
}

function rosterBase(a: RosterActivity, row: { line: AttendanceLine; position?: number }): Omit<RosterItem, 'phoneMasked'> {
  const { signup: s, checkin: c } = row.line;
  const item: Omit<RosterItem, 'phoneMasked'> = s
    ? { signupId: s._id, name: s.name, status: s.status, checkedIn: Boolean(c), forOther: s.forOther, signedUpAt: toIso(s.createdAt) }
    : // A walk-in: named by the check-in (签退 from the roster uses this id).
      { signupId: c?._id ?? '', name: c?.name ?? '', status: 'walkIn', checkedIn: true };
  if (c) {
    item.checkedInAt = toIso(c.at);
    item.checkinMethod = c.method;
  }
  if (c?.walkIn) item.walkIn = true;
  if (s?.status === 'waitlisted') item.position = row.position;
  if (s?.note) item.note = s.note;
  if (s?.answers) {
    item.answers = s.answers;
    const texts = answerTexts(a.fields, s.answers);
    if (texts.length) item.answerTexts = texts;
  }
  return item;
}

/** 报名名单 for the activity's organizers: phones masked; everyone checked in is on it. */
export async function roster(ctx: CallContext, activityId: string): Promise<{ items: RosterItem[] }> {
  const a = await loadOrganizedActivity(ctx, activityId);
  const rows = await rosterLines(ctx.db, a);
  return { items: rows.map((row) => ({ ...rosterBase(a, row), phoneMasked: maskPhone(row.line.signup?.phone ?? '') })) };
}

/** The roster with full phone numbers (admins only: activity.export and the contest's workbook). */
export async function rosterWithPhones(db: Database, a: RosterActivity): Promise<RosterExportItem[]> {
  const rows = await rosterLines(db, a);
  return rows.map((row) => ({ ...rosterBase(a, row), phone: row.line.signup?.phone ?? '' }));
}

/** The admin export: the roster with full phone numbers. */
export async function exportRoster(ctx: CallContext, activityId: string): Promise<{ items: RosterExportItem[] }> {
  await requireAdmin(ctx);
  const a = await loadActivity(ctx.db, activityId);
  const items = await rosterWithPhones(ctx.db, a);
  await auditActivity(ctx, 'activity.export', a, { detail: { rows: items.length } });
  return { items };
}

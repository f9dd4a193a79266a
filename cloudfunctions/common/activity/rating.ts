/**
 * 居民评价 (seed 004: "更新效果居民评"): a resident who checked in to an activity gives it 1–5
 * stars and an optional comment, once; they may change it until the deadline, a week after
 * the activity ends. Whether they attended is asked of check-in (`checkinOf`), never worked
 * out from ids. The comment passes msgSecCheck before anything is written.
 *
 * A rating's `_id` is `${activityId}:${person}`, `person` being check-in's hashed key of the
 * resident (`personOf`): one rating per person per activity, and the id names nobody.
 */
import type { ActivityRatingView } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import type { CallContext } from '../handler';
import { requireCaller } from '../handler';
import { AppError } from '../errors';
import { COLLECTIONS } from '../collections';
import { asDate, asOptionalText, compact, findDoc, insertOnce } from '../platform/documents';
import { toIso } from '../platform/time';
import { SEC_SCENE, assertSafeText } from '../moderation/content-safety';
import { checkinOf } from '../checkin/store';
import { personOf } from '../checkin/model';
import type { ActivityDoc } from './model';
import { loadActivity } from './store';

const RATINGS = COLLECTIONS.ratings;

/** Days after an activity ends during which its attendees may rate it or change their rating. */
export const RATING_DAYS = 7;

export interface RatingDoc {
  _id: string;
  activityId: string;
  /** Copied from the activity: report.project and the 成果册 group ratings by project. */
  projectId?: string;
  person: string;
  stars: number;
  comment?: string;
  /** When the rating was first given, and last changed. */
  at: Date;
  updatedAt: Date;
  edits: number;
}

export function ratingFromDoc(d: Doc): RatingDoc {
  return compact<RatingDoc>({
    _id: String(d._id),
    activityId: String(d.activityId),
    projectId: asOptionalText(d.projectId),
    person: String(d.person ?? ''),
    stars: Number(d.stars),
    comment: asOptionalText(d.comment),
    at: asDate(d.at),
    updatedAt: asDate(d.updatedAt ?? d.at),
    edits: Number(d.edits ?? 0),
  });
}

export function ratingId(activityId: string, openid: string): string {
  return `${activityId}:${personOf({ openid })}`;
}

/** The last moment a rating of this activity may be given or changed. */
export function ratingDeadline(activity: Pick<ActivityDoc, 'endsAt'>): Date {
  return new Date(activity.endsAt.getTime() + RATING_DAYS * 24 * 3600_000);
}

export function ratingOpen(activity: Pick<ActivityDoc, 'endsAt'>, now: Date): boolean {
  return now.getTime() <= ratingDeadline(activity).getTime();
}

async function findRating(db: Database, id: string): Promise<RatingDoc | null> {
  const doc = await findDoc(db, RATINGS, id);
  return doc ? ratingFromDoc(doc) : null;
}

/** activity.rate: refused (NOT_CHECKED_IN, RATING_CLOSED, CONTENT_REJECTED) before any write. */
export async function rateActivity(
  ctx: CallContext,
  req: { activityId: string; stars: number; comment?: string },
): Promise<{ stars: number; comment?: string; until: string }> {
  const openid = requireCaller(ctx);
  const activity = await loadActivity(ctx.db, req.activityId);
  if (!(await checkinOf(ctx.db, activity._id, openid))) throw new AppError('NOT_CHECKED_IN');
  if (!ratingOpen(activity, ctx.now)) throw new AppError('RATING_CLOSED');
  const comment = req.comment?.trim() || undefined;
  await assertSafeText(ctx, [comment], SEC_SCENE.comment);

  const id = ratingId(activity._id, openid);
  const doc: RatingDoc = compact({
    _id: id,
    activityId: activity._id,
    projectId: activity.projectId,
    person: personOf({ openid }),
    stars: req.stars,
    comment,
    at: ctx.now,
    updatedAt: ctx.now,
    edits: 0,
  });
  if (!(await insertOnce(ctx.db, RATINGS, { ...doc }))) {
    // A change: the new stars and comment replace the old ones (a change without a comment clears it).
    const _ = ctx.db.command;
    await ctx.db
      .collection(RATINGS)
      .doc(id)
      .update({ data: { stars: req.stars, comment: comment ?? _.remove(), updatedAt: ctx.now, edits: _.inc(1) } });
  }
  return compact({ stars: req.stars, comment, until: toIso(ratingDeadline(activity)) });
}

/** What activity.get shows the caller about rating it: only once they have checked in. */
export async function ratingView(ctx: CallContext, activity: ActivityDoc): Promise<ActivityRatingView | undefined> {
  if (!ctx.openid || activity.startsAt.getTime() > ctx.now.getTime()) return undefined;
  const [checkin, mine] = await Promise.all([checkinOf(ctx.db, activity._id, ctx.openid), findRating(ctx.db, ratingId(activity._id, ctx.openid))]);
  if (!checkin) return undefined;
  const view: ActivityRatingView = { canRate: ratingOpen(activity, ctx.now), until: toIso(ratingDeadline(activity)) };
  if (mine) view.mine = compact({ stars: mine.stars, comment: mine.comment, at: toIso(mine.updatedAt) });
  return view;
}

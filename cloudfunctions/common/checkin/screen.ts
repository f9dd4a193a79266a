/** What the organizer's screen and the check-in page read, the settings and the poster code. */
import type { CheckinApi } from '../../../typings';
import { getCloud } from '../platform/cloud';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { toIso } from '../platform/time';
import { windowView } from './actions';
import { activityOfPoster, loadActivity, loadOrganizedActivity } from '../activity/store';
import type { ActivityDoc } from '../activity/model';
import { newPosterCode } from './token';
import { COLLECTIONS } from '../collections';
import { modeOf, settingsOf, validateSettings } from './rules';
import { diffFields } from '../audit/changes';
import { auditActivity } from '../activity/manage';
import { countCheckins } from './store';

type Req<A extends keyof CheckinApi> = CheckinApi[A]['req'];
type Res<A extends keyof CheckinApi> = CheckinApi[A]['res'];

/** The page the poster code opens; WeChat wants it without a leading slash or query. */
export const CHECKIN_PAGE = 'pages/checkin/index';
/** wxacode.getUnlimited: scene ≤ 32 visible characters of this set. */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export async function stats(ctx: CallContext, req: Req<'stats'>): Promise<Res<'stats'>> {
  const a = await loadOrganizedActivity(ctx, req.activityId);
  const counts = await countCheckins(ctx.db, a._id);
  const res: Res<'stats'> = { activityId: a._id, title: a.title, ...counts, signedUp: a.confirmed ?? 0, mode: modeOf(a), window: windowView(a, ctx.now) };
  if (a.projectId) res.projectId = a.projectId;
  return res;
}

export async function info(ctx: CallContext, req: Req<'info'>): Promise<Res<'info'>> {
  const a = req.poster ? await activityOfPoster(ctx.db, req.poster) : await loadActivity(ctx.db, req.activityId ?? '');
  if (a.status === 'draft') throw new AppError('NOT_FOUND', '活动不存在或还没有发布');
  const res: Res<'info'> = {
    activityId: a._id,
    title: a.title,
    startsAt: toIso(a.startsAt),
    endsAt: toIso(a.endsAt),
    mode: modeOf(a),
    window: windowView(a, ctx.now),
  };
  if (a.location?.name) res.locationName = a.location.name;
  return res;
}

const CHECKIN_AUDIT_FIELDS = ['checkin.opensBeforeMin', 'checkin.closesAfterMin', 'checkin.signOut', 'checkin.minShare'] as const;

export async function configure(ctx: CallContext, req: Req<'configure'>): Promise<Res<'configure'>> {
  const a = await loadOrganizedActivity(ctx, req.activityId);
  const settings = validateSettings({ ...(a.checkin ?? {}), ...req.settings });
  await ctx.db
    .collection(COLLECTIONS.activities)
    .doc(a._id)
    .update({ data: { checkin: settings, updatedAt: ctx.now } });
  const changes = diffFields({ checkin: settingsOf(a) }, { checkin: settings }, CHECKIN_AUDIT_FIELDS);
  if (changes.length) await auditActivity(ctx, 'checkin.configure', a, { changes });
  return { settings };
}

export function posterScene(activityId: string): string {
  if (!SCENE_PATTERN.test(activityId)) throw new AppError('BAD_REQUEST', '这个活动的编号不能生成小程序码');
  return activityId;
}

/** The activity's poster code, made the first time a poster is asked for (reprints keep it). */
async function posterCodeOf(ctx: CallContext, a: ActivityDoc): Promise<string> {
  if (a.posterCode) return a.posterCode;
  const code = newPosterCode();
  const _ = ctx.db.command;
  // Two organizers printing at once: the first code stays, the second reads it back.
  await ctx.db
    .collection(COLLECTIONS.activities)
    .where({ _id: a._id, posterCode: _.exists(false) })
    .update({ data: { posterCode: code } });
  return (await loadActivity(ctx.db, a._id)).posterCode ?? code;
}

/**
 * The static poster: a mini-program code whose scene is the activity's poster code (token.ts),
 * opening the check-in page. Uploaded to cloud storage (for printing) and returned inline.
 */
export async function poster(ctx: CallContext, req: Req<'poster'>): Promise<Res<'poster'>> {
  const a = await loadOrganizedActivity(ctx, req.activityId);
  const scene = posterScene(await posterCodeOf(ctx, a));
  const cloud = getCloud();
  let png: Buffer;
  try {
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page: CHECKIN_PAGE, checkPath: false, width: req.width ?? 430 })) as { buffer?: Buffer };
    if (!res.buffer) throw new Error('no image in the reply');
    png = Buffer.from(res.buffer);
  } catch (e) {
    console.error('[checkin] wxacode.getUnlimited failed', e);
    throw new AppError('INTERNAL', '小程序码生成失败，请稍后再试');
  }
  const upload = await cloud.uploadFile({ cloudPath: `checkin-posters/${a._id}.png`, fileContent: png });
  return { fileID: upload.fileID, scene, page: CHECKIN_PAGE, mode: modeOf(a), pngBase64: png.toString('base64') };
}

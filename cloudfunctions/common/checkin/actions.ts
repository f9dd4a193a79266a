/**
 * The check-in actions: thin sequences of the pure rules (rules.ts, token.ts) and the data
 * access (store.ts). Every refusal is thrown before the one write, so a failed call writes nothing.
 */
import type { CheckinApi, CheckinMethod, ScanResult } from '../../../typings';
import { AppError } from '../errors';
import { requireCaller, type CallContext } from '../handler';
import { toIso } from '../platform/time';
import { checkinId, isFamilyKey, personKeyOfSignup, personOf, personOfKey, type CheckinDoc } from './model';
import { personKeyOf } from '../identity';
import {
  durationOf,
  isWithin,
  requireCheckinAllowed,
  requireInRange,
  requireManualAllowed,
  requireWindowOpen,
  settingsOf,
  signOutWindowOf,
  windowOf,
  modeOf,
} from './rules';
import { checkinSecret, isPosterCode, signPersonalCode, signToken, verifyPersonalCode, verifyToken } from './token';
import { hasThanksGrant, thankForCheckin } from './thanks';
import { insertCheckin, loadCheckin, recordSignOut } from './store';
import { activityOfPoster, findActivity, findSignup, loadActivity, loadOrganizedActivity } from '../activity/store';
import { auditActivity } from '../activity/manage';
import { belongsTo, ownSignupId, type ActivityDoc, type SignupDoc } from '../activity/model';

type Req<A extends keyof CheckinApi> = CheckinApi[A]['req'];
type Res<A extends keyof CheckinApi> = CheckinApi[A]['res'];

/** How messages name a person: the sign-up's name, or 这位居民 (no sign-up, or none left). */
function nameOf(signup: SignupDoc | null): string {
  return signup?.name ? `${signup.name} ` : '这位居民';
}

export function windowView(a: ActivityDoc, now: Date) {
  const w = windowOf(a);
  return { opensAt: toIso(w.opensAt), closesAt: toIso(w.closesAt), open: isWithin(w, now) && a.status === 'published' };
}

export async function issueToken(ctx: CallContext, req: Req<'token'>): Promise<Res<'token'>> {
  const a = await loadOrganizedActivity(ctx, req.activityId);
  const issued = signToken(checkinSecret(), a._id, ctx.now);
  return {
    token: issued.token,
    title: a.title,
    expiresAt: toIso(issued.expiresAt),
    refreshAt: toIso(issued.refreshAt),
    window: windowView(a, ctx.now),
    mode: modeOf(a),
  };
}

/** Whether a sign-up holds a place that makes its holder expected (not a walk-in). */
const isExpected = (s: SignupDoc | null): boolean => s?.status === 'confirmed';

/** Walk-ins are welcome unless the activity requires a sign-up (NOT_SIGNED_UP then). */
function requireAdmitted(a: ActivityDoc, signup: SignupDoc | null): void {
  if (!a.requiresSignup || isExpected(signup)) return;
  if (signup?.status === 'waitlisted') throw new AppError('NOT_SIGNED_UP', '您还在候补名单中，没有拿到名额，请联系组织者');
  if (signup?.status === 'pending') throw new AppError('NOT_SIGNED_UP', '您的报名还在审核中，请联系组织者');
  throw new AppError('NOT_SIGNED_UP', '这个活动需要先报名才能签到');
}

/** A sign-up that still stands (a walk-in on the waitlist keeps their sign-up's name and id). */
const standing = (s: SignupDoc | null): SignupDoc | null => (s && s.status !== 'cancelled' && s.status !== 'rejected' ? s : null);

function newCheckin(
  a: ActivityDoc,
  p: { personKey: string; signup: SignupDoc | null; method: CheckinMethod; at: Date; by?: string; name?: string; openid?: string },
): CheckinDoc {
  // Whose phone: the one scanning, else the sign-up's holder (a verified walk-in without a sign-up has none we know).
  const openid = p.openid ?? p.signup?.openid ?? '';
  const family = isFamilyKey(p.personKey) ? p.signup : null;
  const doc: CheckinDoc = {
    _id: checkinId(a._id, p.personKey),
    activityId: a._id,
    openid,
    personKey: p.personKey,
    person: family ? personOf({ name: family.name, phone: family.phone }) : personOfKey(p.personKey),
    walkIn: !isExpected(p.signup),
    method: p.method,
    at: p.at,
  };
  if (a.projectId) doc.projectId = a.projectId;
  if (a.type) doc.type = a.type;
  if (p.signup) {
    doc.signupId = p.signup._id;
    doc.name = p.signup.name;
  }
  // A walk-in with no sign-up may say who they are: the roster and the export show it.
  if (!doc.name && p.name) doc.name = p.name;
  if (p.by) doc.by = p.by;
  return doc;
}

/** A refusal that names the activity a code belongs to, when it is not the one at hand. */
async function otherActivityRefusal(ctx: CallContext, codeActivityId: string, what: string): Promise<AppError> {
  const other = await findActivity(ctx.db, codeActivityId);
  const named = other ? `「${other.title}」的${what}` : `另一个活动的${what}`;
  return new AppError('TOKEN_INVALID', `这是${named}，不是本活动的，请核对后再试`);
}

/**
 * Resolves what a scan is for: the live token, or a printed poster's code. Nothing else: an
 * activity id with coordinates is what anyone at home can send, so it proves nothing.
 */
async function scannedActivity(ctx: CallContext, req: Req<'scan'>): Promise<{ a: ActivityDoc; viaPoster: boolean }> {
  if (!req.token) throw new AppError('TOKEN_INVALID', '请扫描活动现场的签到码');
  if (isPosterCode(req.token)) {
    const a = await activityOfPoster(ctx.db, req.token);
    if (req.activityId && req.activityId !== a._id) throw await otherActivityRefusal(ctx, a._id, '签到码');
    return { a, viaPoster: true };
  }
  const { activityId } = verifyToken(checkinSecret(), req.token, ctx.now);
  // A page opened for one activity must not check in to another with a token it was sent.
  if (req.activityId && req.activityId !== activityId) throw await otherActivityRefusal(ctx, activityId, '签到码');
  return { a: await loadActivity(ctx.db, activityId), viaPoster: false };
}

export async function scan(ctx: CallContext, req: Req<'scan'>): Promise<ScanResult> {
  const openid = requireCaller(ctx);
  const { a, viaPoster } = await scannedActivity(ctx, req);
  // The caller's own sign-up and their thank-you grant are independent: read at once.
  const [signup, thanks] = await Promise.all([findSignup(ctx.db, ownSignupId(a._id, openid)), hasThanksGrant(ctx.db, openid)]);
  // A printed poster can be photographed: it counts only together with the geofence.
  if (viaPoster && modeOf(a) !== 'geofence') throw new AppError('TOKEN_INVALID', '这个活动请扫描组织者手机上的签到码');
  requireCheckinAllowed(a);
  const settings = settingsOf(a);
  const inWindow = isWithin(windowOf(a), ctx.now);
  const inSignOut = settings.signOut && isWithin(signOutWindowOf(a), ctx.now);
  // The time first (a resident early at home learns when it opens), then the place.
  if (!inSignOut) requireWindowOpen(a, ctx.now);
  requireInRange(a.location, req.location);
  const personKey = personKeyOf(openid);
  if (!inWindow) return signOutByScan(ctx, a, personKey);
  requireAdmitted(a, signup);
  const doc = newCheckin(a, { personKey, openid, signup: standing(signup), method: 'scan', at: ctx.now, name: req.name });
  if (!(await insertCheckin(ctx.db, doc))) {
    if (inSignOut) return signOutByScan(ctx, a, personKey);
    throw new AppError('ALREADY_CHECKED_IN', settings.signOut ? '您已经签到过了，活动结束前再扫一次即可签退' : undefined);
  }
  if (thanks) await thankForCheckin(ctx.db, a, openid, doc.at, ctx.now);
  return { activityId: a._id, title: a.title, checkedInAt: toIso(doc.at), walkIn: doc.walkIn };
}

/** A volunteer's second scan near the end: records the sign-out and the time served. */
async function signOutByScan(ctx: CallContext, a: ActivityDoc, personKey: string): Promise<ScanResult> {
  const out = await signOut(ctx, a, personKey);
  return {
    activityId: a._id,
    title: a.title,
    checkedInAt: toIso(out.at),
    walkIn: out.walkIn,
    signedOutAt: toIso(ctx.now),
    durationMin: out.durationMin,
    countsAsHours: out.countsAsHours,
  };
}

async function signOut(ctx: CallContext, a: ActivityDoc, personKey: string) {
  if (!settingsOf(a).signOut) throw new AppError('BAD_REQUEST', '这个活动不需要签退');
  const existing = await loadCheckin(ctx.db, checkinId(a._id, personKey));
  if (!existing) throw new AppError('NOT_SIGNED_UP', '没有找到签到记录，不能签退');
  if (existing.signOutAt) throw new AppError('ALREADY_CHECKED_IN', '您已经签退过了');
  const d = durationOf(a, existing.at, ctx.now);
  if (!(await recordSignOut(ctx.db, existing._id, { signOutAt: ctx.now, ...d }))) {
    throw new AppError('ALREADY_CHECKED_IN', '您已经签退过了');
  }
  return { ...d, at: existing.at, walkIn: existing.walkIn, name: existing.name };
}

export async function signOutAction(ctx: CallContext, req: Req<'signOut'>): Promise<Res<'signOut'>> {
  let a: ActivityDoc;
  let personKey: string;
  if (req.token) {
    personKey = personKeyOf(requireCaller(ctx));
    a = await loadActivity(ctx.db, verifyToken(checkinSecret(), req.token, ctx.now).activityId);
    if (!isWithin(signOutWindowOf(a), ctx.now)) throw new AppError('CHECKIN_NOT_OPEN', '还没到签退时间，活动结束前半小时内可以签退');
  } else if (req.activityId && req.signupId) {
    a = await loadOrganizedActivity(ctx, req.activityId);
    const key = personKeyOfSignup(req.signupId, a._id);
    if (!key) throw new AppError('BAD_REQUEST', '这条报名不属于该活动');
    personKey = key;
  } else {
    throw new AppError('BAD_REQUEST', '请扫描签到码，或从名单中选择签退的人');
  }
  const out = await signOut(ctx, a, personKey);
  if (!req.token) await auditActivity(ctx, 'checkin.signOut', a, { detail: { name: out.name ?? '未留姓名', durationMin: out.durationMin } });
  return { signedOutAt: toIso(ctx.now), durationMin: out.durationMin, countsAsHours: out.countsAsHours };
}

/** The sign-up a roster entry names, which must belong to the activity and still stand. */
async function rosterSignup(ctx: CallContext, a: ActivityDoc, signupId: string): Promise<{ personKey: string; signup: SignupDoc }> {
  const personKey = personKeyOfSignup(signupId, a._id);
  if (!personKey) throw new AppError('BAD_REQUEST', '这条报名不属于该活动');
  const signup = await findSignup(ctx.db, signupId);
  if (!signup) throw new AppError('NOT_FOUND', '没有找到这条报名');
  if (signup.status === 'cancelled' || signup.status === 'rejected') throw new AppError('NOT_SIGNED_UP', `${nameOf(signup)}的报名已取消，不能签到`);
  return { personKey, signup };
}

export async function manual(ctx: CallContext, req: Req<'manual'>): Promise<Res<'manual'>> {
  const a = await loadOrganizedActivity(ctx, req.activityId);
  requireManualAllowed(a, ctx.now);
  const { personKey, signup } = await rosterSignup(ctx, a, req.signupId);
  const doc = newCheckin(a, { personKey, signup, method: 'manual', at: ctx.now, by: ctx.openid });
  if (!(await insertCheckin(ctx.db, doc))) throw new AppError('ALREADY_CHECKED_IN', `${nameOf(signup)}已经签到过了`);
  // The organizer's word alone puts someone on the ledger: on the audit log, by name.
  await auditActivity(ctx, 'checkin.manual', a, { detail: { name: signup.name || '未留姓名' } });
  return { checkedInAt: toIso(doc.at), name: signup.name };
}

export async function myCode(ctx: CallContext, req: Req<'myCode'>): Promise<Res<'myCode'>> {
  const openid = requireCaller(ctx);
  const signupId = req.signupId ?? ownSignupId(req.activityId, openid);
  const personKey = personKeyOfSignup(signupId, req.activityId);
  // Only one's own key or one's own family slots: the code must not vouch for anyone else.
  if (!personKey || !belongsTo(signupId, req.activityId, openid)) throw new AppError('FORBIDDEN', '只能出示自己或家人的签到码');
  const [a, signup] = await Promise.all([loadActivity(ctx.db, req.activityId), findSignup(ctx.db, signupId)]);
  if (isFamilyKey(personKey) && !signup) throw new AppError('NOT_SIGNED_UP', '没有找到这位家人的报名');
  requireNotCancelled(a);
  const res: Res<'myCode'> = { code: signPersonalCode(checkinSecret(), a._id, personKey) };
  if (signup) res.name = signup.name;
  return res;
}

function requireNotCancelled(a: ActivityDoc): void {
  if (a.status === 'cancelled') throw new AppError('CHECKIN_NOT_OPEN', '活动已取消，不需要签到');
}

export async function verify(ctx: CallContext, req: Req<'verify'>): Promise<Res<'verify'>> {
  const { activityId, personKey } = verifyPersonalCode(checkinSecret(), req.code);
  // The screen says which activity it checks people in to: a code for another one is named as such.
  if (req.activityId && req.activityId !== activityId) throw await otherActivityRefusal(ctx, activityId, '签到码');
  const a = await loadOrganizedActivity(ctx, activityId);
  requireWindowOpen(a, ctx.now);
  const signup = await findSignup(ctx.db, checkinId(a._id, personKey));
  if (isFamilyKey(personKey)) {
    if (!signup || signup.status === 'cancelled' || signup.status === 'rejected') throw new AppError('NOT_SIGNED_UP', '这位家人的报名已取消');
  }
  requireAdmitted(a, signup);
  const doc = newCheckin(a, { personKey, signup: standing(signup), method: 'verify', at: ctx.now, by: ctx.openid });
  if (!(await insertCheckin(ctx.db, doc))) throw new AppError('ALREADY_CHECKED_IN', `${nameOf(signup)}已经签到过了`);
  const res: Res<'verify'> = { activityId: a._id, checkedInAt: toIso(doc.at), walkIn: doc.walkIn };
  if (signup) res.name = signup.name;
  return res;
}

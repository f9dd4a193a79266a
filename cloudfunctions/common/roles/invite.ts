/**
 * Role invitations: an admin makes a short, single-use, expiring code (and a mini-program code
 * carrying it); the invitee scans or types it and takes the role. Nobody types an OPENID.
 */
import crypto from 'crypto';
import type { ContestScope, RoleApi, RoleHolder, RoleInvitation, RoleName } from '../../../typings';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import type { Database, Doc } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { envAdmins, findRoles, requireAdmin, roleFromDoc, type RoleDoc } from './policy';
import { rolesOf } from './grant';
import { asDate, asOptionalDate, findDoc, textFieldOf } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { getCloud } from '../platform/cloud';
import { recordAudit } from '../audit/log';
import { toIso } from '../platform/time';
import { txGet, txPut, withTransaction } from '../platform/transaction';

/** Titles of projects or activities by id. */
const titlesOf = (db: Database, collection: string, ids: string[]) => textFieldOf(db, collection, ids, 'title');

const { invites: INVITES, roles: ROLES, projects: PROJECTS, activities: ACTIVITIES, contests: CONTESTS } = COLLECTIONS;
/** The page a scanned invitation opens (in the admin subpackage; anyone may open it). */
export const ACCEPT_PAGE = 'packageAdmin/pages/accept/index';
/** No look-alike characters (0/O, 1/I/L): codes are read aloud and typed on phones. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
export const DEFAULT_TTL_HOURS = 72;
export const MAX_TTL_HOURS = 24 * 14;

export interface InviteDoc {
  _id: string; // the code
  role: RoleName;
  projectId?: string;
  /** Staff and judges: the contest. */
  contestId?: string;
  /** Who the admin meant it for; the invitee confirms or corrects it on accepting. */
  name?: string;
  status: 'open' | 'used';
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
}

/** A `role_invites` document as the domain reads it. */
export function inviteFromDoc(d: Doc): InviteDoc {
  const doc: InviteDoc = {
    _id: String(d._id),
    role: d.role as RoleName,
    status: d.status === 'used' ? 'used' : 'open',
    createdBy: String(d.createdBy ?? ''),
    createdAt: asDate(d.createdAt),
    expiresAt: asDate(d.expiresAt),
  };
  if (typeof d.projectId === 'string') doc.projectId = d.projectId;
  if (typeof d.contestId === 'string') doc.contestId = d.contestId;
  if (typeof d.name === 'string' && d.name) doc.name = d.name;
  if (typeof d.usedBy === 'string') doc.usedBy = d.usedBy;
  const usedAt = asOptionalDate(d.usedAt);
  if (usedAt) doc.usedAt = usedAt;
  return doc;
}

export function newInviteCode(random: (n: number) => number = crypto.randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** Typed codes arrive with spaces, dashes and lower case. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function inviteScene(code: string): string {
  return `inv=${code}`;
}

/** Why an invitation cannot be taken now, or null when it can. */
export function inviteRefusal(doc: InviteDoc | null, now: Date): AppError | null {
  if (!doc) return new AppError('NOT_FOUND', '邀请码不存在，请核对后重试');
  // BAD_REQUEST: the mini-program shows the server's own words for it (these are specific).
  if (doc.status === 'used') return new AppError('BAD_REQUEST', '邀请码已被使用，请联系管理员重新邀请');
  if (doc.expiresAt.getTime() <= now.getTime()) return new AppError('BAD_REQUEST', '邀请码已过期，请联系管理员重新邀请');
  return null;
}

/** The role document after taking the invitation's role (and the name the invitee gave). */
export function withRole(doc: RoleDoc | null, openid: string, invite: Pick<InviteDoc, 'role' | 'projectId' | 'contestId' | 'name'>, name?: string): RoleDoc {
  const next: RoleDoc = { ...(doc ?? {}), _id: openid };
  const add = (held: string[] | undefined, id: string) => [...new Set([...(held ?? []), id])];
  const given = name ?? invite.name;
  if (given) next.name = given;
  if (invite.role === 'admin') next.admin = true;
  else if (invite.role === 'organizer' && invite.projectId) next.organizerOf = add(doc?.organizerOf, invite.projectId);
  else if (invite.role === 'staff' && invite.contestId) next.staffOf = add(doc?.staffOf, invite.contestId);
  else if (invite.role === 'judge' && invite.contestId) next.judgeOf = add(doc?.judgeOf, invite.contestId);
  return next;
}

async function miniProgramCode(scene: string): Promise<string | undefined> {
  try {
    const res = (await getCloud().openapi.wxacode.getUnlimited({ scene, page: ACCEPT_PAGE, checkPath: false, width: 430 })) as {
      buffer?: Buffer;
    };
    return res.buffer ? Buffer.from(res.buffer).toString('base64') : undefined;
  } catch (e) {
    // The typed code still works without the picture.
    console.error('[role] wxacode.getUnlimited failed', e);
    return undefined;
  }
}

function toInvitation(doc: InviteDoc): Omit<RoleInvitation, 'qrBase64'> {
  const inv: Omit<RoleInvitation, 'qrBase64'> = {
    code: doc._id,
    role: doc.role,
    expiresAt: toIso(doc.expiresAt),
    page: ACCEPT_PAGE,
    scene: inviteScene(doc._id),
  };
  if (doc.projectId) inv.projectId = doc.projectId;
  if (doc.contestId) inv.contestId = doc.contestId;
  if (doc.name) inv.name = doc.name;
  return inv;
}

type InviteReq = RoleApi['invite']['req'];

export async function createInvite(ctx: CallContext, req: InviteReq): Promise<RoleInvitation> {
  await requireAdmin(ctx);
  if (req.role === 'organizer') {
    if (!req.projectId) throw new AppError('BAD_REQUEST', '邀请组织者时需要指定项目');
    if (!(await findDoc(ctx.db, PROJECTS, req.projectId))) throw new AppError('NOT_FOUND', '项目不存在');
  }
  const forContest = req.role === 'staff' || req.role === 'judge';
  if (forContest) {
    if (!req.contestId) throw new AppError('BAD_REQUEST', `邀请${req.role === 'staff' ? '工作人员' : '评委'}时需要指定评选`);
    if (!(await findDoc(ctx.db, CONTESTS, req.contestId))) throw new AppError('NOT_FOUND', '评选活动不存在');
  }
  const ttl = Math.min(req.ttlHours ?? DEFAULT_TTL_HOURS, MAX_TTL_HOURS);
  const doc: InviteDoc = {
    _id: newInviteCode(),
    role: req.role,
    status: 'open',
    createdBy: ctx.openid,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + ttl * 3600_000),
  };
  if (req.role === 'organizer' && req.projectId) doc.projectId = req.projectId;
  if (forContest && req.contestId) doc.contestId = req.contestId;
  if (req.name?.trim()) doc.name = req.name.trim();
  const { _id, ...rest } = doc;
  // The code is the _id: a collision fails the insert instead of sharing a code.
  await ctx.db.collection(INVITES).doc(_id).set({ data: rest });
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'role.invite',
    target: _id,
    targetKind: 'invite',
    scope: { projectId: doc.projectId, contestId: doc.contestId },
    detail: { role: doc.role, projectId: doc.projectId, contestId: doc.contestId, name: doc.name },
    at: ctx.now,
  });
  const invitation: RoleInvitation = toInvitation(doc);
  if (req.qr !== false) {
    const qr = await miniProgramCode(invitation.scene);
    if (qr) invitation.qrBase64 = qr;
  }
  return invitation;
}

/** Takes the invitation's role: the invitation is used up and the role granted together. */
export async function acceptInvite(ctx: CallContext, rawCode: string, name?: string): Promise<RoleApi['accept']['res']> {
  if (!ctx.openid) throw new AppError('FORBIDDEN', '请在微信中打开小程序后再试');
  const code = normaliseCode(rawCode);
  const result = await withTransaction(ctx.db, async (tx) => {
    const stored = await txGet(tx, INVITES, code);
    const invite = stored ? inviteFromDoc(stored) : null;
    const refusal = inviteRefusal(invite, ctx.now);
    if (refusal || !invite) throw refusal ?? new AppError('NOT_FOUND');
    const held = await txGet(tx, ROLES, ctx.openid);
    const next = withRole(held ? roleFromDoc(held) : null, ctx.openid, invite, name);
    await txPut(tx, ROLES, { ...next });
    await tx
      .collection(INVITES)
      .doc(code)
      .update({ data: { status: 'used', usedBy: ctx.openid, usedAt: ctx.now } });
    return { invite, next };
  });
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'role.accept',
    target: code,
    targetKind: 'invite',
    scope: { projectId: result.invite.projectId, contestId: result.invite.contestId },
    detail: { role: result.invite.role, projectId: result.invite.projectId, contestId: result.invite.contestId },
    at: ctx.now,
  });
  const res: RoleApi['accept']['res'] = { role: result.invite.role, roles: rolesOf(ctx.openid, result.next) };
  if (result.invite.projectId) res.projectId = result.invite.projectId;
  if (result.invite.contestId) res.contestId = result.invite.contestId;
  return res;
}

export async function myRoles(ctx: CallContext): Promise<RoleApi['me']['res']> {
  if (!ctx.openid) return { roles: [], isAdmin: false, organizerOf: [] };
  const doc = await findRoles(ctx, ctx.openid);
  const roles = rolesOf(ctx.openid, doc);
  const organizerOf = doc?.organizerOf ?? [];
  const res: RoleApi['me']['res'] = { roles, isAdmin: roles.includes('admin'), organizerOf };
  if (doc?.name) res.name = doc.name;
  if (organizerOf.length) {
    const titles = await titlesOf(ctx.db, PROJECTS, organizerOf);
    res.projects = organizerOf.map((projectId) => ({ projectId, title: titles.get(projectId) ?? '' }));
  }
  const activityIds = doc?.organizerOfActivities ?? [];
  if (activityIds.length) {
    const titles = await titlesOf(ctx.db, ACTIVITIES, activityIds);
    res.activities = activityIds.map((activityId) => ({ activityId, title: titles.get(activityId) ?? '' }));
  }
  const contestIds = [...(doc?.staffOf ?? []), ...(doc?.judgeOf ?? [])];
  if (contestIds.length) {
    const titles = await titlesOf(ctx.db, CONTESTS, [...new Set(contestIds)]);
    if (doc?.staffOf?.length) res.staffOf = contestScopes(doc.staffOf, titles);
    if (doc?.judgeOf?.length) res.judgeOf = contestScopes(doc.judgeOf, titles);
  }
  return res;
}

function contestScopes(ids: string[], titles: Map<string, string>): ContestScope[] {
  return ids.map((contestId) => ({ contestId, title: titles.get(contestId) ?? '' }));
}

export async function listRoles(ctx: CallContext): Promise<RoleApi['list']['res']> {
  await requireAdmin(ctx);
  const _ = ctx.db.command;
  const anyRole = _.or([
    { admin: true },
    { 'organizerOf.0': _.exists(true) },
    { 'organizerOfActivities.0': _.exists(true) },
    { 'staffOf.0': _.exists(true) },
    { 'judgeOf.0': _.exists(true) },
  ]);
  const docs = (await fetchAll(ctx.db, ROLES, anyRole)).map(roleFromDoc);
  const env = envAdmins();
  const byId = new Map(docs.map((d) => [d._id, d]));
  // The deployment's admins hold no role document unless they gave a name.
  for (const openid of env) if (!byId.has(openid)) byId.set(openid, (await findRoles(ctx, openid)) ?? { _id: openid });
  const projectTitles = await titlesOf(ctx.db, PROJECTS, [...new Set(docs.flatMap((d) => d.organizerOf ?? []))]);
  const activityTitles = await titlesOf(ctx.db, ACTIVITIES, [...new Set(docs.flatMap((d) => d.organizerOfActivities ?? []))]);
  const contestTitles = await titlesOf(ctx.db, CONTESTS, [...new Set(docs.flatMap((d) => [...(d.staffOf ?? []), ...(d.judgeOf ?? [])]))]);
  const items: RoleHolder[] = [...byId.values()].map((d) => ({
    openid: d._id,
    ...(d.name ? { name: d.name } : {}),
    roles: rolesOf(d._id, d),
    fromEnv: env.includes(d._id),
    organizerOf: (d.organizerOf ?? []).map((projectId) => ({ projectId, title: projectTitles.get(projectId) })),
    organizerOfActivities: (d.organizerOfActivities ?? []).map((activityId) => ({ activityId, title: activityTitles.get(activityId) })),
    staffOf: contestScopes(d.staffOf ?? [], contestTitles),
    judgeOf: contestScopes(d.judgeOf ?? [], contestTitles),
  }));
  const open = await ctx.db
    .collection(INVITES)
    .where({ status: 'open', expiresAt: _.gt(ctx.now) })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get()
    .catch(() => ({ data: [] }));
  const invitations = open.data.map((d) => toInvitation(inviteFromDoc(d)));
  return { items: items.filter((i) => i.roles.length), invitations };
}

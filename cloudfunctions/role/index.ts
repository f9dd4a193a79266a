import { z } from 'zod';
import { action, createFunction } from '../common/handler';
import { grantRole, revokeRole } from '../common/roles/grant';
import { acceptInvite, createInvite, listRoles, myRoles } from '../common/roles/invite';
import { listAudit } from '../common/audit/log';
import { requireAdmin } from '../common/roles/policy';

const roleChange = z.object({
  openid: z.string().min(1).max(128),
  role: z.enum(['admin', 'organizer']),
  projectId: z.string().min(1).max(128).optional(),
  activityId: z.string().min(1).max(128).optional(),
});

const inviteSchema = z.object({
  role: z.enum(['admin', 'organizer']),
  projectId: z.string().min(1).max(128).optional(),
  ttlHours: z.number().int().min(1).max(24 * 14).optional(),
  qr: z.boolean().optional(),
});

const acceptSchema = z.object({ code: z.string().min(4).max(32) });
const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;

const auditSchema = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
  type: z.string().min(1).max(64).optional(),
  target: z.string().min(1).max(128).optional(),
});

export const main = createFunction('role', {
  grant: action(roleChange, (params, ctx) => grantRole(ctx, params)),
  revoke: action(roleChange, (params, ctx) => revokeRole(ctx, params)),
  invite: action(inviteSchema, (params, ctx) => createInvite(ctx, params)),
  accept: action(acceptSchema, (params, ctx) => acceptInvite(ctx, params.code)),
  me: action(none, (_params, ctx) => myRoles(ctx)),
  list: action(none, (_params, ctx) => listRoles(ctx)),
  audit: action(auditSchema, async (params, ctx) => {
    await requireAdmin(ctx);
    return listAudit(ctx.db, { limit: params.limit, offset: params.offset, action: params.type, target: params.target });
  }),
});

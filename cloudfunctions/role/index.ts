import { z } from 'zod';
import { action, createFunction } from '../common/handler';
import { grantRole, revokeRole } from '../common/role-admin';

const roleChange = z.object({
  openid: z.string().min(1).max(128),
  role: z.enum(['admin', 'organizer']),
  projectId: z.string().min(1).max(128).optional(),
});

export const main = createFunction('role', {
  grant: action(roleChange, (params, ctx) => grantRole(ctx, params)),
  revoke: action(roleChange, (params, ctx) => revokeRole(ctx, params)),
});

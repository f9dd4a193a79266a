import { action, createFunction } from '../common/handler';
import { none } from '../common/schemas';
import { grantRole, revokeRole } from '../common/roles/grant';
import { acceptInvite, createInvite, listRoles, myRoles } from '../common/roles/invite';
import { listAudit } from '../common/audit/log';
import { requireAdmin } from '../common/roles/policy';
import * as s from './schemas';

export const main = createFunction('role', {
  grant: action(s.roleChange, (params, ctx) => grantRole(ctx, params)),
  revoke: action(s.roleChange, (params, ctx) => revokeRole(ctx, params)),
  invite: action(s.invite, (params, ctx) => createInvite(ctx, params)),
  accept: action(s.accept, (params, ctx) => acceptInvite(ctx, params.code)),
  me: action(none, (_params, ctx) => myRoles(ctx)),
  list: action(none, (_params, ctx) => listRoles(ctx)),
  audit: action(s.audit, async (params, ctx) => {
    await requireAdmin(ctx);
    return listAudit(ctx.db, { limit: params.limit, offset: params.offset, action: params.type, target: params.target });
  }),
});

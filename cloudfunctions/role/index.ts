import { action, createFunction } from '../common/handler';
import { none } from '../common/schemas';
import { grantRole, revokeRole, setName } from '../common/roles/grant';
import { acceptInvite, createInvite, listRoles, myRoles } from '../common/roles/invite';
import { listAudit } from '../common/audit/read';
import { envAdmins, requireAdmin } from '../common/roles/policy';
import * as s from './schemas';

export const main = createFunction('role', {
  grant: action(s.grant, (params, ctx) => grantRole(ctx, params)),
  revoke: action(s.roleChange, (params, ctx) => revokeRole(ctx, params)),
  invite: action(s.invite, (params, ctx) => createInvite(ctx, params)),
  accept: action(s.accept, (params, ctx) => acceptInvite(ctx, params.code, params.name)),
  setName: action(s.setName, (params, ctx) => setName(ctx, params)),
  me: action(none, (_params, ctx) => myRoles(ctx)),
  list: action(none, (_params, ctx) => listRoles(ctx)),
  audit: action(s.audit, async (params, ctx) => {
    await requireAdmin(ctx);
    const { limit, offset, type, target, contestId, actor } = params;
    return listAudit(ctx.db, { limit, offset, action: type, target, contestId, actor }, envAdmins());
  }),
});

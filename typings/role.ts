export type RoleName = 'admin' | 'organizer';

export interface RoleApi {
  grant: { req: { openid: string; role: RoleName; projectId?: string }; res: { openid: string; roles: RoleName[] } };
  revoke: { req: { openid: string; role: RoleName; projectId?: string }; res: { openid: string; roles: RoleName[] } };
}

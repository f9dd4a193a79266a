/**
 * The contract map: function -> action -> { req, res }. The one typed source of API.md,
 * imported by the mini-program's services, the cloud functions and the tests.
 */
import type { ContestApi } from './contest';
import type { VoteApi } from './vote';
import type { ActivityApi } from './activity';
import type { CheckinApi } from './checkin';
import type { NotifyApi } from './notify';
import type { RoleApi } from './role';
import type { ReportApi } from './report';

export interface Api {
  contest: ContestApi;
  vote: VoteApi;
  activity: ActivityApi;
  checkin: CheckinApi;
  notify: NotifyApi;
  role: RoleApi;
  report: ReportApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ReqOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { req: infer R } ? R : never;
export type ResOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { res: infer R } ? R : never;

/**
 * Data for page tests against the real runtime (started empty): created through the functions
 * as the admin persona, so it obeys the same rules as real use. With the fixtures backend the
 * fixtures already hold equivalent data and nothing is created.
 */
import type { ActionName, FunctionName, ReqOf, ResOf } from '../../typings/api';
import type { Envelope } from '../../typings/envelope';
import type { Backend } from './harness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export async function callAs<F extends FunctionName, A extends ActionName<F>>(
  backend: Backend,
  openid: string,
  fn: F,
  action: A,
  params: ReqOf<F, A>,
): Promise<ResOf<F, A>> {
  const env = (await backend.call(fn, { ...(params as object), action }, openid)) as Envelope<ResOf<F, A>>;
  if (!env.ok) throw new Error(`${fn}.${action} as ${openid}: ${env.code} ${env.message}`);
  return env.data;
}

/** An open contest and three activities (one soon, one full with a waitlist, one past). */
export async function seedBasics(backend: Backend): Promise<void> {
  if (backend.mode !== 'runtime') return;
  const admin = 'admin-1';
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const { contestId } = await callAs(backend, admin, 'contest', 'create', {
    title: '第四届社区微创投“最佳人气奖”评选',
    voting: { startsAt: iso(now - DAY), endsAt: iso(now + 5 * DAY), perProjectPerDay: 1 },
  });
  await callAs(backend, admin, 'contest', 'addProject', { contestId, title: '悦园共享花园', team: '悦园楼长队', community: '悦园小区' });
  await callAs(backend, admin, 'activity', 'create', {
    title: '长者智能手机课堂：学会视频通话',
    type: '长者课堂',
    startsAt: iso(now + 2 * DAY),
    endsAt: iso(now + 2 * DAY + 2 * HOUR),
    capacity: 30,
    location: { name: '幸福里社区活动中心二楼' },
  });
  const { activityId: full } = await callAs(backend, admin, 'activity', 'create', {
    title: '楼道花园共建日',
    type: '环境营造',
    startsAt: iso(now + 4 * DAY),
    endsAt: iso(now + 4 * DAY + 3 * HOUR),
    capacity: 1,
    location: { name: '幸福里 5 号楼前' },
  });
  await callAs(backend, 'resident-b', 'activity', 'signup', { activityId: full, form: { name: '李阿姨', phone: '13800138000' } });
}

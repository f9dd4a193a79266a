/**
 * Recorded answers of the functions host, used when the local runtime cannot start. Every
 * handler is typed by the contract map (typings/api.ts): a fixture that drifts from the
 * contract fails `tsc`. Times are relative to now so that "open" stays open.
 */
import type { ActionName, FunctionName, ReqOf, ResOf } from '../../typings/api';
import type { Envelope } from '../../typings/envelope';

type Handler<F extends FunctionName, A extends ActionName<F>> = (req: ReqOf<F, A>, openid: string) => Envelope<ResOf<F, A>>;
export type FixtureMap = { [F in FunctionName]?: { [A in ActionName<F>]?: Handler<F, A> } };

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export const fixtures: FixtureMap = {
  contest: {
    list: () => {
      const now = Date.now();
      return ok({
        items: [
          {
            contestId: 'c-2026',
            title: '2026年家门口微项目“最佳人气奖”评选',
            status: 'open',
            startsAt: iso(now - 2 * DAY),
            endsAt: iso(now + 5 * DAY + 3 * HOUR),
          },
          { contestId: 'c-2025', title: '2025年家门口微项目评选', status: 'published', startsAt: iso(now - 300 * DAY), endsAt: iso(now - 290 * DAY) },
        ],
      });
    },
  },
  activity: {
    list: (_req, openid) => {
      const now = Date.now();
      return ok({
        items: [
          {
            activityId: 'a-1',
            title: '长者智能手机课堂：学会视频通话',
            type: '长者课堂',
            projectId: 'p-1',
            startsAt: iso(now + 2 * DAY),
            endsAt: iso(now + 2 * DAY + 2 * HOUR),
            capacity: 30,
            confirmed: 12,
            waitlisted: 0,
            location: { name: '幸福里社区活动中心二楼' },
            status: 'published',
            me: openid === 'resident-a' ? { status: 'confirmed' } : null,
          },
          {
            activityId: 'a-2',
            title: '楼道花园共建日',
            type: '环境营造',
            projectId: 'p-2',
            startsAt: iso(now + 4 * DAY),
            endsAt: iso(now + 4 * DAY + 3 * HOUR),
            capacity: 10,
            confirmed: 10,
            waitlisted: 3,
            location: { name: '幸福里 5 号楼前' },
            status: 'published',
            me: null,
          },
          {
            activityId: 'a-0',
            title: '邻里百家宴',
            type: '邻里互助',
            startsAt: iso(now - 6 * DAY),
            endsAt: iso(now - 6 * DAY + 3 * HOUR),
            capacity: 80,
            confirmed: 64,
            waitlisted: 0,
            location: { name: '社区广场' },
            status: 'published',
            me: null,
          },
        ],
      });
    },
  },
};

/** Routes a callFunction to its fixture; an unrecorded action answers NOT_FOUND. */
export function callFixture(name: string, data: Record<string, unknown>, openid: string): Envelope<unknown> {
  const byAction = (fixtures as Record<string, Record<string, ((req: unknown, openid: string) => Envelope<unknown>) | undefined> | undefined>)[name];
  const handler = byAction?.[String(data.action)];
  if (!handler) return { ok: false, code: 'NOT_FOUND', message: `没有录制 ${name}.${String(data.action)} 的回答` };
  return handler(data, openid);
}

/** The audit log records every privileged change across functions, in one shape, newest first. */
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const at = (m: number) => `2026-03-02T10:${String(m).padStart(2, '0')}:00+08:00`;
const admin = (m: number) => ({ openid: ADMIN, now: at(m) });

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

it('creates, edits, voids, publishes, grants and exports all land in role.audit', async () => {
  const { contestId } = expectOk(await rt.api('contest', 'create', { title: '审计测试', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } }, admin(1)));
  const { projectId } = expectOk(await rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指' }, admin(2)));
  expectOk(await rt.api('vote', 'cast', { contestId, projectId }, { openid: 'r-1', now: at(3) }));
  expectOk(await rt.api('vote', 'void', { contestId, voteIds: [`${contestId}:${projectId}:r-1:2026-03-02`], reason: '测试作废' }, admin(4)));
  const { activityId } = expectOk(
    await rt.api('activity', 'create', { title: '议事会', projectId, startsAt: '2026-03-10T09:00:00+08:00', endsAt: '2026-03-10T11:00:00+08:00', capacity: 5 }, admin(5)),
  );
  expectOk(await rt.api('activity', 'update', { activityId, patch: { capacity: 8 } }, admin(6)));
  expectOk(await rt.api('activity', 'cancelActivity', { activityId, reason: '下雨' }, admin(7)));
  expectOk(await rt.api('role', 'grant', { openid: 'o-1', role: 'organizer', projectId }, admin(8)));
  expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, admin(9)));
  expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, admin(10)));
  expectOk(await rt.api('report', 'export', { contestId }, admin(11)));

  const log = expectOk(await rt.api('role', 'audit', { limit: 100 }, admin(12)));
  expect(log.items.map((i) => i.action)).toEqual([
    'report.export',
    'contest.publish',
    'contest.status',
    'role.grant',
    'activity.cancel',
    'activity.update',
    'activity.create',
    'vote.void',
    'project.create',
    'contest.create',
  ]);
  expect(log.items.every((i) => i.actor === ADMIN)).toBe(true);
  const byAction = new Map(log.items.map((i) => [i.action, i]));
  expect(byAction.get('vote.void')).toMatchObject({ target: contestId, detail: { reason: '测试作废', voided: 1 } });
  expect(byAction.get('contest.publish')).toMatchObject({ target: contestId, detail: { from: 'frozen', to: 'published' } });
  expect(byAction.get('activity.cancel')).toMatchObject({ target: activityId });
  expect(byAction.get('project.create')).toMatchObject({ target: projectId });
});

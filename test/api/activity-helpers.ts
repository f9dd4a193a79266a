/**
 * Shared setup of the activity API tests: a project with planned types, an organizer of it,
 * activity factories, and direct database reads (the outbox, counters) through the admin SDK.
 */
import tcb from '@cloudbase/node-sdk';
import type { ActivityApi } from '../../typings';
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';

export { codeOf } from '../helpers/runtime';

export const ORGANIZER = 'organizer-1';
export const NOW = new Date('2026-03-02T02:00:00Z');
export const HOUR = 3_600_000;
export const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR).toISOString();

export type CreateParams = ActivityApi['create']['req'];

export interface Fixture {
  rt: TestRuntime;
  projectId: string;
  db: ReturnType<ReturnType<typeof tcb.init>['database']>;
}

/**
 * The functions host wraps process.env in a proxy; re-assigning an existing key through it
 * is refused, so the key is removed first.
 */
function setEnv(key: string, value: string): void {
  delete process.env[key];
  process.env[key] = value;
}

/** A project to hang activities on, and an organizer granted on it by the admin. */
export async function setUpProject(rt: TestRuntime, projectId = 'proj-fulu'): Promise<Fixture> {
  setEnv('TCB_CONTEXT_CNFG', JSON.stringify({ URL: `${rt.url}/admin` }));
  setEnv('TENCENTCLOUD_SECRETID', 'local');
  setEnv('TENCENTCLOUD_SECRETKEY', 'local');
  // Off the cloud, node-sdk probes Tencent Cloud's metadata host before every request (a 30 ms
  // timeout, twice, never cached when it fails); this says where we are, as SCF's env does.
  setEnv('TENCENTCLOUD', 'true');
  const app = tcb.init({ env: 'local', secretId: 'local', secretKey: 'local' });
  const db = app.database();
  await db.collection('projects').add({
    _id: projectId,
    title: '党建引领福禄巷10号院自治管理项目',
    planned: [
      { type: '居民议事会', sessions: 5 },
      { type: '义务劳动', sessions: 3 },
    ],
    votes: 0,
  });
  expectOk(await rt.api('role', 'grant', { openid: ORGANIZER, role: 'organizer', projectId }, { openid: ADMIN }));
  return { rt, projectId, db };
}

/**
 * For a test file: a fresh runtime with the project set up before its tests, stopped after
 * them once their notifications are sent. The fixture is filled in by beforeAll.
 */
export function useProject(): Fixture {
  const f = {} as Fixture;
  beforeAll(async () => {
    f.rt = await startTestRuntime();
    Object.assign(f, await setUpProject(f.rt));
  });
  afterAll(async () => {
    if (f.db) await settleNotifications(f);
    await f.rt?.stop();
  });
  return f;
}

export function activityParams(f: Fixture, over: Partial<CreateParams> = {}): CreateParams {
  return {
    title: '福禄巷10号院居民议事会',
    type: '居民议事会',
    projectId: f.projectId,
    startsAt: at(72),
    endsAt: at(74),
    capacity: 30,
    location: { name: '智德社区活动室', latitude: 39.93, longitude: 116.4, radiusM: 200 },
    ...over,
  };
}

export async function createActivity(f: Fixture, over: Partial<CreateParams> = {}, as = ORGANIZER): Promise<string> {
  return expectOk(await f.rt.api('activity', 'create', activityParams(f, over), { openid: as, now: NOW })).activityId;
}

export function person(i: number) {
  return { name: `居民${String.fromCharCode(0x4e00 + (i % 500))}`, phone: `138${String(i).padStart(8, '0')}` };
}

export async function signUp(f: Fixture, activityId: string, openid: string, i = 1, now = NOW) {
  return f.rt.api('activity', 'signup', { activityId, form: person(i) }, { openid, now });
}

export async function activityDoc(f: Fixture, activityId: string): Promise<Record<string, unknown>> {
  const res = (await f.db.collection('activities').where({ _id: activityId }).get()) as { data: Record<string, unknown>[] };
  return res.data[0];
}

export async function activityCount(f: Fixture): Promise<number> {
  const res = (await f.db.collection('activities').count()) as { total: number };
  return res.total;
}

export async function signupDocs(f: Fixture, activityId: string): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let skip = 0; ; skip += 1000) {
    const res = (await f.db.collection('signups').where({ activityId }).skip(skip).limit(1000).get()) as { data: Record<string, unknown>[] };
    all.push(...res.data);
    if (res.data.length < 1000) return all;
  }
}

export async function outboxDocs(f: Fixture, activityId: string): Promise<Record<string, unknown>[]> {
  try {
    const res = (await f.db.collection('outbox').where({ activityId }).limit(1000).get()) as { data: Record<string, unknown>[] };
    return res.data;
  } catch {
    return [];
  }
}

/**
 * Activity events wake the notify sender without waiting for it; before the runtime stops,
 * let those background sends finish (messages leave pending/sending) so none is cut off.
 */
export async function settleNotifications(f: Fixture, timeoutMs = 10_000): Promise<void> {
  const _ = f.db.command;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = (await f.db
      .collection('outbox')
      .where({ status: _.in(['pending', 'sending']) })
      .count()
      .catch(() => ({ total: 0 }))) as { total: number };
    if (!res.total) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/**
 * A small world for hostile-input tests: an open contest with projects, an organizer, an
 * activity with sign-ups (phones included), built through the functions as the admin. Plus a
 * fingerprint of the whole store to prove that a failed call wrote nothing.
 */
import { createHash } from 'node:crypto';
import type { Envelope } from '../../../typings';
import { ADMIN, type TestRuntime } from '../../helpers/runtime';
import type { KnownIds } from './hostile';

export const NOW = '2026-03-02T02:00:00Z';
export const ORGANIZER = 'organizer-fuzz';
export const RESIDENT = 'resident-signed-up';

export interface World {
  contestId: string;
  projectIds: string[];
  activityId?: string;
  signupIds: string[];
  known: KnownIds;
}

/** Unwraps a success, or throws with the code (setup must succeed). */
function must<T>(what: string, res: Envelope<T>): T {
  if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`);
  return res.data;
}

const hoursFrom = (iso: string, h: number) => new Date(new Date(iso).getTime() + h * 3_600_000).toISOString();

export async function buildWorld(rt: TestRuntime, functions: string[]): Promise<World> {
  const asAdmin = { openid: ADMIN, now: NOW };
  const { contestId } = must(
    'contest.create',
    await rt.call<{ contestId: string }>(
      'contest',
      { action: 'create', title: '最佳人气奖', voting: { startsAt: hoursFrom(NOW, -24), endsAt: hoursFrom(NOW, 24 * 30), perProjectPerDay: 1 } },
      asAdmin,
    ),
  );
  const projectIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { projectId } = must(
      'contest.addProject',
      await rt.call<{ projectId: string }>(
        'contest',
        { action: 'addProject', contestId, title: `项目${i + 1}`, team: `队伍${i + 1}`, planned: [{ type: '居民议事会', sessions: 3 }] },
        asAdmin,
      ),
    );
    projectIds.push(projectId);
  }
  const world: World = { contestId, projectIds, signupIds: [], known: {} };
  if (functions.includes('role')) {
    must('role.grant', await rt.call('role', { action: 'grant', openid: ORGANIZER, role: 'organizer', projectId: projectIds[0] }, asAdmin));
  }
  if (functions.includes('activity')) {
    const { activityId } = must(
      'activity.create',
      await rt.call<{ activityId: string }>(
        'activity',
        {
          action: 'create',
          title: '居民议事会',
          type: '居民议事会',
          projectId: projectIds[0],
          startsAt: hoursFrom(NOW, 72),
          endsAt: hoursFrom(NOW, 74),
          capacity: 2,
        },
        asAdmin,
      ),
    );
    world.activityId = activityId;
    for (let i = 0; i < 3; i++) {
      const res = must(
        'activity.signup',
        await rt.call<{ signupId?: string }>(
          'activity',
          { action: 'signup', activityId, form: { name: ['张三', '李四', '王五'][i], phone: `1380013800${i}` } },
          { openid: i === 0 ? RESIDENT : `resident-world-${i}`, now: NOW },
        ),
      );
      if (res.signupId) world.signupIds.push(res.signupId);
    }
  }
  world.known = {
    contestId: [contestId],
    projectId: projectIds,
    activityId: world.activityId ? [world.activityId] : [],
    signupId: world.signupIds,
  };
  return world;
}

/** WeChat APIs that only answer (a phone number, a text check): calling one sends nothing to anyone. */
const ANSWERING_APIS = new Set(['phonenumber.getPhoneNumber', 'security.msgSecCheck']);

/** Per collection (and the outbox of messages sent), a hash of every document: equal before and after = nothing written. */
export function fingerprint(rt: TestRuntime): Record<string, string> {
  const db = rt.runtime.emulator.db;
  const out: Record<string, string> = {};
  for (const c of [...db.collections()].sort()) {
    if (c === '_outbox') continue; // the emulator's record of WeChat calls: compared below, without mere questions
    const docs = db
      .find(c)
      .map((d) => JSON.stringify(d))
      .sort();
    out[c] = createHash('sha1').update(docs.join('\n')).digest('hex');
  }
  const sent = rt.runtime.emulator.outbox().filter((item) => !ANSWERING_APIS.has(item.api));
  out['(outbox)'] = createHash('sha1').update(JSON.stringify(sent)).digest('hex');
  return out;
}

/** The collections whose fingerprints differ. */
export function changedCollections(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

/**
 * Waits until background work (the outbox sender woken by a sign-up or a vote) has stopped
 * changing the store, so that a later change can be pinned on the call that made it.
 */
export async function settle(rt: TestRuntime, maxMs = 5_000): Promise<void> {
  const until = Date.now() + maxMs;
  let last = JSON.stringify(fingerprint(rt));
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    const now = JSON.stringify(fingerprint(rt));
    if (now === last) return;
    last = now;
  }
}

/** The store as text, to look for values that must never be stored. */
export function storeText(rt: TestRuntime): string {
  const db = rt.runtime.emulator.db;
  return db
    .collections()
    .map((c) => JSON.stringify(db.find(c)))
    .join('\n');
}

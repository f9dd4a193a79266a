/**
 * Seeds demo data on an empty data dir, through the cloud functions themselves (as the admin
 * persona), so the demo obeys the same rules as real use.
 */
import { DEMO_CONTEST, DEMO_PLACES, DEMO_PROJECTS } from './programme';

export const DEMO_ADMIN = 'admin-1';
export const DEMO_ORGANIZER = 'organizer-1';

export type SeedEnvelope = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };

/** Calls a cloud function as `openid`, at time `at` (default now). */
export type SeedCall = (fn: string, data: Record<string, unknown>, openid?: string, at?: Date) => Promise<SeedEnvelope>;

type Envelope = SeedEnvelope;

interface SeedDeps {
  call: SeedCall;
  log: (msg: string) => void;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SEED_CONCURRENCY = 8;

export async function seedDemo({ call, log }: SeedDeps): Promise<void> {
  const existing = await call('contest', { action: 'list' });
  if (!existing.ok) {
    log(`demo seed skipped: contest.list answered ${existing.code}`);
    return;
  }
  if (existing.ok && Array.isArray(existing.data.items) && existing.data.items.length > 0) return;

  const now = Date.now();
  const startsAt = new Date(now - 2 * DAY);
  const endsAt = new Date(now + 3 * DAY);
  const created = await call('contest', {
    action: 'create',
    title: DEMO_CONTEST.title,
    description: DEMO_CONTEST.description,
    voting: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), perProjectPerDay: 1 },
    topN: DEMO_CONTEST.topN,
  });
  if (!created.ok) {
    log(`demo seed: contest.create failed: ${created.code} ${created.message}`);
    return;
  }
  const contestId = String(created.data.contestId);
  const projectIds: string[] = [];
  for (const p of DEMO_PROJECTS) {
    const res = await call('contest', { action: 'addProject', contestId, ...p });
    if (res.ok) projectIds.push(String(res.data.projectId));
  }
  await call('role', { action: 'grant', openid: DEMO_ORGANIZER, role: 'organizer', projectId: projectIds[0] });
  await call('role', { action: 'grant', openid: DEMO_ORGANIZER, role: 'organizer', projectId: projectIds[5] });

  const votes = await seedVotes(call, contestId, projectIds, startsAt);
  const activities = await seedActivities(call, projectIds, now);
  log(`demo seed: 1 contest, ${projectIds.length} projects, ${votes} votes, ${activities} activities`);
}

/** Residents voted over the past two days; earlier projects drew more support. */
async function seedVotes(call: SeedCall, contestId: string, projectIds: string[], startsAt: Date): Promise<number> {
  const ballots: { projectId: string; voter: string; at: Date }[] = [];
  for (let i = 0; i < projectIds.length; i++) {
    const supporters = Math.max(3, 40 - i * 3 + ((i * 7) % 5));
    for (let r = 0; r < supporters; r++) {
      ballots.push({ projectId: projectIds[i], voter: `demo-resident-${r}`, at: new Date(startsAt.getTime() + HOUR * (2 + ((r * 5 + i) % 30))) });
    }
  }
  let accepted = 0;
  // A few at a time, like residents do; a burst of hundreds would only measure the queue.
  for (let k = 0; k < ballots.length; k += SEED_CONCURRENCY) {
    const batch = ballots.slice(k, k + SEED_CONCURRENCY);
    const results = await Promise.all(batch.map((b) => call('vote', { action: 'cast', contestId, projectId: b.projectId }, b.voter, b.at)));
    accepted += results.filter((r) => r.ok).length;
  }
  return accepted;
}

async function seedActivities(
  call: SeedCall,
  projectIds: string[],
  now: number,
): Promise<number> {
  let created = 0;
  for (let i = 0; i < projectIds.length; i++) {
    const project = DEMO_PROJECTS[i];
    const offsets = i === 0 ? [-3 * DAY, -10 * 60_000, 2 * DAY] : [(i % 4) * DAY + 1 * DAY, (i % 3) * DAY + 5 * DAY];
    for (let k = 0; k < offsets.length; k++) {
      const planned = project.planned[k % project.planned.length];
      const start = roundToHalfHour(now + offsets[k]);
      const place = DEMO_PLACES[(i + k) % DEMO_PLACES.length];
      const res = await call('activity', {
        action: 'create',
        projectId: projectIds[i],
        type: planned.type,
        title: `${planned.type} · ${project.community}`,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2 * HOUR).toISOString(),
        capacity: i === 0 && k === 2 ? 3 : 20 + ((i * 3) % 5) * 5,
        location: place,
        description: project.summary,
      });
      if (res.ok) created++;
    }
  }
  return created;
}

function roundToHalfHour(t: number): number {
  const half = 30 * 60_000;
  return Math.round(t / half) * half;
}

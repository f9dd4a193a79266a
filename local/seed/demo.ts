/**
 * Seeds demo data on an empty data dir, through the cloud functions themselves (as the admin
 * persona), so the demo obeys the same rules as real use.
 */
import { startOfNextShanghaiDay } from '../../cloudfunctions/common/platform/time';
import { DEMO_CONTEST, DEMO_PLACES, DEMO_PROJECTS } from './programme';
import { seedResults, type SeedUpload } from './results';
import { seedDesksAndJudges } from './ballots';

export const DEMO_ADMIN = 'admin-1';
export const DEMO_ORGANIZER = 'organizer-1';
/** How the audit log and the roles list name them (fictional people). */
export const DEMO_ADMIN_NAME = '周敏';
export const DEMO_ORGANIZER_NAME = '林晓红';

export type SeedEnvelope = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };

/** Calls a cloud function as `openid`, at time `at` (default now). */
export type SeedCall = (fn: string, data: Record<string, unknown>, openid?: string, at?: Date) => Promise<SeedEnvelope>;

interface SeedDeps {
  call: SeedCall;
  log: (msg: string) => void;
  /** Cloud storage for the showcase pictures; without it the demo has no pictures. */
  upload?: SeedUpload;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SEED_CONCURRENCY = 8;

export async function seedDemo({ call, log, upload }: SeedDeps): Promise<void> {
  const existing = await call('contest', { action: 'list' });
  // A seed that cannot write is a broken start, not an empty demo: say so and stop.
  if (!existing.ok) throw new Error(`demo seed: contest.list answered ${existing.code} ${existing.message}`);
  if (existing.ok && Array.isArray(existing.data.items) && existing.data.items.length > 0) return;

  const now = Date.now();
  // About five days like the real vote (seed 002): from 09:00 two days ago to 22:00 in two days, Beijing time.
  const startsAt = new Date(atBeijingHour(now - 2 * DAY, 9));
  const endsAt = new Date(atBeijingHour(now + 2 * DAY, 22));
  const created = await call('contest', {
    action: 'create',
    title: DEMO_CONTEST.title,
    description: DEMO_CONTEST.description,
    voting: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), perProjectPerDay: 1 },
    topN: DEMO_CONTEST.topN,
  });
  if (!created.ok) throw new Error(`demo seed: contest.create failed: ${created.code} ${created.message} (is the seeding persona in ADMIN_OPENIDS?)`);
  const contestId = String(created.data.contestId);
  const projectIds: string[] = [];
  for (const p of DEMO_PROJECTS) {
    const res = await call('contest', { action: 'addProject', contestId, ...p });
    if (res.ok) projectIds.push(String(res.data.projectId));
  }
  await call('role', { action: 'setName', name: DEMO_ADMIN_NAME });
  await call('role', { action: 'grant', openid: DEMO_ORGANIZER, role: 'organizer', projectId: projectIds[0], name: DEMO_ORGANIZER_NAME });
  await call('role', { action: 'grant', openid: DEMO_ORGANIZER, role: 'organizer', projectId: projectIds[5] });

  const votes = await seedVotes(call, contestId, projectIds, startsAt);
  const activities = await seedActivities(call, projectIds, now);
  const checkins = activities.length ? await seedParticipation(call, activities[0]) : 0;
  const count = activities.reduce((sum, a) => sum + a.length, 0);
  log(`demo seed: 1 contest, ${projectIds.length} projects, ${votes} votes, ${count} activities, ${checkins} check-ins`);
  log(`demo seed: ${await seedResults(call, upload, projectIds, DEMO_ORGANIZER, now)}`);
  log(`demo seed: ${await seedDesksAndJudges(call, contestId, projectIds, DEMO_ORGANIZER, now)}`);
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

interface SeededActivity {
  activityId: string;
  start: number;
}

/** Two or three activities per project; the first project's are past, under way and nearly full. */
async function seedActivities(call: SeedCall, projectIds: string[], now: number): Promise<SeededActivity[][]> {
  const seeded: SeededActivity[][] = [];
  for (let i = 0; i < projectIds.length; i++) {
    const project = DEMO_PROJECTS[i];
    const offsets = i === 0 ? [-3 * DAY, -10 * 60_000, 2 * DAY] : [(i % 4) * DAY + 1 * DAY, (i % 3) * DAY + 5 * DAY];
    const mine: SeededActivity[] = [];
    for (let k = 0; k < offsets.length; k++) {
      const planned = project.planned[k % project.planned.length];
      // The session under way keeps its time; the others sit at 09:30 or 14:30 Beijing time.
      const start = i === 0 && k === 1 ? roundToHalfHour(now + offsets[k]) : atBeijingHour(now + offsets[k], k % 2 ? 14.5 : 9.5);
      const place = DEMO_PLACES[(i + k) % DEMO_PLACES.length];
      // Created a few days ahead of its start, as organizers do.
      const createdAt = new Date(Math.min(now, start - 2 * DAY));
      const res = await call(
        'activity',
        {
          action: 'create',
          projectId: projectIds[i],
          type: planned.type,
          title: `${planned.type} · ${project.community}`,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 2 * HOUR).toISOString(),
          capacity: i === 0 && k === 2 ? 3 : 20 + ((i * 3) % 5) * 5,
          location: place,
          description: project.summary,
        },
        DEMO_ADMIN,
        createdAt,
      );
      if (res.ok) mine.push({ activityId: String(res.data.activityId), start });
    }
    seeded.push(mine);
  }
  return seeded;
}

const NEIGHBOURS = ['王阿姨', '李叔叔', '张奶奶', '陈伯伯', '刘阿姨', '黄叔叔', '赵奶奶', '周伯伯', '吴阿姨', '郑叔叔', '孙奶奶', '马伯伯'];

/**
 * Sign-ups and check-ins for the first project's activities, so the report, roster and
 * "已满可候补" have something to show: a past session with check-ins, one under way, one full.
 */
async function seedParticipation(call: SeedCall, first: SeededActivity[]): Promise<number> {
  const [past, live, full] = first;
  let checkins = 0;
  const signUp = async (a: SeededActivity, n: number, at: Date) => {
    const res = await call(
      'activity',
      { action: 'signup', activityId: a.activityId, form: { name: NEIGHBOURS[n % NEIGHBOURS.length], phone: `1380013${String(n).padStart(4, '0')}` } },
      `demo-resident-${n}`,
      at,
    );
    return res.ok ? String(res.data.signupId ?? '') : '';
  };
  const checkIn = async (a: SeededActivity, signupId: string, at: Date) => {
    const res = await call('checkin', { action: 'manual', activityId: a.activityId, signupId }, DEMO_ADMIN, at);
    if (res.ok) checkins++;
  };
  if (past) {
    for (let n = 0; n < 12; n++) {
      const signupId = await signUp(past, n, new Date(past.start - DAY));
      if (signupId && n < 10) await checkIn(past, signupId, new Date(past.start + 15 * 60_000));
    }
  }
  if (live) {
    for (let n = 0; n < 8; n++) {
      const signupId = await signUp(live, n, new Date(live.start - 2 * HOUR));
      if (signupId && n < 5) await checkIn(live, signupId, new Date(live.start + 5 * 60_000));
    }
  }
  if (full) for (let n = 0; n < 4; n++) await signUp(full, n, new Date(Date.now() - HOUR + n * 60_000));
  return checkins;
}

/** The given hour (e.g. 9.5 = 09:30) of the Beijing day that holds instant t. */
function atBeijingHour(t: number, hour: number): number {
  const beijingMidnight = startOfNextShanghaiDay(new Date(t)).getTime() - DAY;
  return beijingMidnight + hour * HOUR;
}

function roundToHalfHour(t: number): number {
  const half = 30 * 60_000;
  return Math.round(t / half) * half;
}

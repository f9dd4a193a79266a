/**
 * The demo programme's results, so `npm start` shows a 成果册 like seed 002's: each project's
 * cover and photos, sessions held over the past weeks with sign-ups, check-ins (volunteer
 * sign-outs for some), residents' ratings, and the figures only organizers know (resources,
 * 微事件, publicity — summing to seed 002's ¥62,619, 39 件, 51 篇 and 20,392 次). All of it
 * goes through the cloud functions, as residents, organizers and the admin would.
 */
import { DEMO_PROJECTS } from './programme';
import { demoPicture } from './pictures';
import type { SeedCall } from './demo';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CONCURRENCY = 8;

/** Puts a file into cloud storage and answers its fileID (an organizer's upload from the phone). */
export type SeedUpload = (cloudPath: string, data: Buffer) => Promise<string>;

/** Per project, in DEMO_PROJECTS order. */
const RESOURCES_YUAN = [8200, 5600, 4300, 6900, 3800, 7520, 4100, 3600, 2900, 3100, 4500, 2700, 1999, 1800, 1600];
const EVENTS_SOLVED = [4, 5, 3, 3, 2, 3, 6, 2, 2, 1, 3, 2, 1, 1, 1];
const PIECES = [5, 4, 4, 4, 3, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2];
const VIEWS = [2480, 1960, 1720, 1650, 1210, 2360, 1530, 1890, 980, 1040, 1120, 960, 560, 420, 512];

const COMMENTS = [
  '组织得很用心，下次还来',
  '邻居们一起动手，很有意义',
  '时间安排合适，老人也方便参加',
  '希望多办几次',
  '环境变好了，谢谢志愿者',
  '孩子也学到了很多',
];
const NAMES = ['王', '李', '张', '陈', '刘', '黄', '赵', '周', '吴', '郑', '孙', '马', '朱', '胡', '林', '何'];

async function inBatches<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(work));
}

/** Covers for every project; a gallery of activity photos for most. */
export async function seedShowcase(call: SeedCall, upload: SeedUpload, projectIds: string[]): Promise<number> {
  let images = 0;
  for (const [i, projectId] of projectIds.entries()) {
    const coverImage = await upload(`showcase/${projectId}/cover.png`, demoPicture(i + 1));
    const photos = i < 8 ? 3 + (i % 3) : i % 2 ? 2 : 0;
    const gallery: string[] = [];
    for (let k = 0; k < photos; k++) gallery.push(await upload(`showcase/${projectId}/photo-${k + 1}.png`, demoPicture(100 + i * 10 + k)));
    const res = await call('contest', { action: 'setShowcase', projectId, coverImage, gallery });
    if (res.ok) images += 1 + gallery.length;
  }
  return images;
}

interface Session {
  projectIndex: number;
  activityId: string;
  start: number;
  end: number;
  volunteers: boolean;
}

/** Two to four sessions per project over the past seven weeks. */
async function createPastSessions(call: SeedCall, projectIds: string[], now: number): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const [i, projectId] of projectIds.entries()) {
    const project = DEMO_PROJECTS[i];
    for (let k = 0; k < 2 + (i % 3); k++) {
      const planned = project.planned[k % project.planned.length];
      const start = Math.floor((now - (48 - 9 * k - (i % 5)) * DAY) / HOUR) * HOUR;
      const end = start + 2 * HOUR;
      const res = await call(
        'activity',
        {
          action: 'create',
          projectId,
          type: planned.type,
          title: `${planned.type} · ${project.community}`,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(end).toISOString(),
          capacity: 30,
          location: { name: `${project.community}党群服务中心` },
          description: project.summary,
        },
        undefined,
        new Date(start - 3 * DAY),
      );
      if (!res.ok) continue;
      const activityId = String(res.data.activityId);
      // Hands-on projects count volunteer hours: people sign out at the end.
      const volunteers = i % 4 === 1;
      if (volunteers) await call('checkin', { action: 'configure', activityId, settings: { signOut: true } }, undefined, new Date(start - 2 * DAY));
      sessions.push({ projectIndex: i, activityId, start, end, volunteers });
    }
  }
  return sessions;
}

/** Residents of one project's community (distinct per project: each project has its own neighbours). */
const residentOf = (projectIndex: number, m: number) => `demo-p${projectIndex}-r${m}`;

async function holdSession(call: SeedCall, s: Session, k: number): Promise<{ checkins: number; ratings: number }> {
  const i = s.projectIndex;
  const people = 8 + ((i * 5 + k * 3) % 9);
  let checkins = 0;
  let ratings = 0;
  const attendees: { openid: string; m: number; signupId: string }[] = [];
  await inBatches(
    Array.from({ length: people }, (_unused, m) => m),
    async (m) => {
      const openid = residentOf(i, m);
      const res = await call(
        'activity',
        {
          action: 'signup',
          activityId: s.activityId,
          form: { name: `${NAMES[(m + i) % NAMES.length]}${m % 2 ? '阿姨' : '叔叔'}`, phone: `139${String(i).padStart(2, '0')}${String(m).padStart(6, '0')}` },
        },
        openid,
        new Date(s.start - DAY),
      );
      if (res.ok && m < people - 1) attendees.push({ openid, m, signupId: String(res.data.signupId ?? '') });
    },
  );
  await inBatches(attendees, async (a) => {
    const res = await call('checkin', { action: 'manual', activityId: s.activityId, signupId: a.signupId }, undefined, new Date(s.start + 10 * 60_000));
    if (res.ok) checkins++;
    if (res.ok && s.volunteers)
      await call('checkin', { action: 'signOut', activityId: s.activityId, signupId: a.signupId }, undefined, new Date(s.end - 5 * 60_000));
  });
  await inBatches(
    attendees.filter((a) => (a.m + k) % 3 !== 0),
    async (a) => {
      const stars = (a.m * 7 + k + i) % 5 === 0 ? 3 : (a.m + i) % 3 === 0 ? 4 : 5;
      const comment = a.m % 4 === 1 ? COMMENTS[(a.m + k + i) % COMMENTS.length] : undefined;
      const res = await call(
        'activity',
        { action: 'rate', activityId: s.activityId, stars, ...(comment ? { comment } : {}) },
        a.openid,
        new Date(s.end + 2 * HOUR),
      );
      if (res.ok) ratings++;
    },
  );
  return { checkins, ratings };
}

/**
 * The organizers' figures: entered by the admin for most projects (an admin's entry is
 * reviewed), by organizer-1 for the two projects it runs — one approved by the admin, one
 * still waiting for review, so the 成果册 shows both states.
 */
async function seedOutcomes(call: SeedCall, projectIds: string[], organizer: string): Promise<void> {
  for (const [i, projectId] of projectIds.entries()) {
    const figures = { resourcesYuan: RESOURCES_YUAN[i] ?? 0, eventsSolved: EVENTS_SOLVED[i] ?? 0, publicity: { pieces: PIECES[i] ?? 0, views: VIEWS[i] ?? 0 } };
    const byOrganizer = i === 0 || i === 5;
    await call('report', { action: 'setOutcomes', projectId, ...figures }, byOrganizer ? organizer : undefined);
    if (i === 5) await call('report', { action: 'reviewOutcomes', projectId, approve: true });
  }
}

export async function seedResults(call: SeedCall, upload: SeedUpload | undefined, projectIds: string[], organizer: string, now: number): Promise<string> {
  const images = upload ? await seedShowcase(call, upload, projectIds) : 0;
  const sessions = await createPastSessions(call, projectIds, now);
  let checkins = 0;
  let ratings = 0;
  const perProject = new Map<number, number>();
  for (const s of sessions) {
    const k = perProject.get(s.projectIndex) ?? 0;
    perProject.set(s.projectIndex, k + 1);
    const held = await holdSession(call, s, k);
    checkins += held.checkins;
    ratings += held.ratings;
  }
  await seedOutcomes(call, projectIds, organizer);
  return `${images} showcase images, ${sessions.length} past sessions, ${checkins} check-ins, ${ratings} ratings, outcomes of ${projectIds.length} projects`;
}

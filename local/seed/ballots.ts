/**
 * The demo's desks and judges (seed 002's 成果展): a community worker records ballots for
 * residents without a phone (线下投票登记), and two judges score every project on weighted
 * criteria (评审打分), through the functions as the staff and the judges themselves. The
 * organizer persona may also record at the desk and judge, so both pages can be walked.
 */
import type { SeedCall } from './demo';

const HOUR = 3600_000;

export const DEMO_STAFF = 'demo-staff-1';
const DEMO_STAFF_NAME = '何社工';
const DEMO_JUDGES = [
  { openid: 'demo-judge-1', name: '刘教授' },
  { openid: 'demo-judge-2', name: '陈主任' },
];

/** Residents at the desk: fictional names, numbers from a reserved-looking range. */
const DESK_VOTERS = ['王阿姨', '李大爷', '张奶奶', '赵叔叔', '孙阿婆', '周伯伯', '吴阿姨', '郑大爷', '冯奶奶', '陈叔叔', '褚阿姨', '卫大爷'];

const CRITERIA = [
  { name: '实施成效', weight: 40 },
  { name: '居民参与', weight: 30 },
  { name: '创新与可持续', weight: 30 },
];

/** A judge's points (0–10) for a project on a criterion: steady, a little different per judge. */
function points(judge: number, project: number, criterion: number): number {
  return Math.max(4, Math.min(10, 9 - Math.floor(project / 3) + ((judge + project + criterion * 2) % 3) - 1));
}

export async function seedDesksAndJudges(call: SeedCall, contestId: string, projectIds: string[], organizer: string, now: number): Promise<string> {
  for (const openid of [DEMO_STAFF, organizer]) {
    await call('role', { action: 'grant', openid, role: 'staff', contestId, ...(openid === DEMO_STAFF ? { name: DEMO_STAFF_NAME } : {}) });
  }
  // Yesterday afternoon at the community desk, one ballot every few minutes.
  const deskStart = now - 20 * HOUR;
  let ballots = 0;
  for (const [i, name] of DESK_VOTERS.entries()) {
    const projectId = projectIds[(i * 5) % projectIds.length];
    const voter = { name, phone: `1390000${String(1000 + i).slice(-4)}` };
    const res = await call('vote', { action: 'assisted', contestId, projectId, voter }, DEMO_STAFF, new Date(deskStart + i * 4 * 60_000));
    if (res.ok) ballots++;
  }

  await call('contest', { action: 'setScoring', contestId, criteria: CRITERIA, weights: { online: 30, onsite: 30, judges: 40 } });
  for (const j of [...DEMO_JUDGES, { openid: organizer, name: '' }]) {
    await call('role', { action: 'grant', openid: j.openid, role: 'judge', contestId, ...(j.name ? { name: j.name } : {}) });
  }
  let scored = 0;
  for (const [j, judge] of DEMO_JUDGES.entries()) {
    for (const [p, projectId] of projectIds.entries()) {
      const scores = Object.fromEntries(CRITERIA.map((_, c) => [`c${c + 1}`, points(j, p, c)]));
      const res = await call('contest', { action: 'score', contestId, projectId, scores }, judge.openid);
      if (res.ok) scored++;
    }
  }
  return `${ballots} desk ballots by ${DEMO_STAFF_NAME}, ${scored} judges' scores on ${projectIds.length} projects`;
}

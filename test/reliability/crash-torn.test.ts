/**
 * Crash test (4): a journal with a torn tail (a crash in the middle of a write). The runtime
 * starts, reports the dropped tail, keeps every record before it, takes new writes — and those
 * new writes survive the next kill -9 (the torn bytes must not swallow what follows them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { callAt, cleanUp, freshDataDir, must, startChild } from './lib/child';

const ADMIN = 'admin-1';
const NOW = '2026-03-02T02:00:00Z';

jest.setTimeout(120_000);

afterAll(cleanUp);

function lastJournal(dir: string): string {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^journal-\d+\.log$/.test(f))
    .sort();
  if (files.length === 0) throw new Error(`no journal in the data dir: ${fs.readdirSync(dir).join(', ')}`);
  return path.join(dir, files[files.length - 1]);
}

/** Appends the first half of the journal's last record again, without its newline: a torn write. */
function tearTail(file: string): number {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const last = lines[lines.length - 1];
  const torn = last.slice(0, Math.max(4, Math.floor(last.length / 2)));
  fs.appendFileSync(file, torn);
  return Buffer.byteLength(torn);
}

async function mine(url: string, contestId: string, openid: string): Promise<string[]> {
  const data = await must('vote.mine', callAt<{ items: { projectId: string }[] }>(url, 'vote', { action: 'mine', contestId }, openid, NOW));
  return data.items.map((i) => i.projectId);
}

test('a torn journal tail: starts, reports it, keeps what came before, and later writes survive another kill -9', async () => {
  const dataDir = freshDataDir('torn');
  let child = await startChild(dataDir);
  expect(child.report.warnings).toEqual([]);
  const { contestId } = await must(
    'contest.create',
    callAt<{ contestId: string }>(
      child.url,
      'contest',
      { action: 'create', title: '撕裂测试', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } },
      ADMIN,
      NOW,
    ),
  );
  const { projectId } = await must(
    'contest.addProject',
    callAt<{ projectId: string }>(child.url, 'contest', { action: 'addProject', contestId, title: '项目', team: '队伍' }, ADMIN, NOW),
  );
  await must('vote.cast', callAt(child.url, 'vote', { action: 'cast', contestId, projectId }, 'before-tear', NOW));
  await child.kill9();

  const tornBytes = tearTail(lastJournal(dataDir));
  expect(tornBytes).toBeGreaterThan(0);

  child = await startChild(dataDir);
  expect(child.report.warnings.length).toBeGreaterThan(0);
  expect(await mine(child.url, contestId, 'before-tear')).toEqual([projectId]);
  await must('vote.cast', callAt(child.url, 'vote', { action: 'cast', contestId, projectId }, 'after-tear', NOW));
  await child.kill9();

  child = await startChild(dataDir);
  expect(await mine(child.url, contestId, 'before-tear')).toEqual([projectId]);
  expect(await mine(child.url, contestId, 'after-tear')).toEqual([projectId]);
  const board = await must(
    'contest.leaderboard',
    callAt<{ items: { projectId: string; votes: number | null }[] }>(child.url, 'contest', { action: 'leaderboard', contestId }, 'anyone', NOW),
  );
  expect(board.items.find((i) => i.projectId === projectId)?.votes).toBe(2);
  await child.stop();
});

import { detectFlags, type FlagOptions, type FlagRow } from './flags';

const opts: FlagOptions = {
  windowMs: 10 * 60_000,
  burstMin: 20,
  burstFactor: 5,
  newVoterMin: 15,
  rapidMin: 10,
  hashVoter: (o) => `h(${o})`,
  toIso: (d) => d.toISOString(),
};
const T0 = Date.parse('2026-01-08T02:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function steady(): FlagRow[] {
  // 3 votes per 10 minutes for p1 over 5 hours, by long-standing voters.
  const rows: FlagRow[] = [];
  for (let w = 0; w < 30; w++) for (let k = 0; k < 3; k++) rows.push({ _id: `s${w}-${k}`, projectId: 'p1', openid: `old-${k}`, at: at(w * 10 + k) });
  return rows;
}

describe('detectFlags', () => {
  it('raises nothing on a steady vote', () => {
    expect(detectFlags(steady(), opts)).toEqual([]);
  });
  it('flags a burst of new voters for one project in one window', () => {
    const burst: FlagRow[] = Array.from({ length: 40 }, (_u, i) => ({ _id: `b${i}`, projectId: 'p2', openid: `new-${i}`, at: at(120 + (i % 9)) }));
    const flags = detectFlags([...steady(), ...burst], opts);
    expect(flags.map((f) => f.kind).sort()).toEqual(['new-voter-burst', 'project-burst']);
    expect(flags.every((f) => f.projectId === 'p2' && f.votes === 40)).toBe(true);
    expect(flags[0].voteIds.length).toBeGreaterThan(0);
  });
  it('flags one person voting many times in one window, by hashed id', () => {
    const rapid: FlagRow[] = Array.from({ length: 12 }, (_u, i) => ({ _id: `r${i}`, projectId: `p${i}`, openid: 'busy', at: at(i / 2) }));
    const flags = detectFlags(rapid, opts);
    expect(flags).toEqual([expect.objectContaining({ kind: 'rapid-voter', voterHash: 'h(busy)', votes: 12 })]);
  });
});

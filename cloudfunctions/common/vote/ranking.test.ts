import { rankByVotes } from './ranking';

const item = (projectId: string, votes: number, order: number) => ({ projectId, votes, order });

describe('rankByVotes', () => {
  it('ties share a rank and the next rank skips (1, 1, 3)', () => {
    const ranked = rankByVotes([item('a', 5, 0), item('b', 9, 1), item('c', 9, 2), item('d', 1, 3)], 5, false);
    expect(ranked.map((r) => [r.projectId, r.rank])).toEqual([
      ['b', 1],
      ['c', 1],
      ['a', 3],
      ['d', 4],
    ]);
  });
  it('flags winners only at publication; a tie at the edge of the top N wins together', () => {
    const items = [item('a', 10, 0), item('b', 8, 1), item('c', 8, 2), item('d', 3, 3)];
    expect(rankByVotes(items, 2, false).some((r) => r.winner)).toBe(false);
    expect(
      rankByVotes(items, 2, true)
        .filter((r) => r.winner)
        .map((r) => r.projectId),
    ).toEqual(['a', 'b', 'c']);
  });
  it('a project without votes never wins', () => {
    expect(rankByVotes([item('a', 0, 0), item('b', 0, 1)], 5, true).some((r) => r.winner)).toBe(false);
  });
  it('equal votes keep the order projects were added', () => {
    expect(rankByVotes([item('x', 2, 1), item('y', 2, 0)], 5, false).map((r) => r.projectId)).toEqual(['y', 'x']);
  });
});

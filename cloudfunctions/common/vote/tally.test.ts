import { settledDiffs, sumShards, tallyDiffs } from './tally';

describe('tally arithmetic', () => {
  it('sums shards per project', () => {
    expect(
      sumShards([
        { projectId: 'a', n: 2 },
        { projectId: 'a', n: 3 },
        { projectId: 'b', n: 1 },
      ]),
    ).toEqual(
      new Map([
        ['a', 5],
        ['b', 1],
      ]),
    );
  });
  it('lists projects whose counters differ from the ledger, including missing ones', () => {
    const diffs = tallyDiffs(
      ['a', 'b', 'c'],
      new Map([
        ['a', 5],
        ['b', 2],
      ]),
      new Map([
        ['a', 5],
        ['b', 3],
        ['c', 1],
      ]),
    );
    expect(diffs).toEqual([
      { projectId: 'b', ledger: 2, counted: 3, fixed: false },
      { projectId: 'c', ledger: 0, counted: 1, fixed: false },
    ]);
  });
  it('repairs only differences that two readings agree on', () => {
    const first = [
      { projectId: 'a', ledger: 5, counted: 4, fixed: false },
      { projectId: 'b', ledger: 2, counted: 1, fixed: false },
    ];
    const second = [{ projectId: 'a', ledger: 5, counted: 4, fixed: false }];
    expect(settledDiffs(first, second)).toEqual({ settled: [first[0]], unsettled: 1 });
  });
});

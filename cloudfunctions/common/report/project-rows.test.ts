import { buildRows, hoursRows, UNTYPED } from './project-rows';

const NOW = new Date('2026-06-01T00:00:00Z');
const past = new Date('2026-05-01T00:00:00Z');
const future = new Date('2026-07-01T00:00:00Z');

describe('planned vs held rows', () => {
  it('counts started activities with at least one check-in, in plan order, plus unplanned types', () => {
    const planned = [
      { type: '居民议事会', sessions: 2 },
      { type: '义务劳动', sessions: 1 },
    ];
    const activities = [
      { _id: 'a', type: '居民议事会', startsAt: past },
      { _id: 'b', type: '居民议事会', startsAt: past }, // no check-in: not held
      { _id: 'c', type: '居民议事会', startsAt: future }, // not started: not held
      { _id: 'd', type: '督导', startsAt: past }, // unplanned type
      { _id: 'e', startsAt: past }, // untyped
      { _id: 'f', type: '义务劳动', startsAt: past, status: 'cancelled' },
    ];
    const counts = new Map([
      ['a', 12],
      ['c', 3],
      ['d', 4],
      ['e', 1],
      ['f', 9],
    ]);
    const { rows, totals } = buildRows(planned, activities, counts, NOW);
    expect(rows).toEqual([
      { type: '居民议事会', plannedSessions: 2, heldSessions: 1, personTimes: 12 },
      { type: '义务劳动', plannedSessions: 1, heldSessions: 0, personTimes: 0 },
      { type: '督导', plannedSessions: 0, heldSessions: 1, personTimes: 4 },
      { type: UNTYPED, plannedSessions: 0, heldSessions: 1, personTimes: 1 },
    ]);
    expect(totals).toEqual({ plannedSessions: 3, heldSessions: 3, personTimes: 17 });
  });

  it('turns minutes into hours, most first', () => {
    expect(
      hoursRows([
        { person: 'p1', name: '李', minutes: 90, sessions: 1 },
        { person: 'p2', minutes: 200, sessions: 2 },
      ]),
    ).toEqual([
      { person: 'p2', sessions: 2, hours: 3.3 },
      { person: 'p1', name: '李', sessions: 1, hours: 1.5 },
    ]);
  });
});

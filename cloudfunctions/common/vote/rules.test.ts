import { blindFrom, canTransition, countsHidden, dailyCapacity, settingsWithDefaults, votesLeft, votingFromRequest, windowRefusal } from './rules';
import { dayQuotaId, totalQuotaId, voteId } from './model';
import { shanghaiDay } from '../platform/time';
import type { ContestDoc } from './model';

const voting = { startsAt: new Date('2026-01-08T01:00:00Z'), endsAt: new Date('2026-01-12T16:00:00Z') };

describe('voting window', () => {
  it('refuses before the start and from the end on, accepts inside', () => {
    expect(windowRefusal('open', voting, new Date('2026-01-08T00:59:59.999Z'))).toBe('VOTING_NOT_STARTED');
    expect(windowRefusal('open', voting, new Date('2026-01-08T01:00:00Z'))).toBeNull();
    expect(windowRefusal('open', voting, new Date('2026-01-12T15:59:59.999Z'))).toBeNull();
    expect(windowRefusal('open', voting, new Date('2026-01-12T16:00:00Z'))).toBe('VOTING_ENDED');
  });
  it('follows the contest state: draft has not started, frozen and published have ended', () => {
    const inside = new Date('2026-01-09T00:00:00Z');
    expect(windowRefusal('draft', voting, inside)).toBe('VOTING_NOT_STARTED');
    expect(windowRefusal('frozen', voting, inside)).toBe('VOTING_ENDED');
    expect(windowRefusal('published', voting, inside)).toBe('VOTING_ENDED');
  });
});

describe('votingFromRequest', () => {
  it('applies perProjectPerDay = 1 by default and keeps optional quotas', () => {
    expect(votingFromRequest({ startsAt: '2026-01-08T09:00:00+08:00', endsAt: '2026-01-13T00:00:00+08:00' })).toEqual({
      startsAt: new Date('2026-01-08T01:00:00Z'),
      endsAt: new Date('2026-01-12T16:00:00Z'),
      perProjectPerDay: 1,
    });
    expect(votingFromRequest({ startsAt: '2026-01-08T09:00:00+08:00', endsAt: '2026-01-09T00:00:00+08:00', perDay: 3, total: 10 })).toMatchObject({
      perDay: 3,
      total: 10,
    });
  });
  it('refuses an inverted or empty window', () => {
    expect(typeof votingFromRequest({ startsAt: '2026-01-09T00:00:00Z', endsAt: '2026-01-09T00:00:00Z' })).toBe('string');
    expect(typeof votingFromRequest({ startsAt: '2026-01-10T00:00:00Z', endsAt: '2026-01-09T00:00:00Z' })).toBe('string');
  });
});

describe('states', () => {
  it('allows draft→open→frozen→published, reopening a frozen contest, and nothing after publication', () => {
    expect(canTransition('draft', 'open')).toBe(true);
    expect(canTransition('open', 'frozen')).toBe(true);
    expect(canTransition('frozen', 'open')).toBe(true);
    expect(canTransition('frozen', 'published')).toBe(true);
    expect(canTransition('open', 'published')).toBe(true);
    expect(canTransition('draft', 'frozen')).toBe(false);
    expect(canTransition('draft', 'published')).toBe(false);
    expect(canTransition('published', 'open')).toBe(false);
    expect(canTransition('published', 'frozen')).toBe(false);
    expect(canTransition('published', 'published')).toBe(true);
  });
});

describe('quotas', () => {
  it('a day allows every project once by default, perDay caps it, total caps the contest', () => {
    expect(dailyCapacity({ perProjectPerDay: 1 }, 15)).toBe(15);
    expect(dailyCapacity({ perProjectPerDay: 2 }, 15)).toBe(30);
    expect(dailyCapacity({ perProjectPerDay: 1, perDay: 3 }, 15)).toBe(3);
    expect(votesLeft({ perProjectPerDay: 1, perDay: 3 }, 15, 1, 0)).toBe(2);
    expect(votesLeft({ perProjectPerDay: 1, perDay: 3, total: 4 }, 15, 0, 3)).toBe(1);
    expect(votesLeft({ perProjectPerDay: 1, perDay: 3 }, 15, 5, 0)).toBe(0);
  });
  it('keys: the ledger id is contest:project:openid:day, with a slot only beyond the first', () => {
    expect(voteId('c1', 'p1', 'o1', '2026-01-08')).toBe('c1:p1:o1:2026-01-08');
    expect(voteId('c1', 'p1', 'o1', '2026-01-08', 1)).toBe('c1:p1:o1:2026-01-08:1');
    expect(dayQuotaId('c1', 'o1', '2026-01-08')).toBe('c1:o1:2026-01-08');
    expect(totalQuotaId('c1', 'o1')).toBe('c1:o1:total');
  });
  it('the day turns at 00:00 Beijing time (16:00Z)', () => {
    expect(shanghaiDay(new Date('2026-01-08T15:59:59Z'))).toBe('2026-01-08');
    expect(shanghaiDay(new Date('2026-01-08T16:00:00Z'))).toBe('2026-01-09');
  });
});

describe('what residents see', () => {
  const base: Pick<ContestDoc, 'status' | 'voting' | 'settings'> = {
    status: 'open',
    voting: { ...voting, perProjectPerDay: 1 },
    settings: settingsWithDefaults({}),
  };
  it('defaults: top 5, no blind finish, counts shown when frozen', () => {
    expect(base.settings).toEqual({
      topN: 5,
      blindHours: 0,
      hideCountsWhenFrozen: false,
      rateLimit: { max: 30, windowSeconds: 60 },
      voters: { verifiedPhone: false, rosterOnly: false },
      assistedPerHour: 120,
    });
    expect(countsHidden(base, new Date('2026-01-12T15:00:00Z'))).toBe(false);
    expect(countsHidden({ ...base, status: 'frozen' }, new Date('2026-01-13T00:00:00Z'))).toBe(false);
  });
  it('a frozen contest may hide counts until publication', () => {
    const c = { ...base, settings: settingsWithDefaults({ hideCountsWhenFrozen: true }) };
    expect(countsHidden({ ...c, status: 'frozen' }, new Date('2026-01-13T00:00:00Z'))).toBe(true);
    expect(countsHidden({ ...c, status: 'published' }, new Date('2026-01-13T00:00:00Z'))).toBe(false);
  });
  it('blind finish hides the last N hours and stays hidden until publication', () => {
    const c = { ...base, settings: settingsWithDefaults({ blindHours: 24 }) };
    expect(blindFrom(c.voting, c.settings)).toEqual(new Date('2026-01-11T16:00:00Z'));
    expect(countsHidden(c, new Date('2026-01-11T15:59:59Z'))).toBe(false);
    expect(countsHidden(c, new Date('2026-01-11T16:00:00Z'))).toBe(true);
    expect(countsHidden({ ...c, status: 'frozen' }, new Date('2026-01-13T00:00:00Z'))).toBe(true);
    expect(countsHidden({ ...c, status: 'published' }, new Date('2026-01-13T00:00:00Z'))).toBe(false);
  });
});

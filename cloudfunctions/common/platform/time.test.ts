import { formatShanghai, shanghaiDay, startOfNextShanghaiDay, toIso } from './time';
import { firstDisagreement } from '../../../test/unit/time-zone-check';

describe('Asia/Shanghai calendar days', () => {
  it('starts a new day at 00:00 Beijing time (16:00 UTC), whatever the machine zone', () => {
    expect(shanghaiDay(new Date('2026-01-08T15:59:59Z'))).toBe('2026-01-08');
    expect(shanghaiDay(new Date('2026-01-08T16:00:00Z'))).toBe('2026-01-09');
  });

  it('writes instants with the +08:00 offset', () => {
    expect(toIso(new Date('2026-01-08T01:02:03.004Z'))).toBe('2026-01-08T09:02:03.004+08:00');
  });

  it('finds the next Beijing midnight', () => {
    expect(startOfNextShanghaiDay(new Date('2026-01-08T15:59:59Z')).toISOString()).toBe('2026-01-08T16:00:00.000Z');
    expect(startOfNextShanghaiDay(new Date('2026-01-08T16:00:00Z')).toISOString()).toBe('2026-01-09T16:00:00.000Z');
  });
});

describe('Beijing wall time', () => {
  it('agrees with the Asia/Shanghai zone database across years and around midnight', () => {
    expect(firstDisagreement()).toBeNull();
  });

  it('formats resident-facing text in Beijing time', () => {
    expect(formatShanghai(new Date('2026-01-08T16:05:00Z'), 'YYYY年M月D日 HH:mm')).toBe('2026年1月9日 00:05');
  });
});

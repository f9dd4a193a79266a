import { formatShanghai, shanghaiDay, startOfNextShanghaiDay, toIso } from './time';

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

/** The zone database's answer, straight from Intl (the oracle; not used by the code). */
function zoneParts(at: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

describe('the fixed +08:00 offset', () => {
  // dayjs's tz() got US DST days wrong on a New York machine (an hour off on 1995-04-02).
  const machineZone = process.env.TZ;
  afterAll(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });

  it.each(['America/New_York', 'Europe/London', 'UTC'])('agrees with the Asia/Shanghai zone database across years and around midnight on a machine in %s', (zone) => {
    process.env.TZ = zone; // Node applies a changed TZ at once
    for (let t = Date.parse('1995-01-01T00:00:00Z'); t < Date.parse('2040-01-01T00:00:00Z'); t += 37 * 3600_000 + 1234) {
      const at = new Date(t);
      const z = zoneParts(at);
      const day = `${z.year}-${z.month}-${z.day}`;
      expect(shanghaiDay(at)).toBe(day);
      expect(toIso(at).slice(0, 19)).toBe(`${day}T${z.hour}:${z.minute}:${z.second}`);
      expect(toIso(at).endsWith('+08:00')).toBe(true);
      const next = startOfNextShanghaiDay(at);
      expect(zoneParts(next)).toMatchObject({ hour: '00', minute: '00', second: '00' });
      expect(next.getTime() - t).toBeGreaterThan(0);
      expect(next.getTime() - t).toBeLessThanOrEqual(24 * 3600_000);
    }
  });

  it('formats resident-facing text in Beijing time', () => {
    expect(formatShanghai(new Date('2026-01-08T16:05:00Z'), 'YYYY年M月D日 HH:mm')).toBe('2026年1月9日 00:05');
  });
});

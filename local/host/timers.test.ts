import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nextFire, readTimerTriggers, TimerScheduler, type TimerTrigger } from './timers';

describe('timer triggers', () => {
  it('reads the timer triggers of every function config.json', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'timers-'));
    mkdirSync(path.join(dir, 'notify'));
    writeFileSync(path.join(dir, 'notify', 'config.json'), JSON.stringify({ triggers: [{ name: 'every-minute', type: 'timer', config: '0 */1 * * * * *' }] }));
    mkdirSync(path.join(dir, 'role'));
    writeFileSync(path.join(dir, 'role', 'config.json'), JSON.stringify({ permissions: { openapi: [] } }));
    expect(readTimerTriggers(dir)).toEqual([{ fn: 'notify', name: 'every-minute', cron: '0 */1 * * * * *' }]);
  });

  it('reads the project functions’ triggers, all with valid 7-field crons', () => {
    const triggers = readTimerTriggers(path.join(__dirname, '..', '..', 'cloudfunctions'));
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers) expect(nextFire(t.cron, new Date())).toBeInstanceOf(Date);
  });

  it('computes the next firing in Beijing time, seconds first, year last', () => {
    expect(nextFire('0 */5 * * * * *', new Date('2026-01-08T01:01:30Z'))?.toISOString()).toBe('2026-01-08T01:05:00.000Z');
    // 02:00 every day in Beijing is 18:00 UTC the day before.
    expect(nextFire('0 0 2 * * * *', new Date('2026-01-08T00:00:00Z'))?.toISOString()).toBe('2026-01-08T18:00:00.000Z');
    expect(nextFire('0 0 2 1 1 * 2027', new Date('2026-01-08T00:00:00Z'))?.toISOString()).toBe('2026-12-31T18:00:00.000Z');
    expect(() => nextFire('0 */5 * * *', new Date())).toThrow(/7 fields/);
  });

  it('fires a due trigger as a timer event and never runs one trigger twice at once', async () => {
    const fired: string[] = [];
    let release: () => void = () => undefined;
    const trigger: TimerTrigger = { fn: 'notify', name: 'every-second', cron: '* * * * * * *' };
    const scheduler = new TimerScheduler([trigger], async (t) => {
      fired.push(t.name);
      await new Promise<void>((r) => (release = r));
    });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 2300));
    expect(fired).toEqual(['every-second']); // the first run is still going: later ones skipped
    release();
    await new Promise((r) => setTimeout(r, 1200));
    scheduler.stop();
    expect(fired.length).toBeGreaterThanOrEqual(2);
  });
});

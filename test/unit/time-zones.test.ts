/**
 * "Today" is a Beijing day whatever the server's zone: the check runs in a fresh process on
 * machines set to zones with daylight saving (dayjs's tz() was an hour off around US DST).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const script = path.join(__dirname, 'time-zone-check.ts');

describe.each(['America/New_York', 'Europe/London', 'Australia/Sydney', 'UTC'])('Beijing time on a machine in %s', (zone) => {
  it('agrees with the Asia/Shanghai zone database from 1995 to 2040', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('ok');
  });
});

/**
 * Checks common/time against the zone database (Intl's Asia/Shanghai) from 1995 to 2040.
 * Run directly (`tsx test/unit/time-zone-check.ts`) it prints "ok" or the first disagreement,
 * so a test can run it on a machine in another TZ (the zone must be set at process start).
 */
import { shanghaiDay, startOfNextShanghaiDay, toIso } from '../../cloudfunctions/common/platform/time';

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

export function firstDisagreement(): string | null {
  for (let t = Date.parse('1995-01-01T00:00:00Z'); t < Date.parse('2040-01-01T00:00:00Z'); t += 37 * 3600_000 + 1234) {
    const at = new Date(t);
    const z = zoneParts(at);
    const day = `${z.year}-${z.month}-${z.day}`;
    const wall = `${day}T${z.hour}:${z.minute}:${z.second}.${String(t % 1000).padStart(3, '0')}+08:00`;
    if (shanghaiDay(at) !== day) return `${at.toISOString()}: day ${shanghaiDay(at)}, zone says ${day}`;
    if (toIso(at) !== wall) return `${at.toISOString()}: ${toIso(at)}, zone says ${wall}`;
    const next = startOfNextShanghaiDay(at);
    const n = zoneParts(next);
    const gap = next.getTime() - t;
    if (n.hour !== '00' || n.minute !== '00' || n.second !== '00' || gap <= 0 || gap > 24 * 3600_000) {
      return `${at.toISOString()}: next day starts ${next.toISOString()}`;
    }
  }
  return null;
}

if (require.main === module) {
  console.log(firstDisagreement() ?? 'ok');
}

/**
 * Makes sure headless Chromium (and CJK fonts for readable screenshots) are there for the
 * browser journeys and screenshots: installs Debian's `chromium` and `fonts-noto-cjk` with
 * apt-get when missing and running as root; otherwise says why browser journeys will be skipped.
 * Never fails the build: the journeys themselves report a skip with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

function aptInstall(packages: string[]): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    console.log(`ensure-chromium: apt-get install ${packages.join(' ')} …`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
    return true;
  } catch (e) {
    console.warn(`ensure-chromium: apt-get failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

export function ensureChromium(): { ok: boolean; reason?: string } {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (missing.length && isRoot) aptInstall(missing);
  if (!fs.existsSync(CHROMIUM_PATH)) {
    const reason = isRoot
      ? `Chromium is not at ${CHROMIUM_PATH} and apt-get could not install it`
      : `Chromium is not at ${CHROMIUM_PATH} and this user is not root (run: sudo apt-get install -y chromium fonts-noto-cjk)`;
    console.warn(`ensure-chromium: ${reason}; browser journeys (test/e2e) and screenshots will be skipped`);
    return { ok: false, reason };
  }
  if (!hasCjkFont()) console.warn('ensure-chromium: no Chinese font found (fonts-noto-cjk); screenshots will show boxes instead of characters');
  console.log(`ensure-chromium: ${CHROMIUM_PATH} ready`);
  return { ok: true };
}

if (require.main === module) ensureChromium();

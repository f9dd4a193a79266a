/**
 * `npm run screenshots`: a PNG of every page of app.json (main package and subpackages), in the
 * normal and the 长辈模式 look, taken from the web preview in headless Chromium against the local
 * runtime with the demo data. Written to docs/screenshots/ with an index (index.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium';
import { withChromium } from '../test/support/browser';
import { startRuntime } from '../local/runtime';
import { pagesOf, type AppJson } from '../local/preview/browser/manifest';
import { ELDER_KEY, personaFor, sampleQuery, settle } from '../test/support/demo-pages';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');

interface Shot {
  route: string;
  name: string;
  title: string;
  persona: string;
}

export function shotName(route: string): string {
  return route
    .replace(/^package([A-Z])/, (_m, c: string) => c.toLowerCase())
    .replace(/\/pages\//, '-')
    .replace(/^pages\//, '')
    .replace(/\/index$/, '')
    .replace(/\//g, '-')
    .toLowerCase();
}

async function main(): Promise<void> {
  const chromium = ensureChromium();
  if (!chromium.ok) {
    console.error(`screenshots need Chromium: ${chromium.reason}`);
    process.exit(1);
  }
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8')) as AppJson;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-shots-'));
  const runtime = await startRuntime({ port: 0, dataDir, seed: 'demo', quiet: true });
  try {
    await withChromium(async (context) => {
      const written: (Shot & { files: string[] })[] = [];
      const queries = new Map<string, string>();
      fs.mkdirSync(OUT, { recursive: true });
      for (const f of fs.readdirSync(OUT)) if (f.endsWith('.png')) fs.rmSync(path.join(OUT, f));
      const page = await context.newPage();
      page.on('pageerror', (e) => console.warn(`  page error: ${e.message}`));
      await page.goto(`${runtime.url}/?shot=1&automator=0`);
      for (const route of pagesOf(app)) {
        const persona = personaFor(route);
        if (!queries.has(persona)) queries.set(persona, await sampleQuery(runtime.url, persona));
        const query = queries.get(persona) ?? '';
        const shot: Shot & { files: string[] } = { route, name: shotName(route), title: route, persona, files: [] };
        for (const elder of [false, true]) {
          await page.evaluate(
            ([key, value]) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(key, value),
            [`mp:${persona}:${ELDER_KEY}`, JSON.stringify(elder)] as const,
          );
          const url = `${runtime.url}/?shot=1&automator=0&persona=${persona}&page=${encodeURIComponent(route)}&query=${encodeURIComponent(query)}`;
          await page.goto(url);
          await settle(page);
          shot.title = (await page.textContent('#nav-title'))?.trim() || route;
          const file = `${shot.name}${elder ? '-elder' : ''}.png`;
          await page.locator('#phone').screenshot({ path: path.join(OUT, file) });
          shot.files.push(file);
          console.log(`  ${file}  (${shot.title}, ${persona})`);
        }
        written.push(shot);
      }
      const rows = written.map((s) => `| ${s.title} | \`${s.route}\` | ![${s.title}](${s.files[0]}) | ![${s.title} 长辈模式](${s.files[1]}) |`);
      fs.writeFileSync(
        path.join(OUT, 'index.md'),
        [
          '# Screenshots',
          '',
          'Every page of the mini-program in the web preview (demo data), normal and 长辈模式. Regenerate with `npm run screenshots`.',
          '',
          '| page | path | normal | 长辈模式 |',
          '|---|---|---|---|',
          ...rows,
          '',
        ].join('\n'),
      );
      console.log(`screenshots: ${written.length} pages × 2 modes in docs/screenshots/`);
    });
  } finally {
    await runtime.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  // The functions host keeps SDK connections alive: leave once done.
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

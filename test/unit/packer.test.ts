/**
 * What WeChat would ship: the mini-program packed offline by the official packer
 * (miniprogram-ci, as DevTools packs it, project.config.json and all). The preview and the page
 * tests load the built .js files directly, so only this shows that the package holds them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUDGETS, MP_DIR, packInChildProcess, packageSizes, readAppJson, subpackagesOf, type PackResult } from '../../scripts/pack-miniprogram';

let packed: PackResult;
let files: Set<string>;

beforeAll(async () => {
  packed = await packInChildProcess();
  files = new Set(packed.files.map((f) => f.path));
  // Say what the packer said (offline it cannot fetch an extension allow-list; nothing else is expected).
  if (packed.warnings.length) console.log(`the packer printed:\n  ${packed.warnings.join('\n  ')}`);
}, 120_000);

/** Custom components a page or component uses, as paths inside the package (npm ones included). */
function componentsOf(jsonPath: string): string[] {
  const json = JSON.parse(fs.readFileSync(path.join(MP_DIR, `${jsonPath}.json`), 'utf8')) as { usingComponents?: Record<string, string> };
  const base = path.posix.dirname(jsonPath);
  return Object.values(json.usingComponents ?? {})
    .filter((p) => !p.startsWith('plugin://'))
    .map((p) => {
      if (p.startsWith('/')) return p.slice(1);
      if (p.startsWith('.')) return path.posix.normalize(path.posix.join(base, p));
      return `miniprogram_npm/${p}`; // a package name: WeChat looks it up in miniprogram_npm
    });
}

function pagesOfApp(): string[] {
  const app = readAppJson();
  return [...app.pages, ...subpackagesOf(app).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
}

it('ships app.js and, for every page and every component they use, its .js, .json, .wxml and .wxss', () => {
  expect(files.has('app.js')).toBe(true);
  expect(files.has('app.json')).toBe(true);
  const seen = new Set<string>();
  const missing: string[] = [];
  const visit = (unit: string) => {
    if (seen.has(unit)) return;
    seen.add(unit);
    for (const ext of ['js', 'json', 'wxml', 'wxss']) if (!files.has(`${unit}.${ext}`)) missing.push(`${unit}.${ext}`);
    if (fs.existsSync(path.join(MP_DIR, `${unit}.json`))) componentsOf(unit).forEach(visit);
  };
  pagesOfApp().forEach(visit);
  expect(missing).toEqual([]);
  expect(seen.size).toBeGreaterThan(pagesOfApp().length);
});

it('ships no TypeScript and no server code', () => {
  const forbidden = [...files].filter((f) => f.endsWith('.ts') || /(^|\/)(cloudfunctions|local|scripts|test|typings)\//.test(f) || /wx-server-sdk/.test(f));
  expect(forbidden).toEqual([]);
});

it('keeps the main package and each subpackage within their budgets', () => {
  const roots = subpackagesOf(readAppJson()).map((s) => s.root.replace(/\/$/, ''));
  const sizes = packageSizes(packed.files, roots);
  expect(sizes.main).toBeLessThanOrEqual(BUDGETS.main);
  for (const root of roots) expect({ root, bytes: sizes[root] }).toEqual({ root, bytes: expect.any(Number) });
  for (const root of roots) expect(sizes[root]).toBeLessThanOrEqual(BUDGETS.subpackage);
  expect(Object.values(sizes).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(BUDGETS.total);
});

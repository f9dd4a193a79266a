/**
 * Main package size of the mini-program, as uploaded: the built scripts, WXML, WXSS, JSON and
 * assets outside the subpackages, plus the part of miniprogram_npm that main-package pages and
 * components reach. Budget: 500 KB (WeChat's limit is 2 MB). `npm run size` prints the breakdown
 * and fails above the budget; test/unit/package-size.test.ts checks the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { MP_ROOT, buildMiniprogram, tdesignFiles, usedNpmComponents } from '../build/miniprogram';
import { FUNCTIONS_DIR, LAZY_LIBRARIES, functionNames } from '../build/functions';

export const MAIN_PACKAGE_BUDGET = 500 * 1024;
/** Each cloud function's index.js: what a cold start loads (minified; heavy libraries lazy). */
export const FUNCTION_BUNDLE_BUDGET = 300 * 1024;

export interface FunctionBundle {
  name: string;
  bytes: number;
  /** Libraries left out of the bundle that it requires (its package.json must list them). */
  lazy: string[];
  /** What the function's package.json installs in the cloud. */
  dependencies: string[];
}

/** The built bundles (npm run build first). */
export function measureFunctionBundles(): FunctionBundle[] {
  return functionNames().map((name) => {
    const dir = path.join(FUNCTIONS_DIR, name);
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    return {
      name,
      bytes: Buffer.byteLength(code),
      lazy: LAZY_LIBRARIES.filter((lib) => code.includes(`require("${lib}")`)),
      dependencies: Object.keys(pkg.dependencies ?? {}),
    };
  });
}

/** Files DevTools does not upload (project.config.json ignores .ts; docs and configs). */
const NOT_UPLOADED = [/\.ts$/, /(^|\/)README\.md$/, /(^|\/)tsconfig\.json$/, /\.map$/];

interface AppJson {
  pages: string[];
  subpackages?: { root: string; pages: string[] }[];
  usingComponents?: Record<string, string>;
}

export interface SizeReport {
  total: number;
  groups: Record<string, number>;
  files: { file: string; bytes: number }[];
  npmComponents: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function rel(file: string): string {
  return path.relative(MP_ROOT, file).split(path.sep).join('/');
}

/** Size of a file as uploaded. */
function uploadedBytes(file: string): number {
  return fs.statSync(file).size;
}

/** A .ts counts as its built .js (transpiled in memory when not built yet). */
function builtJsBytes(tsFile: string): number {
  const js = tsFile.replace(/\.ts$/, '.js');
  if (fs.existsSync(js)) return fs.statSync(js).size;
  return Buffer.byteLength(transformSync(fs.readFileSync(tsFile, 'utf8'), { loader: 'ts', format: 'cjs', target: 'es2018' }).code);
}

export async function measureMainPackage(opts: { build?: boolean } = {}): Promise<SizeReport> {
  if (opts.build !== false && !fs.existsSync(path.join(MP_ROOT, 'miniprogram_npm'))) await buildMiniprogram();
  const app = JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as AppJson;
  const subRoots = (app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const files: { file: string; bytes: number }[] = [];
  const groups: Record<string, number> = { scripts: 0, wxml: 0, wxss: 0, json: 0, assets: 0, miniprogram_npm: 0 };

  for (const file of walk(MP_ROOT)) {
    const r = rel(file);
    if (r.startsWith('miniprogram_npm/') || subRoots.some((s) => r.startsWith(`${s}/`))) continue;
    if (r.endsWith('.js') && fs.existsSync(file.replace(/\.js$/, '.ts'))) continue; // counted from its .ts
    let bytes: number;
    let group: string;
    if (r.endsWith('.ts') && !r.endsWith('.d.ts')) {
      bytes = builtJsBytes(file);
      group = 'scripts';
    } else if (NOT_UPLOADED.some((re) => re.test(r))) continue;
    else {
      bytes = uploadedBytes(file);
      const ext = path.extname(r).slice(1);
      group = ext === 'js' || ext === 'wxs' ? 'scripts' : ext === 'wxml' ? 'wxml' : ext === 'wxss' ? 'wxss' : ext === 'json' ? 'json' : 'assets';
    }
    groups[group] += bytes;
    files.push({ file: r, bytes });
  }

  const npmComponents = [...usedNpmComponents(subRoots)].sort();
  const npmRoot = path.join(MP_ROOT, 'miniprogram_npm');
  const npmFiles = [
    ...[...tdesignFiles(npmComponents)].map((f) => path.join(npmRoot, 'tdesign-miniprogram', f)),
    ...(npmComponents.length ? walk(path.join(npmRoot, 'tslib')) : []),
    // The check-in pages of the main package (扫码签到, 我的签到码) draw QR codes with it.
    ...(fs.existsSync(path.join(npmRoot, 'qrcode-generator')) ? walk(path.join(npmRoot, 'qrcode-generator')) : []),
  ].filter((f) => fs.existsSync(f));
  for (const f of npmFiles) {
    const bytes = fs.statSync(f).size;
    groups.miniprogram_npm += bytes;
    files.push({ file: rel(f), bytes });
  }
  const total = Object.values(groups).reduce((a, b) => a + b, 0);
  return { total, groups, files: files.sort((a, b) => b.bytes - a.bytes), npmComponents };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const report = await measureMainPackage();
  console.log('Main package (as uploaded):');
  for (const [group, bytes] of Object.entries(report.groups)) console.log(`  ${group.padEnd(16)} ${kb(bytes).padStart(10)}`);
  console.log(`  ${'total'.padEnd(16)} ${kb(report.total).padStart(10)}   budget ${kb(MAIN_PACKAGE_BUDGET)}`);
  console.log(`  TDesign in the main package: ${report.npmComponents.join(', ') || 'none'}`);
  console.log('  largest files:');
  for (const f of report.files.slice(0, 8)) console.log(`    ${kb(f.bytes).padStart(9)}  ${f.file}`);
  console.log(`Cloud functions (index.js, budget ${kb(FUNCTION_BUNDLE_BUDGET)} each):`);
  const bundles = measureFunctionBundles();
  for (const b of bundles) console.log(`  ${b.name.padEnd(16)} ${kb(b.bytes).padStart(10)}${b.lazy.length ? `   loads on demand: ${b.lazy.join(', ')}` : ''}`);
  const over = bundles.filter((b) => b.bytes > FUNCTION_BUNDLE_BUDGET).map((b) => b.name);
  if (report.total > MAIN_PACKAGE_BUDGET) {
    console.error(
      `main package ${kb(report.total)} is over the ${kb(MAIN_PACKAGE_BUDGET)} budget: move organizer/admin pages into subpackages or drop unused components`,
    );
    process.exit(1);
  }
  if (over.length) {
    console.error(`over the function budget: ${over.join(', ')} — load heavy libraries lazily (build/functions.ts LAZY_LIBRARIES)`);
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

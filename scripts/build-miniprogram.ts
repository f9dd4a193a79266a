/**
 * Builds the mini-program for WeChat DevTools, the page tests and the web preview, offline:
 *  (a) every miniprogram/**\/*.ts is transpiled to a .js beside it (CommonJS, ES2018);
 *  (b) miniprogram/miniprogram_npm/ is assembled from node_modules: the TDesign components that
 *      some page, component or app.json names in `usingComponents`, with everything they reach
 *      (their own usingComponents, the modules their scripts import, the styles they @import),
 *      converted to CommonJS, plus `tslib` which TDesign's scripts require.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';

export const ROOT = path.resolve(__dirname, '..');
export const MP_ROOT = path.join(ROOT, 'miniprogram');
const NPM_OUT = path.join(MP_ROOT, 'miniprogram_npm');
const TD_PKG = 'tdesign-miniprogram';

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'miniprogram_npm') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Every file of the mini-program's own sources (miniprogram_npm excluded). */
export function sourceFiles(): string[] {
  return walk(MP_ROOT);
}

async function transpileSources(): Promise<number> {
  const files = sourceFiles().filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await Promise.all(
    files.map(async (file) => {
      const code = fs.readFileSync(file, 'utf8');
      const out = await transform(code, { loader: 'ts', format: 'cjs', target: 'es2018', sourcefile: path.relative(MP_ROOT, file) });
      const target = file.replace(/\.ts$/, '.js');
      if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== out.code) fs.writeFileSync(target, out.code);
    }),
  );
  return files.length;
}

interface UsingJson {
  usingComponents?: Record<string, string>;
  subpackages?: { root: string; pages: string[] }[];
}

/** `tdesign-miniprogram/button/button` → `button`: the package's top-level folders in use. */
export function usedNpmComponents(): Set<string> {
  const used = new Set<string>();
  for (const file of sourceFiles().filter((f) => f.endsWith('.json'))) {
    let json: UsingJson;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8')) as UsingJson;
    } catch {
      continue;
    }
    for (const target of Object.values(json.usingComponents ?? {})) {
      const m = /^tdesign-miniprogram\/([^/]+)\//.exec(target);
      if (m) used.add(m[1]);
    }
  }
  return used;
}

/** Folders of TDesign's dist reached from `start` through usingComponents, imports and @imports. */
export function tdesignClosure(start: Iterable<string>): Set<string> {
  const dist = path.join(ROOT, 'node_modules', TD_PKG, 'miniprogram_dist');
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const dir = queue.pop() as string;
    if (seen.has(dir) || !fs.existsSync(path.join(dist, dir))) continue;
    seen.add(dir);
    for (const file of walk(path.join(dist, dir))) {
      if (!/\.(js|json|wxss|wxs|wxml)$/.test(file)) continue;
      const text = fs.readFileSync(file, 'utf8');
      const refs = text.matchAll(/["'](\.\.?\/[^"'\s]+)["']/g);
      for (const [, ref] of refs) {
        const abs = path.resolve(path.dirname(file), ref);
        const rel = path.relative(dist, abs);
        if (rel.startsWith('..')) continue;
        const top = rel.split(path.sep)[0];
        if (top && !seen.has(top)) queue.push(top);
      }
    }
  }
  return seen;
}

async function copyConverted(src: string, dest: string): Promise<void> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  if (src.endsWith('.js')) {
    const code = fs.readFileSync(src, 'utf8');
    const out = await transform(code, { loader: 'js', format: 'cjs', target: 'es2018' });
    fs.writeFileSync(dest, out.code);
  } else if (!src.endsWith('.d.ts')) {
    fs.copyFileSync(src, dest);
  }
}

async function buildNpm(): Promise<string[]> {
  const dist = path.join(ROOT, 'node_modules', TD_PKG, 'miniprogram_dist');
  const dirs = [...tdesignClosure(usedNpmComponents())].sort();
  fs.rmSync(NPM_OUT, { recursive: true, force: true });
  const tasks: Promise<void>[] = [];
  for (const dir of dirs) {
    for (const file of walk(path.join(dist, dir))) {
      tasks.push(copyConverted(file, path.join(NPM_OUT, TD_PKG, path.relative(dist, file))));
    }
  }
  // TDesign's scripts `import … from "tslib"`: DevTools resolves it in miniprogram_npm.
  const tslibSrc = path.join(ROOT, 'node_modules', 'tslib', 'tslib.js');
  fs.mkdirSync(path.join(NPM_OUT, 'tslib'), { recursive: true });
  fs.copyFileSync(tslibSrc, path.join(NPM_OUT, 'tslib', 'index.js'));
  await Promise.all(tasks);
  return dirs;
}

export async function buildMiniprogram(): Promise<void> {
  const n = await transpileSources();
  const dirs = await buildNpm();
  console.log(`mini-program: ${n} scripts transpiled; miniprogram_npm: ${TD_PKG} [${dirs.join(', ')}] + tslib`);
}

if (require.main === module) {
  buildMiniprogram().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

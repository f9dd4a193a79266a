/**
 * Builds the mini-program for WeChat DevTools, the page tests and the web preview, offline:
 *  (a) every miniprogram/**\/*.ts is transpiled to a .js beside it (CommonJS, ES2018);
 *  (b) miniprogram/miniprogram_npm/ is assembled from node_modules: the TDesign components that
 *      some page, component or app.json names in `usingComponents`, with only the files they
 *      reach (their own usingComponents, the modules their scripts import, the templates and
 *      wxs they include, the styles they @import), scripts converted to CommonJS, plus `tslib`
 *      which TDesign's scripts require.
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

export const TD_DIST = path.join(ROOT, 'node_modules', TD_PKG, 'miniprogram_dist');

/**
 * TDesign components named in usingComponents (`tdesign-miniprogram/button/button` → `button/button`)
 * by the mini-program's JSON files, optionally only those outside the given folders.
 */
export function usedNpmComponents(exceptUnder: string[] = []): Set<string> {
  const used = new Set<string>();
  for (const file of sourceFiles().filter((f) => f.endsWith('.json'))) {
    const r = path.relative(MP_ROOT, file).split(path.sep).join('/');
    if (exceptUnder.some((d) => r.startsWith(`${d}/`))) continue;
    let json: UsingJson;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8')) as UsingJson;
    } catch {
      continue;
    }
    for (const target of Object.values(json.usingComponents ?? {})) {
      const m = /^tdesign-miniprogram\/(.+)$/.exec(target);
      if (m) used.add(m[1]);
    }
  }
  return used;
}

function resolveScript(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  return [base, `${base}.js`, path.join(base, 'index.js')].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

/**
 * Files of TDesign's dist (relative paths) that the given components need: their four files,
 * then every script they import, component they use, template or wxs they include and style
 * they @import, transitively.
 */
export function tdesignFiles(components: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (abs: string | undefined) => {
    if (!abs || !fs.existsSync(abs)) return;
    const r = path.relative(TD_DIST, abs);
    if (r.startsWith('..') || seen.has(r)) return;
    seen.add(r);
    queue.push(abs);
  };
  const addComponent = (base: string) => ['.js', '.json', '.wxml', '.wxss'].forEach((ext) => add(`${base}${ext}`));
  for (const c of components) addComponent(path.join(TD_DIST, c));
  while (queue.length) {
    const file = queue.pop() as string;
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.js') || file.endsWith('.wxs')) {
      for (const m of text.matchAll(/(?:from\s*|import\s*|require\()\s*["'](\.{1,2}\/[^"']+)["']/g)) add(resolveScript(file, m[1]));
    } else if (file.endsWith('.json')) {
      try {
        const json = JSON.parse(text) as UsingJson;
        for (const target of Object.values(json.usingComponents ?? {})) if (target.startsWith('.')) addComponent(path.resolve(path.dirname(file), target));
      } catch {
        // not JSON
      }
    } else if (file.endsWith('.wxml')) {
      for (const m of text.matchAll(/<(?:import|include|wxs)[^>]*\ssrc="([^"]+)"/g)) add(path.resolve(path.dirname(file), m[1]));
    } else if (file.endsWith('.wxss')) {
      for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) add(path.resolve(path.dirname(file), m[1]));
    }
  }
  return seen;
}

const ICON_WXSS = path.join('icon', 'icon.wxss');

/**
 * TDesign's icon stylesheet maps ~2,350 glyph names (110 KB); keep the glyphs that some source
 * names (the mini-program's own files or the TDesign files copied), drop the rest.
 */
export function trimIconWxss(css: string, sources: string[]): { css: string; kept: string[] } {
  const text = sources.join('\n');
  const kept: string[] = [];
  const out = css.replace(/\.t-icon-([a-z0-9-]+):before\{content:'[^']*';\}\n?/g, (rule, name: string) => {
    const used = new RegExp(`(["'\\s=:{]|^)${name.replace(/-/g, '\\-')}(["'\\s}]|$)`, 'm').test(text);
    if (used) kept.push(name);
    return used ? rule : '';
  });
  return { css: out, kept };
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
  const components = [...usedNpmComponents()].sort();
  const files = [...tdesignFiles(components)];
  fs.rmSync(NPM_OUT, { recursive: true, force: true });
  await Promise.all(files.map((f) => copyConverted(path.join(TD_DIST, f), path.join(NPM_OUT, TD_PKG, f))));
  if (files.includes(ICON_WXSS)) {
    const sources = [
      ...sourceFiles().filter((f) => /\.(wxml|ts|json)$/.test(f)),
      ...files.filter((f) => f !== ICON_WXSS && /\.(js|wxml|wxs)$/.test(f)).map((f) => path.join(TD_DIST, f)),
    ].map((f) => fs.readFileSync(f, 'utf8'));
    const target = path.join(NPM_OUT, TD_PKG, ICON_WXSS);
    fs.writeFileSync(target, trimIconWxss(fs.readFileSync(target, 'utf8'), sources).css);
  }
  // TDesign's scripts `import … from "tslib"`: DevTools resolves it in miniprogram_npm.
  const tslibSrc = path.join(ROOT, 'node_modules', 'tslib', 'tslib.js');
  fs.mkdirSync(path.join(NPM_OUT, 'tslib'), { recursive: true });
  fs.copyFileSync(tslibSrc, path.join(NPM_OUT, 'tslib', 'index.js'));
  // The check-in screens draw their QR codes with qrcode-generator (plain CJS), minified: it
  // sits in the main package, whose budget is tight.
  const qrSrc = fs.readFileSync(path.join(ROOT, 'node_modules', 'qrcode-generator', 'dist', 'qrcode.js'), 'utf8');
  fs.mkdirSync(path.join(NPM_OUT, 'qrcode-generator'), { recursive: true });
  fs.writeFileSync(
    path.join(NPM_OUT, 'qrcode-generator', 'index.js'),
    (await transform(qrSrc, { loader: 'js', format: 'cjs', target: 'es2018', minify: true })).code,
  );
  return components;
}

export async function buildMiniprogram(): Promise<void> {
  const n = await transpileSources();
  const components = await buildNpm();
  console.log(`mini-program: ${n} scripts transpiled; miniprogram_npm: ${TD_PKG} [${components.join(', ')}] and what they need, + tslib, qrcode-generator`);
}

if (require.main === module) {
  buildMiniprogram().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

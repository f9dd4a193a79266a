/**
 * Assets of the web preview, built from the mini-program on request and rebuilt when a source
 * changes:
 *  - wxml.js: every WXML compiled by the official `wcc` (the same template functions WeChat's
 *    renderer runs), exposing `window.__gwx(path)`;
 *  - app.css: every page's and component's WXSS converted for the browser (wxss.ts);
 *  - app.js: the browser runtime (browser/) with j-component and every page's, component's and
 *    TDesign component's script, bundled by esbuild; scripts run when their component loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { convertWxss, readWxss } from './wxss';
import { pagesOf, type AppJson, type ComponentEntry, type PreviewManifest } from './browser/manifest';

export interface PreviewAssets {
  version: string;
  js: string;
  wxml: string;
  css: string;
  manifest: PreviewManifest;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Resolves a usingComponents target the way WeChat does (relative, absolute, npm). */
function resolveComponent(mpRoot: string, from: string, target: string): string | undefined {
  const candidates: string[] = [];
  if (target.startsWith('/')) candidates.push(target.slice(1));
  else if (target.startsWith('.')) candidates.push(path.posix.join(path.posix.dirname(from), target));
  else {
    candidates.push(path.posix.join(path.posix.dirname(from), target));
    candidates.push(`miniprogram_npm/${target}`);
    if (!target.includes('/')) candidates.push(`miniprogram_npm/${target}/index`);
  }
  return candidates.map((c) => path.posix.normalize(c)).find((c) => fs.existsSync(path.join(mpRoot, `${c}.json`)));
}

function pagePrefix(page: string): string {
  return `p-${page.replace(/\/index$/, '').replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

export function buildManifest(mpRoot: string): PreviewManifest {
  const app = readJson<AppJson>(path.join(mpRoot, 'app.json'));
  if (!app) throw new Error('miniprogram/app.json is missing or invalid');
  const pages = pagesOf(app);
  const components: Record<string, ComponentEntry> = {};
  const visit = (p: string, prefix: string, isPage: boolean) => {
    if (components[p]) return;
    const json = readJson<Record<string, unknown> & { usingComponents?: Record<string, string> }>(path.join(mpRoot, `${p}.json`)) ?? {};
    const using: Record<string, string> = {};
    components[p] = { path: p, prefix, usingComponents: using, isPage, json };
    const declared = { ...(isPage ? (app.usingComponents ?? {}) : {}), ...(json.usingComponents ?? {}) };
    for (const [tag, target] of Object.entries(declared)) {
      const resolved = resolveComponent(mpRoot, p, target);
      if (!resolved) continue;
      using[tag] = resolved;
      visit(resolved, tag, false);
    }
  };
  for (const p of pages) visit(p, pagePrefix(p), true);
  return { app, components, pages, tabs: (app.tabBar?.list ?? []).map((t) => t.pagePath) };
}

function compileWxml(mpRoot: string): string {
  const compiler = require('miniprogram-compiler') as { wxmlToJs(root: string, opts: { wxmlList: string[]; wxsList: string[]; maxBuffer: number }): string };
  const rel = (f: string) => path.relative(mpRoot, f).split(path.sep).join('/');
  const files = walk(mpRoot);
  const wxml = files
    .filter((f) => f.endsWith('.wxml'))
    .map(rel)
    .sort();
  const wxs = files
    .filter((f) => f.endsWith('.wxs'))
    .map(rel)
    .sort();
  const body = compiler.wxmlToJs(mpRoot, { wxmlList: wxml, wxsList: wxs, maxBuffer: 256 << 20 });
  return `window.__webview_engine_version__ = 0.02;\nwindow.__gwx = (function () {\n${body}\n})();\n`;
}

function compileCss(mpRoot: string, manifest: PreviewManifest): string {
  const parts: string[] = [];
  const appWxss = readWxss(path.join(mpRoot, 'app.wxss'));
  for (const entry of Object.values(manifest.components)) {
    if (entry.isPage) parts.push(`/* app.wxss for ${entry.path} */\n${convertWxss(appWxss, { prefix: entry.prefix })}`);
    const own = readWxss(path.join(mpRoot, `${entry.path}.wxss`));
    if (own.trim()) parts.push(`/* ${entry.path} */\n${convertWxss(own, { prefix: entry.prefix })}`);
  }
  return parts.join('\n');
}

async function bundle(rootDir: string, mpRoot: string, manifest: PreviewManifest): Promise<string> {
  const lines: string[] = [];
  const abs = (p: string) => JSON.stringify(p.split(path.sep).join('/'));
  lines.push(`import { boot } from ${abs(path.join(__dirname, 'browser', 'boot.ts'))};`);
  lines.push('const modules = {');
  for (const entry of Object.values(manifest.components)) {
    const ts = path.join(mpRoot, `${entry.path}.ts`);
    const js = path.join(mpRoot, `${entry.path}.js`);
    const file = fs.existsSync(ts) ? ts : js;
    if (fs.existsSync(file)) lines.push(`  ${JSON.stringify(entry.path)}: () => require(${abs(file)}),`);
  }
  lines.push('};');
  const appTs = path.join(mpRoot, 'app.ts');
  lines.push(`boot({ modules, manifest: ${JSON.stringify(manifest)}, appModule: () => require(${abs(appTs)}) });`);
  const result = await build({
    stdin: { contents: lines.join('\n'), resolveDir: rootDir, sourcefile: 'preview-entry.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define: { global: 'window', 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
    nodePaths: [path.join(rootDir, 'node_modules')],
  });
  return result.outputFiles[0].text;
}

/** Newest modification time under the mini-program and the preview's browser code. */
function signature(rootDir: string): string {
  let newest = 0;
  let count = 0;
  for (const dir of [path.join(rootDir, 'miniprogram'), path.join(__dirname, 'browser')]) {
    for (const f of walk(dir)) {
      if (f.endsWith('.js') && fs.existsSync(f.replace(/\.js$/, '.ts'))) continue;
      newest = Math.max(newest, fs.statSync(f).mtimeMs);
      count++;
    }
  }
  return `${Math.floor(newest)}-${count}`;
}

export class PreviewBuilder {
  private current: PreviewAssets | undefined;
  private pending: Promise<PreviewAssets> | undefined;
  private checkedAt = 0;

  constructor(private readonly rootDir: string) {}

  get mpRoot(): string {
    return path.join(this.rootDir, 'miniprogram');
  }

  async assets(): Promise<PreviewAssets> {
    if (this.pending) return this.pending;
    const now = Date.now();
    if (this.current && now - this.checkedAt < 1000) return this.current;
    this.checkedAt = now;
    const sig = signature(this.rootDir);
    if (this.current && this.current.version === sig) return this.current;
    this.pending = this.rebuild(sig).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async rebuild(version: string): Promise<PreviewAssets> {
    const mpRoot = this.mpRoot;
    if (!fs.existsSync(path.join(mpRoot, 'miniprogram_npm'))) {
      const { buildMiniprogram } = require(path.join(this.rootDir, 'build', 'miniprogram')) as { buildMiniprogram(): Promise<void> };
      await buildMiniprogram();
    }
    const manifest = buildManifest(mpRoot);
    const [js] = await Promise.all([bundle(this.rootDir, mpRoot, manifest)]);
    this.current = { version, js, wxml: compileWxml(mpRoot), css: compileCss(mpRoot, manifest), manifest };
    return this.current;
  }
}

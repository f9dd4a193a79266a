/**
 * Every WXML and WXSS of the mini-program (pages, components, app) compiles with the official
 * compilers wcc/wcsc shipped in miniprogram-compiler; a template error fails here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MP_ROOT } from './harness';

interface Compiler {
  wxmlToJs(root: string, opts: { wxmlList: string[]; wxsList?: string[]; maxBuffer: number }): string;
}
type Wcsc = (root: string, files: string[], opts: { maxBuffer: number }) => Record<string, string> | Error;

const compiler = require('miniprogram-compiler') as Compiler;
const wcsc = require('miniprogram-compiler/src/wcsc') as Wcsc;
const MAX_BUFFER = 256 << 20;

function listOwn(root: string, ext: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'miniprogram_npm' || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.name.endsWith(ext)) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  visit(root);
  return out.sort();
}

function compileWxml(root: string): string {
  return compiler.wxmlToJs(root, { wxmlList: listOwn(root, '.wxml'), wxsList: listOwn(root, '.wxs'), maxBuffer: MAX_BUFFER });
}

function compileWxss(root: string): Record<string, string> {
  const res = wcsc(
    root,
    listOwn(root, '.wxss').map((f) => f.slice(0, -'.wxss'.length)),
    { maxBuffer: MAX_BUFFER },
  );
  if (res instanceof Error) throw res;
  return res;
}

/** Every page of app.json (main package and subpackages) and every component used. */
function declaredPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as { pages: string[]; subpackages?: { root: string; pages: string[] }[] };
  return [...app.pages, ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

describe('official WXML/WXSS compilers', () => {
  test('every page declared in app.json has its four files', () => {
    for (const page of declaredPages()) {
      for (const ext of ['.ts', '.wxml', '.wxss', '.json'])
        expect(fs.existsSync(path.join(MP_ROOT, page + ext)) ? page + ext : `missing ${page}${ext}`).toBe(page + ext);
    }
  });

  test('tab bar icons named in app.json exist and stay small (WeChat: 81×81, ≤ 40 KB)', () => {
    const app = JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as {
      tabBar?: { list: { iconPath?: string; selectedIconPath?: string }[] };
    };
    for (const item of app.tabBar?.list ?? []) {
      for (const icon of [item.iconPath, item.selectedIconPath].filter((x): x is string => Boolean(x))) {
        const file = path.join(MP_ROOT, icon);
        expect(fs.existsSync(file) ? icon : `missing ${icon}`).toBe(icon);
        expect(fs.statSync(file).size).toBeLessThan(40 * 1024);
      }
    }
  });

  test('wcc compiles every WXML of pages and components', () => {
    const wxml = listOwn(MP_ROOT, '.wxml');
    for (const page of declaredPages()) expect(wxml).toContain(`${page}.wxml`);
    const js = compileWxml(MP_ROOT);
    const gwx = new Function(js)() as (p: string) => unknown;
    for (const file of wxml) expect(typeof gwx(file)).toBe('function');
  });

  test('wcsc compiles every WXSS (app, pages, components)', () => {
    const out = compileWxss(MP_ROOT);
    // pages, components and app.wxss compile to their own entries; shared files they @import go into `comm`
    const units = listOwn(MP_ROOT, '.wxss').filter((f) => f === 'app.wxss' || fs.existsSync(path.join(MP_ROOT, f.replace(/\.wxss$/, '.json'))));
    expect(units.length).toBeGreaterThan(5);
    for (const file of units) expect(Object.keys(out)).toContain(file);
  });

  test('a template error is caught (the check is not vacuous)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wcc-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.wxml'), '<view wx:for="{{items}}">{{item.name}</view>\n<view><text></view>');
      expect(() => compileWxml(dir)).toThrow(/wxml/i);
      fs.rmSync(path.join(dir, 'bad.wxml'));
      fs.writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red; \n.b { color: ');
      expect(() => compileWxss(dir)).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

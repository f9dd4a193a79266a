/**
 * Page-test harness: a `wx` stub (like tdesign-miniprogram's test setup) whose
 * `wx.cloud.callFunction` reaches a backend — the real local runtime (functions host over HTTP)
 * when it can start (each test file gets its own, empty, then seeded by ./seed), else the
 * typed recorded fixtures — and helpers to render a page with
 * miniprogram-simulate, run its lifecycle and wait for it to settle.
 *
 * Usage (one page path per test file):
 *   const h = usePageHarness();            // at top level: starts/stops the backend
 *   const page = await h.open('pages/home/index', { query });
 */
import fs from 'node:fs';
import path from 'node:path';
import { callFixture } from './fixtures';
import { seedBasics } from './seed';
import { postJson, runtimeAvailable, spawnRuntime } from '../support/runtime-process';

/*
 * miniprogram-simulate's typings pull in the mini-program's globals (which redefine `require`
 * for the whole Node-side program), so it is reached through this small typed surface.
 */
export interface SimNode {
  readonly dom: { innerHTML: string; textContent: string | null } | undefined;
  readonly data: Record<string, unknown>;
  readonly instance: Record<string, unknown> & { setData(d: Record<string, unknown>): void };
  dispatchEvent(name: string, options?: { detail?: unknown; touches?: unknown[] }): void;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
}
export interface SimRoot extends SimNode {
  attach(parent: unknown): void;
  detach(): void;
}
interface Simulate {
  load(componentPath: string, options: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): SimRoot;
  sleep(ms: number): Promise<void>;
}
const simulate = require('miniprogram-simulate') as Simulate;
const doc = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document;

export const ROOT = path.resolve(__dirname, '..', '..');
export const MP_ROOT = path.join(ROOT, 'miniprogram');

// ---------------------------------------------------------------- backend

export type BackendMode = 'runtime' | 'fixtures';

export interface Backend {
  mode: BackendMode;
  /** callFunction's name and data → the function's envelope (unknown: the client checks it). */
  call(name: string, data: Record<string, unknown>, openid: string): Promise<unknown>;
  url?: string;
  stop(): Promise<void>;
}

function fixturesBackend(): Backend {
  return {
    mode: 'fixtures',
    call: async (name, data, openid) => callFixture(name, data, openid),
    stop: async () => undefined,
  };
}

export type BackendDecision = { mode: 'runtime' } | { mode: 'fixtures'; reason: string; forced: boolean };

let decided: BackendDecision | undefined;

/**
 * Which backend this test file gets: the real functions host when the runtime and the built
 * functions are there (`PAGES_BACKEND=fixtures` forces the fixtures; `PAGES_BACKEND=runtime`
 * makes their absence an error), else the recorded fixtures. Synchronous, so tests can be
 * declared for one backend (runtimeTest); decided once per file, so the tests declared and
 * the backend started cannot disagree.
 */
export function backendDecision(): BackendDecision {
  if (decided) return decided;
  if (process.env.PAGES_BACKEND === 'fixtures') decided = { mode: 'fixtures', reason: 'PAGES_BACKEND=fixtures', forced: true };
  else if (runtimeAvailable()) decided = { mode: 'runtime' };
  else if (process.env.PAGES_BACKEND === 'runtime') throw new Error('PAGES_BACKEND=runtime but the runtime or the built functions are missing (npm run build)');
  else decided = { mode: 'fixtures', reason: 'the local runtime or the built contest/activity functions are missing (npm run build)', forced: false };
  return decided;
}

/** The backend backendDecision() names. */
export async function startBackend(): Promise<Backend> {
  const decision = backendDecision();
  if (decision.mode === 'fixtures') {
    if (!decision.forced) console.warn(`page tests: ${decision.reason}; using recorded fixtures`);
    return fixturesBackend();
  }
  const rt = await spawnRuntime('none');
  return {
    mode: 'runtime',
    url: rt.url,
    call: (name, data, openid) => postJson(`${rt.url}/api/call/${encodeURIComponent(name)}`, data, { 'x-openid': openid }),
    stop: () => rt.stop(),
  };
}

/*
 * Tests that need the runtime's rules and data are declared with these: with the recorded
 * fixtures they show as skipped, with the reason printed once a file, instead of passing
 * without asserting anything.
 */
let skipNoticeShown = false;

function withRuntime(): boolean {
  const decision = backendDecision();
  if (decision.mode === 'runtime') return true;
  if (!skipNoticeShown) {
    skipNoticeShown = true;
    console.warn(`page tests: runtime-only tests are skipped: ${decision.reason}`);
  }
  return false;
}

/** `test` when the local runtime is the backend, else `test.skip` (said why, once). */
export function runtimeTest(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  (withRuntime() ? test : test.skip)(name, fn, timeout);
}

/** `describe` when the local runtime is the backend, else `describe.skip` (said why, once). */
export function runtimeDescribe(name: string, fn: () => void): void {
  (withRuntime() ? describe : describe.skip)(name, fn);
}

// ---------------------------------------------------------------- wx stub

export interface CallRecord {
  name: string;
  data: Record<string, unknown>;
  openid: string;
}

export interface WxLog {
  calls: CallRecord[];
  toasts: { title: string; icon?: string }[];
  navigations: { method: string; url: string }[];
  loadingShown: number;
  loadingVisible: boolean;
  modals: { title?: string; content?: string }[];
}

export interface WxStubState {
  openid: string;
  storage: Map<string, unknown>;
  fontSizeSetting: number;
  log: WxLog;
  /** Answer of the next wx.showModal (default: confirm). */
  modalConfirm: boolean;
}

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: { errMsg: string }) => void; complete?: () => void };

function settle<T>(opts: Callbacks<T> | undefined, res: T): Promise<T> {
  opts?.success?.(res);
  opts?.complete?.();
  return Promise.resolve(res);
}

function emptyLog(): WxLog {
  return { calls: [], toasts: [], navigations: [], loadingShown: 0, loadingVisible: false, modals: [] };
}

/** Installs the `wx` stub over miniprogram-simulate's own; returns its state. */
export function installWx(getBackend: () => Backend): WxStubState {
  const state: WxStubState = { openid: 'resident-a', storage: new Map(), fontSizeSetting: 17, log: emptyLog(), modalConfirm: true };
  const nav = (method: string) => (opts: { url: string } & Callbacks<{ errMsg: string }>) => {
    state.log.navigations.push({ method, url: opts.url });
    return settle(opts, { errMsg: `${method}:ok` });
  };
  const stub = {
    getStorageSync: (key: string): unknown => (state.storage.has(key) ? state.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void state.storage.set(key, value),
    removeStorageSync: (key: string) => void state.storage.delete(key),
    getAppBaseInfo: () => ({ SDKVersion: '3.6.0', fontSizeSetting: state.fontSizeSetting, language: 'zh_CN', theme: 'light' }),
    getSystemInfoSync: () => ({
      SDKVersion: '3.6.0',
      fontSizeSetting: state.fontSizeSetting,
      windowWidth: 375,
      windowHeight: 812,
      screenWidth: 375,
      screenHeight: 812,
      pixelRatio: 2,
      platform: 'devtools',
      language: 'zh_CN',
      system: 'iOS 17',
      statusBarHeight: 44,
    }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 2, statusBarHeight: 44 }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 17', pixelRatio: 2 }),
    showToast: (opts: { title: string; icon?: string } & Callbacks<{ errMsg: string }>) => {
      state.log.toasts.push({ title: opts.title, icon: opts.icon });
      return settle(opts, { errMsg: 'showToast:ok' });
    },
    showLoading: (opts: { title: string } & Callbacks<{ errMsg: string }>) => {
      state.log.loadingShown++;
      state.log.loadingVisible = true;
      return settle(opts, { errMsg: 'showLoading:ok' });
    },
    hideLoading: (opts?: Callbacks<{ errMsg: string }>) => {
      state.log.loadingVisible = false;
      return settle(opts, { errMsg: 'hideLoading:ok' });
    },
    showModal: (opts: { title?: string; content?: string } & Callbacks<{ confirm: boolean; cancel: boolean; errMsg: string }>) => {
      state.log.modals.push({ title: opts.title, content: opts.content });
      return settle(opts, { confirm: state.modalConfirm, cancel: !state.modalConfirm, errMsg: 'showModal:ok' });
    },
    stopPullDownRefresh: (opts?: Callbacks<{ errMsg: string }>) => settle(opts, { errMsg: 'stopPullDownRefresh:ok' }),
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    switchTab: nav('switchTab'),
    reLaunch: nav('reLaunch'),
    navigateBack: (opts?: Callbacks<{ errMsg: string }>) => {
      state.log.navigations.push({ method: 'navigateBack', url: '' });
      return settle(opts, { errMsg: 'navigateBack:ok' });
    },
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    cloud: {
      init: () => undefined,
      callFunction: async (opts: { name: string; data?: Record<string, unknown> }) => {
        const data = opts.data ?? {};
        state.log.calls.push({ name: opts.name, data, openid: state.openid });
        const result = await getBackend().call(opts.name, data, state.openid);
        return { result, errMsg: 'cloud.callFunction:ok', requestID: String(state.log.calls.length) };
      },
    },
  };
  const g = globalThis as unknown as { wx: Record<string, unknown>; getApp: () => unknown; getCurrentPages: () => unknown[] };
  g.wx = Object.assign(g.wx ?? {}, stub);
  g.getApp = () => ({ globalData: { launchedAt: 0 } });
  g.getCurrentPages = () => [];
  return state;
}

// ---------------------------------------------------------------- pages

/** Components named by npm path in usingComponents resolve through miniprogram_npm. */
function npmUsingComponents(): Record<string, string> {
  const map: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'miniprogram_npm' || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.name.endsWith('.json')) {
        const json = JSON.parse(fs.readFileSync(full, 'utf8')) as { usingComponents?: Record<string, string> };
        for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
          if (!target.startsWith('/') && !target.startsWith('.')) map[tag] = `/miniprogram_npm/${target}`;
        }
      }
    }
  };
  visit(MP_ROOT);
  return map;
}

export type PageComp = SimRoot;

export interface PageHarness {
  wx: WxStubState;
  backend(): Backend;
  /** Loads (once per path), renders and attaches a page, then runs onLoad(query) and onShow(). */
  open(route: string, query?: Record<string, string>): Promise<PageComp>;
  /** Waits until `cond` holds (checks after each macrotask), failing after `timeoutMs`. */
  until(cond: () => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Taps as a finger does: `target` (a selector, or the visible words on the page) is resolved to
   * the innermost rendered element there, and the tap starts from it and bubbles through
   * components by WeChat's rules. A wrapper that no finger touches cannot be tapped by accident.
   */
  tap(page: PageComp, target: string): Promise<void>;
  /** Types into the input or textarea `selector` (its `input` event, as a keyboard does). */
  type(page: PageComp, selector: string, value: string): Promise<void>;
  /** Chooses in the picker or switch `selector` (its `change` event): an index, a 'YYYY-MM-DD', an 'HH:mm', a boolean. */
  pick(page: PageComp, selector: string, value: string | number | boolean): Promise<void>;
  /** The rendered markup of the page. */
  html(page: PageComp): string;
}

// ---------------------------------------------------------------- taps

/** The part of a rendered DOM node used here (the node-side tsconfig has no DOM library). */
interface DomNode {
  textContent: string | null;
  tagName: string;
  children: ArrayLike<DomNode>;
  parentElement: DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
  __wxElement?: unknown;
}

const exparser = require('miniprogram-exparser') as {
  Event: { dispatchEvent(target: unknown, ev: unknown): void; create(name: string, detail: unknown, opts: Record<string, unknown>): unknown };
};

const isSelector = (target: string) => /^[.#[]|^[a-z][a-z-]*([.#[:]|$)/.test(target);
const wordsOf = (el: DomNode) => (el.textContent ?? '').trim();

/** The deepest element under `el` that still shows its words (where a finger on them lands). */
function deepest(el: DomNode): DomNode {
  const words = wordsOf(el);
  const children = Array.from(el.children);
  const next = words ? children.find((c) => wordsOf(c) !== '' && words.startsWith(wordsOf(c))) : children[0];
  return next ? deepest(next) : el;
}

/** The innermost rendered element for a selector or for visible words. */
export function innermostAt(page: PageComp, target: string): DomNode {
  let start: DomNode | undefined;
  if (isSelector(target)) {
    const el = page.querySelector(target) as unknown as { dom?: DomNode } | null;
    if (!el?.dom) throw new Error(`no element matches ${target}`);
    start = el.dom;
  } else {
    const root = page.dom as unknown as DomNode | undefined;
    const all = root ? Array.from(root.querySelectorAll('*')) : [];
    // The innermost element whose words are exactly these.
    start = all.find((e) => wordsOf(e) === target && !Array.from(e.children).some((c) => wordsOf(c) === target));
    if (!start) throw new Error(`no element shows the words "${target}"`);
  }
  let node: DomNode | null = deepest(start);
  while (node && !node.__wxElement) node = node.parentElement;
  if (!node) throw new Error(`"${target}" is not part of the component tree`);
  return node;
}

/** A tap starting at `dom`, as j-component turns a real touch into one: captured, bubbling, crossing components. */
function fingerTap(dom: DomNode): void {
  exparser.Event.dispatchEvent(
    dom,
    exparser.Event.create(
      'tap',
      { x: 0, y: 0 },
      { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [{ clientX: 0, clientY: 0 }] } },
    ),
  );
}

/** Call at the top of a page test file. */
export function usePageHarness(): PageHarness {
  let backend: Backend | undefined;
  const getBackend = () => {
    if (!backend) throw new Error('backend not started');
    return backend;
  };
  const wxState = installWx(getBackend);
  const loaded = new Map<string, string>();
  const pages: PageComp[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(MP_ROOT, 'miniprogram_npm', 'tdesign-miniprogram'))) {
      const { buildMiniprogram } = require(path.join(ROOT, 'build', 'miniprogram.ts')) as { buildMiniprogram(): Promise<void> };
      await buildMiniprogram();
    }
    backend = await startBackend();
    await seedBasics(backend);
  }, 120_000);

  afterEach(() => {
    while (pages.length) pages.pop()?.detach();
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const until = async (cond: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the page to settle');
      await simulate.sleep(5);
    }
  };

  return {
    wx: wxState,
    backend: getBackend,
    async open(route, query = {}) {
      let id = loaded.get(route);
      if (!id) {
        id = simulate.load(path.join(MP_ROOT, route), { rootPath: MP_ROOT, usingComponents: npmUsingComponents(), compilerOptions: { maxBuffer: 64 << 20 } });
        loaded.set(route, id);
      }
      const comp = simulate.render(id);
      comp.attach(doc.createElement('parent-wrapper'));
      const inst = comp.instance as unknown as { onLoad?: (q: Record<string, string>) => void; onShow?: () => void };
      inst.onLoad?.(query);
      inst.onShow?.();
      await simulate.sleep(0);
      pages.push(comp);
      return comp;
    },
    until,
    async tap(page, target) {
      fingerTap(innermostAt(page, target));
      await simulate.sleep(0);
      await simulate.sleep(0);
    },
    async type(page, selector, value) {
      const el = page.querySelector(selector);
      if (!el) throw new Error(`no input matches ${selector}`);
      el.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
      await simulate.sleep(0);
    },
    async pick(page, selector, value) {
      const el = page.querySelector(selector);
      if (!el) throw new Error(`no picker matches ${selector}`);
      el.dispatchEvent('change', { detail: { value } });
      await simulate.sleep(0);
    },
    html(page) {
      return page.dom?.innerHTML ?? '';
    },
  };
}

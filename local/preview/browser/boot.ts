/**
 * The mini-program in a browser: boots the app (wx shims, components, built-ins), turns mouse
 * clicks into taps, answers share buttons and the capsule menu, and exposes `window.__preview`
 * for the automator bridge and screenshots.
 */
import { installWx, type WxShim } from './wx';
import { startAutomatorClient } from './automator-agent';
import { renderShell } from './shell';
import { showActionSheet, showModal } from './ui';
import { currentManifest, installConstructors, jComponent, setSources, type BootOptions, type PageInstance } from './components';
import { fireOn, registerBuiltins } from './builtins';
import { call, el, reportError, router, stack } from './router';
import type { PreviewManifest as Manifest } from './manifest';

// ------------------------------------------------------------------ taps from a mouse

/** j-component turns touches into taps; a desktop mouse click becomes a tap too (once). */
function installMouseTaps(): void {
  const exparser = require('miniprogram-exparser') as {
    Event: { dispatchEvent(target: EventTarget, ev: unknown): void; create(name: string, detail: unknown, opts: Record<string, unknown>): unknown };
  };
  let lastTouch = 0;
  const pages = el('pages');
  pages.addEventListener('touchend', () => (lastTouch = Date.now()), { capture: true });
  pages.addEventListener('click', (evt) => {
    if (Date.now() - lastTouch < 800) return;
    let target = evt.target as HTMLElement | null;
    if (!target || target.closest('input, textarea')) return;
    // elements drawn by the preview itself (a switch's knob) are not in the component tree
    while (target && !(target as { __wxElement?: unknown }).__wxElement && target.parentElement) target = target.parentElement;
    if (!target) return;
    const detail = { x: evt.pageX, y: evt.pageY };
    exparser.Event.dispatchEvent(
      target,
      exparser.Event.create('tap', detail, {
        originalEvent: evt,
        bubbles: true,
        capturePhase: true,
        composed: true,
        extraFields: { touches: [], changedTouches: [{ clientX: evt.clientX, clientY: evt.clientY, pageX: evt.pageX, pageY: evt.pageY }] },
      }),
    );
    // <button open-type="share">: WeChat opens its share sheet with the page's onShareAppMessage({ from: 'button' }).
    const button = target.closest<HTMLElement>('wx-button');
    if (button?.getAttribute('open-type') === 'share') void shareFrom('button');
    if (button?.getAttribute('open-type') === 'getPhoneNumber') void phoneNumberFor(button);
  });
}

/**
 * <button open-type="getPhoneNumber">: WeChat asks the resident to share their phone and gives
 * the page a one-time code (getphonenumber) that the function exchanges. Here the runtime issues
 * the code for the number typed in WeChat's dialog (POST /api/phone-code).
 */
async function phoneNumberFor(button: HTMLElement): Promise<void> {
  const r = await showModal({
    title: '“家门口”申请获取你的手机号',
    editable: true,
    content: '13800138000',
    placeholderText: '11 位手机号',
    confirmText: '允许',
    cancelText: '拒绝',
  });
  if (!r.confirm) {
    fireOn(button, 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });
    return;
  }
  const res = await fetch('/api/phone-code', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: (r.content ?? '').trim() }),
  });
  const body = (await res.json()) as { code?: string };
  fireOn(button, 'getphonenumber', body.code ? { code: body.code, errMsg: 'getPhoneNumber:ok' } : { errMsg: 'getPhoneNumber:fail invalid phone' });
}

/** The capsule's ••• menu, or a share button: what 转发给朋友 would send (onShareAppMessage). */
async function shareFrom(from: 'menu' | 'button'): Promise<void> {
  const cur = router.current();
  if (!cur) return;
  const inst = cur.root.instance;
  if (typeof inst.onShareAppMessage !== 'function') {
    await showModal({ title: '转发', content: '这个页面没有设置转发内容', showCancel: false });
    return;
  }
  const choice = await showActionSheet(['转发给朋友']);
  if (choice !== 0) return;
  const share = (call(inst, 'onShareAppMessage', { from }) ?? {}) as { title?: string; path?: string };
  await showModal({ title: '转发给朋友', content: `${share.title ?? cur.title}\n${share.path ?? `/${cur.route}`}`, showCancel: false, confirmText: '好的' });
}

// ------------------------------------------------------------------ boot

/** The phone frame (375 px and its bezel) scaled to a narrower window, nothing cut off. */
function fitPhone(): void {
  const needed = 375 + 2 * 11 + 16;
  document.documentElement.style.setProperty('--fit', String(Math.min(1, window.innerWidth / needed)));
}

export interface PreviewApi {
  router: typeof router;
  wx: WxShim;
  manifest: Manifest;
  app: Record<string, unknown>;
  ready: boolean;
  /** For the event-semantics test: mounts a component from inline WXML over the page, as pages are mounted. */
  sandbox(def: SandboxDefinition): void;
}

/** A throwaway component: its WXML, the handler names that log themselves, and an optional child that re-emits tap. */
export interface SandboxDefinition {
  template: string;
  handlers: string[];
  child?: { template: string; emits: Record<string, boolean> };
}

function sandbox(def: SandboxDefinition): void {
  const w = window as unknown as { __eventLog: string[] };
  w.__eventLog = [];
  const logging = Object.fromEntries(def.handlers.map((n) => [n, () => w.__eventLog.push(n)]));
  const using: Record<string, string> = {};
  if (def.child) {
    const emits = def.child.emits;
    using['x-btn'] = jComponent.register({
      template: def.child.template,
      methods: {
        press(this: { triggerEvent(n: string, d: unknown, o: unknown): void }) {
          this.triggerEvent('tap', {}, emits);
        },
      },
    });
  }
  const id = jComponent.register({ template: def.template, usingComponents: using, methods: logging });
  document.getElementById('event-sandbox')?.remove();
  const host = document.createElement('div');
  host.id = 'event-sandbox';
  host.style.cssText = 'position:absolute;inset:0;z-index:50;background:#fff;font-size:20px;padding:20px';
  el('pages').appendChild(host);
  jComponent.create(id).attach(host);
}

declare global {
  interface Window {
    __preview?: PreviewApi;
  }
}

export function boot(opts: BootOptions): void {
  setSources(opts.modules, opts.manifest);
  const manifest = currentManifest();
  const wx = installWx({ router, reportError });
  installConstructors();
  registerBuiltins();

  let appInstance: Record<string, unknown> = { globalData: {} };
  const w = window as unknown as Record<string, unknown>;
  w.App = (options: Record<string, unknown>) => {
    appInstance = options;
  };
  w.getApp = () => appInstance;
  w.getCurrentPages = () => stack.map((r) => r.root.instance);
  try {
    opts.appModule();
    call(appInstance as PageInstance, 'onLaunch', { path: '', query: {}, scene: 1001 });
    call(appInstance as PageInstance, 'onShow', { path: '', query: {}, scene: 1001 });
  } catch (e) {
    reportError(e);
  }

  el('nav-back').addEventListener('click', () => router.navigateBack(1));
  document.querySelector('.navbar__capsule')?.addEventListener('click', () => void shareFrom('menu'));
  installMouseTaps();

  const api: PreviewApi = { router, wx, manifest, app: appInstance, ready: false, sandbox };
  window.__preview = api;

  const params = new URLSearchParams(window.location.search);
  const start = params.get('page') ?? manifest.app.pages[0];
  const q = params.get('query');
  try {
    router.reLaunch(`/${start}${q ? `?${q}` : ''}`);
    // After a persona switch: the pages that were open above the first one, so back still works.
    for (const url of JSON.parse(params.get('stack') ?? '[]') as string[]) router.navigateTo(url);
  } catch (e) {
    reportError(e);
    router.reLaunch(`/${manifest.app.pages[0]}`);
  }
  fitPhone();
  window.addEventListener('resize', fitPhone);
  api.ready = true;
  renderShell(api);
  if (params.get('automator') !== '0') startAutomatorClient(api);
}

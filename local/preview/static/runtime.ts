/**
 * The mini-program in a browser: components registered with j-component (templates compiled by
 * the official wcc, scripts bundled), a page stack with navigation bar and tab bar, and `wx`
 * shims (wx.ts). Exposes `window.__preview` for the automator bridge and screenshots.
 */
import { installWx, type WxShim } from './wx';
import { startAutomatorClient } from './automator';
import { renderShell } from './shell';
import { showActionSheet, showModal, showPicker } from './ui';
import type { ComponentEntry, PreviewManifest as Manifest } from './manifest';

// ------------------------------------------------------------------ types of what we use

export interface BootOptions {
  modules: Record<string, () => unknown>;
  manifest: Manifest;
  appModule: () => unknown;
}

/** j-component's surface (see node_modules/j-component/index.d.ts). */
export interface JNode {
  readonly dom: HTMLElement | undefined;
  readonly data: Record<string, unknown>;
  readonly instance: PageInstance;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  querySelector(selector: string): JNode | undefined;
  querySelectorAll(selector: string): JNode[];
  setData(data: Record<string, unknown>): void;
}
export interface JRoot extends JNode {
  attach(parent: Node): void;
  detach(): void;
}
interface JComponentLib {
  register(def: Record<string, unknown>): string;
  behavior(def: Record<string, unknown>): string;
  create(id: string, props?: Record<string, unknown>): JRoot;
}

export type PageInstance = Record<string, unknown> & {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, cb?: () => void): void;
};

type Method = (...args: unknown[]) => unknown;

const jComponent = require('j-component') as JComponentLib;

// ------------------------------------------------------------------ component loading

const BUILTINS = [
  'view',
  'text',
  'button',
  'icon',
  'progress',
  'rich-text',
  'checkbox-group',
  'radio-group',
  'form',
  'picker-view',
  'picker-view-column',
  'slider',
  'navigator',
  'map',
  'video',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'scroll-view',
  'swiper',
  'swiper-item',
  'editor',
  'web-view',
  'page-meta',
  'navigation-bar',
  'root-portal',
  'block',
  'open-data',
  'ad',
  'official-account',
  'match-media',
  'page-container',
  'share-element',
  'keyboard-accessory',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
  'channel-live',
  'channel-video',
  'camera',
  'live-player',
  'live-pusher',
  'voip-room',
  'audio',
  'functional-page-navigator',
];

interface Loading {
  entry: ComponentEntry;
  id: string;
  tag: string;
  using: Record<string, string>;
  registered: boolean;
}

let nowLoading: Loading | null = null;
let idSeq = 0;
const idsByPath = new Map<string, string>();

function host(node: unknown): HTMLElement | null {
  const el = (node as { $$?: unknown }).$$;
  return el instanceof HTMLElement ? el : null;
}

/** Built-ins with browser behaviour: input, textarea, image, canvas; the rest render their slot. */
function registerBuiltins(): void {
  for (const name of BUILTINS) jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>' });

  const field = (multiline: boolean) => ({
    tagName: multiline ? 'wx-textarea' : 'wx-input',
    template: '<slot/>',
    properties: {
      value: { type: String, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      focus: { type: Boolean, value: false },
    },
    observers: {
      'value, placeholder, disabled, type, password, maxlength'(this: PageInstance) {
        const el = (this as unknown as { __field?: HTMLInputElement | HTMLTextAreaElement }).__field;
        if (!el) return;
        const d = this.data as { value: string; placeholder: string; disabled: boolean; type: string; password: boolean; maxlength: number };
        if (el.value !== String(d.value ?? '')) el.value = String(d.value ?? '');
        el.placeholder = d.placeholder;
        el.disabled = d.disabled;
        if (d.maxlength > 0) el.maxLength = d.maxlength;
        if (el instanceof HTMLInputElement) {
          el.type = d.password ? 'password' : 'text';
          el.inputMode = d.type === 'number' || d.type === 'idcard' ? 'numeric' : d.type === 'digit' ? 'decimal' : 'text';
        }
      },
    },
    lifetimes: {
      attached(this: PageInstance & { __field?: HTMLInputElement | HTMLTextAreaElement; triggerEvent(n: string, d: unknown): void }) {
        const root = host(this);
        if (!root || this.__field) return;
        const el = document.createElement(multiline ? 'textarea' : 'input');
        el.className = 'wx-field__el';
        root.appendChild(el);
        this.__field = el;
        const d = this.data as { value: string; placeholder: string; disabled: boolean; maxlength: number };
        el.value = String(d.value ?? '');
        el.placeholder = d.placeholder;
        el.disabled = d.disabled;
        if (d.maxlength > 0) el.maxLength = d.maxlength;
        el.addEventListener('input', () => {
          (this.data as { value: string }).value = el.value;
          this.triggerEvent('input', { value: el.value, cursor: el.selectionStart ?? el.value.length, keyCode: 0 });
        });
        el.addEventListener('focus', () => this.triggerEvent('focus', { value: el.value, height: 0 }));
        el.addEventListener('blur', () => this.triggerEvent('blur', { value: el.value, cursor: el.value.length }));
        el.addEventListener('keydown', (e: Event) => {
          if ((e as KeyboardEvent).key === 'Enter' && !multiline) this.triggerEvent('confirm', { value: el.value });
        });
      },
    },
  });
  jComponent.register({ id: 'input', ...field(false) });
  jComponent.register({ id: 'textarea', ...field(true) });

  registerChoiceBuiltins();
  registerPicker();

  jComponent.register({
    id: 'image',
    tagName: 'wx-image',
    template: '<slot/>',
    properties: { src: { type: String, value: '' }, mode: { type: String, value: 'scaleToFill' } },
    observers: {
      'src, mode'(this: PageInstance) {
        const root = host(this);
        if (!root) return;
        const d = this.data as { src: string; mode: string };
        const size = d.mode === 'aspectFit' ? 'contain' : d.mode === 'aspectFill' ? 'cover' : d.mode === 'widthFix' ? 'cover' : '100% 100%';
        root.style.backgroundImage = d.src ? `url("${d.src}")` : '';
        root.style.backgroundSize = size;
      },
    },
  });

  jComponent.register({
    id: 'canvas',
    tagName: 'wx-canvas',
    template: '<slot/>',
    properties: { type: { type: String, value: '' }, canvasId: { type: String, value: '' } },
    lifetimes: {
      attached(this: PageInstance) {
        const root = host(this);
        if (!root || root.querySelector('canvas')) return;
        const c = document.createElement('canvas');
        c.className = 'wx-canvas__el';
        root.appendChild(c);
        const size = () => {
          const r = root.getBoundingClientRect();
          if (r.width && (c.width !== Math.round(r.width) || c.height !== Math.round(r.height))) {
            c.width = Math.round(r.width);
            c.height = Math.round(r.height);
          }
        };
        requestAnimationFrame(size);
      },
    },
  });
}

type Builtin = PageInstance & {
  triggerEvent(name: string, detail: unknown): void;
};

/** The exparser element behind a DOM node of the component tree (a component's `this` is its method caller, not the element). */
interface WxElement {
  addListener(name: string, fn: (e: unknown) => void, opts?: Record<string, unknown>): void;
  triggerEvent(name: string, detail: unknown, opts?: Record<string, unknown>): void;
}
function wxElementOf(dom: HTMLElement | null): WxElement | null {
  return (dom as { __wxElement?: WxElement } | null)?.__wxElement ?? null;
}

/** Listens to taps on a built-in's own element (where bind:tap on it would listen too). */
function onTapOf(self: Builtin, fn: (e: unknown) => void): void {
  wxElementOf(host(self))?.addListener('tap', fn);
}

/** A DOM node of a choice control, with what its group and labels need. */
type ControlDom = HTMLElement & { __mpTap?: () => void; __mpSet?: (checked: boolean) => void; __mpValue?: () => string; __mpChecked?: () => boolean };

/** A built-in's own event (change of a radio-group …), on its element: it does not bubble, as in WeChat. */
function fireOn(dom: HTMLElement, name: string, detail: unknown): void {
  wxElementOf(dom)?.triggerEvent(name, detail, { bubbles: false, composed: false });
}

/** picker (selector, date, time): a tap opens WeChat's bottom sheet; 确定 fires `change` on the picker. */
function registerPicker(): void {
  jComponent.register({
    id: 'picker',
    tagName: 'wx-picker',
    template: '<slot/>',
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: Array, value: [] },
      value: { type: null, value: '' },
      disabled: { type: Boolean, value: false },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
    },
    lifetimes: {
      attached(this: Builtin) {
        onTapOf(this, () => {
          const d = this.data as { mode: string; range: unknown[]; value: unknown; disabled: boolean };
          if (d.disabled) return;
          const mode = d.mode === 'date' || d.mode === 'time' ? d.mode : 'selector';
          void showPicker(mode, (d.range ?? []).map(String), String(d.value ?? '')).then((value) => {
            const dom = host(this);
            if (value === null || !dom) return;
            fireOn(dom, 'change', { value });
          });
        });
      },
    },
  });
}

/** switch, radio, checkbox, their groups and label: drawn like WeChat's, toggled by taps. */
function registerChoiceBuiltins(): void {
  const control = (tag: 'switch' | 'radio' | 'checkbox') => ({
    tagName: `wx-${tag}`,
    template: '<slot/>',
    properties: {
      checked: { type: Boolean, value: false },
      value: { type: String, value: '' },
      color: { type: String, value: tag === 'switch' ? '#04BE02' : '#09BB07' },
      disabled: { type: Boolean, value: false },
      type: { type: String, value: 'switch' },
    },
    observers: {
      'checked, color, disabled'(this: Builtin) {
        const root = host(this) as ControlDom | null;
        if (!root) return;
        const d = this.data as { checked: boolean; color: string; disabled: boolean };
        root.classList.toggle('wx-choice--checked', d.checked);
        root.classList.toggle('wx-choice--disabled', d.disabled);
        root.style.setProperty('--wx-choice-color', d.color);
      },
    },
    lifetimes: {
      attached(this: Builtin) {
        const root = host(this) as ControlDom | null;
        if (!root || root.querySelector(':scope > .wx-choice__box')) return;
        const box = document.createElement('span');
        box.className = `wx-choice__box wx-${tag}__box`;
        if (tag === 'switch') box.appendChild(document.createElement('span')).className = 'wx-switch__dot';
        root.insertBefore(box, root.firstChild);
        root.classList.add('wx-choice');
        const d = this.data as { checked: boolean; value: string; color: string; disabled: boolean };
        root.classList.toggle('wx-choice--checked', d.checked);
        root.style.setProperty('--wx-choice-color', d.color);
        root.__mpValue = () => String((this.data as { value: string }).value);
        root.__mpChecked = () => Boolean((this.data as { checked: boolean }).checked);
        root.__mpSet = (checked) => this.setData({ checked });
        root.__mpTap = () => {
          if ((this.data as { disabled: boolean }).disabled) return;
          const checked = (this.data as { checked: boolean }).checked;
          if (tag === 'switch') {
            this.setData({ checked: !checked });
            this.triggerEvent('change', { value: !checked });
            return;
          }
          const group = root.closest(tag === 'radio' ? 'wx-radio-group' : 'wx-checkbox-group') as HTMLElement | null;
          if (tag === 'radio') {
            if (checked) return;
            if (group) group.querySelectorAll<ControlDom>('wx-radio').forEach((r) => r !== root && r.__mpSet?.(false));
            this.setData({ checked: true });
          } else this.setData({ checked: !checked });
          if (!group) return;
          const controls = Array.from(group.querySelectorAll<ControlDom>(`wx-${tag}`));
          const value = tag === 'radio' ? (root.__mpValue?.() ?? '') : controls.filter((c) => c.__mpChecked?.()).map((c) => c.__mpValue?.() ?? '');
          fireOn(group, 'change', { value });
        };
        onTapOf(this, () => root.__mpTap?.());
      },
    },
  });
  jComponent.register({ id: 'switch', ...control('switch') });
  jComponent.register({ id: 'radio', ...control('radio') });
  jComponent.register({ id: 'checkbox', ...control('checkbox') });
  jComponent.register({
    id: 'label',
    tagName: 'wx-label',
    template: '<slot/>',
    properties: { for: { type: String, value: '' } },
    lifetimes: {
      attached(this: Builtin) {
        const root = host(this);
        if (!root) return;
        onTapOf(this, (e: unknown) => {
          const target = (e as { target?: { $$?: unknown } }).target?.$$;
          const c = root.querySelector<ControlDom>('wx-radio, wx-checkbox, wx-switch');
          if (!c || (target instanceof Node && c.contains(target))) return;
          c.__mpTap?.();
        });
      },
    },
  });
}

function gwxTemplate(path: string): unknown {
  const gwx = window.__gwx;
  if (!gwx) throw new Error('preview: wxml.js not loaded');
  return gwx(`${path}.wxml`);
}

let modules: Record<string, () => unknown> = {};
let manifest: Manifest;

function loadComponent(path: string, tag: string): string {
  const known = idsByPath.get(path);
  if (known) return known;
  const entry = manifest.components[path];
  if (!entry) throw new Error(`preview: unknown component ${path}`);
  const id = `mp${++idSeq}`;
  idsByPath.set(path, id);
  const using: Record<string, string> = {};
  for (const [t, target] of Object.entries(entry.usingComponents)) using[t] = loadComponent(target, t);
  const ctx: Loading = { entry, id, tag, using, registered: false };
  const prev = nowLoading;
  nowLoading = ctx;
  try {
    modules[path]?.();
  } finally {
    nowLoading = prev;
  }
  if (!ctx.registered) registerDefinition(ctx, {});
  return id;
}

function registerDefinition(ctx: Loading, options: Record<string, unknown>): void {
  ctx.registered = true;
  const userOptions = (options.options as Record<string, unknown> | undefined) ?? {};
  jComponent.register({
    id: ctx.id,
    path: ctx.entry.path,
    template: gwxTemplate(ctx.entry.path),
    usingComponents: ctx.using,
    tagName: ctx.entry.isPage ? 'mp-page-root' : ctx.tag,
    ...options,
    options: { classPrefix: ctx.entry.prefix, ...userOptions, virtualHost: false },
  });
}

function installConstructors(): void {
  const w = window as unknown as Record<string, unknown>;
  w.Component = (options: Record<string, unknown>) => {
    if (!nowLoading) throw new Error('preview: Component() called outside a component load');
    registerDefinition(nowLoading, options);
  };
  w.Behavior = (def: Record<string, unknown>) => jComponent.behavior(def);
  w.Page = () => {
    throw new Error('Pages must be written with Component() (see miniprogram/README.md)');
  };
}

// ------------------------------------------------------------------ pages

export interface PageRecord {
  pageId: number;
  route: string;
  query: Record<string, string>;
  root: JRoot;
  host: HTMLElement;
  title: string;
}

/** Page ids stay unique across reloads (the automator library caches pages by id). */
let pageSeq = (Math.floor(Date.now() / 1000) % 100000) * 1000;
const stack: PageRecord[] = [];
const tabPages = new Map<string, PageRecord>();

function el(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`preview: #${id} missing`);
  return found;
}

export function parseUrl(url: string, base?: string): { route: string; query: Record<string, string> } {
  const [first, q = ''] = url.split('?');
  let p = first;
  if (!p.startsWith('/') && base) {
    const dir = base.split('/').slice(0, -1);
    for (const part of p.split('/')) {
      if (part === '..') dir.pop();
      else if (part !== '.') dir.push(part);
    }
    p = dir.join('/');
  }
  const route = p.replace(/^\//, '');
  const query: Record<string, string> = {};
  for (const kv of q.split('&').filter(Boolean)) {
    const [k, v = ''] = kv.split('=');
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return { route, query };
}

function call(inst: PageInstance, name: string, ...args: unknown[]): unknown {
  const fn = inst[name];
  if (typeof fn !== 'function') return undefined;
  try {
    return (fn as Method).apply(inst, args);
  } catch (e) {
    reportError(e);
    return undefined;
  }
}

export function reportError(e: unknown): void {
  console.error(e);
  window.dispatchEvent(new CustomEvent('mp-error', { detail: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }));
}

function pageTitle(route: string): string {
  const entry = manifest.components[route];
  return String(entry?.json.navigationBarTitleText ?? manifest.app.window?.navigationBarTitleText ?? '');
}

function createPage(route: string, query: Record<string, string>): PageRecord {
  const id = loadComponent(route, 'mp-page-root');
  const root = jComponent.create(id);
  const hostEl = document.createElement('div');
  hostEl.className = 'mp-page';
  hostEl.dataset.route = route;
  el('pages').appendChild(hostEl);
  root.attach(hostEl);
  const record: PageRecord = { pageId: ++pageSeq, route, query, root, host: hostEl, title: pageTitle(route) };
  const inst = root.instance;
  Object.assign(inst, { route, options: query, __pageId: record.pageId });
  call(inst, 'onLoad', { ...query });
  window.setTimeout(() => call(inst, 'onReady'), 0);
  return record;
}

function show(record: PageRecord): void {
  for (const r of [...stack, ...tabPages.values()]) r.host.classList.toggle('mp-page--active', r === record);
  call(record.root.instance, 'onShow');
  renderChrome();
  const url = new URL(window.location.href);
  url.searchParams.set('page', record.route);
  const q = Object.entries(record.query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  if (q) url.searchParams.set('query', q);
  else url.searchParams.delete('query');
  window.history.replaceState(null, '', url.toString());
  window.dispatchEvent(new CustomEvent('mp-route', { detail: record.route }));
}

function hide(record: PageRecord | undefined): void {
  if (record) call(record.root.instance, 'onHide');
}

function destroy(record: PageRecord): void {
  call(record.root.instance, 'onUnload');
  record.root.detach();
  record.host.remove();
}

export function isPage(route: string): boolean {
  return manifest.pages.includes(route);
}

export function isTab(route: string): boolean {
  return manifest.tabs.includes(route);
}

function openTab(route: string): PageRecord {
  let rec = tabPages.get(route);
  if (!rec) {
    rec = createPage(route, {});
    tabPages.set(route, rec);
  }
  return rec;
}

export const router = {
  current(): PageRecord | undefined {
    return stack[stack.length - 1];
  },
  stack(): PageRecord[] {
    return stack.slice();
  },
  navigateTo(url: string): void {
    const { route, query } = parseUrl(url, router.current()?.route);
    if (!isPage(route)) throw new Error(`navigateTo:fail page "${route}" is not found`);
    if (isTab(route)) throw new Error('navigateTo:fail can not navigateTo a tabbar page');
    hide(router.current());
    const rec = createPage(route, query);
    stack.push(rec);
    show(rec);
  },
  redirectTo(url: string): void {
    const { route, query } = parseUrl(url, router.current()?.route);
    if (!isPage(route)) throw new Error(`redirectTo:fail page "${route}" is not found`);
    const top = stack.pop();
    if (top && !isTab(top.route)) destroy(top);
    const rec = isTab(route) ? openTab(route) : createPage(route, query);
    stack.push(rec);
    show(rec);
  },
  navigateBack(delta = 1): void {
    if (stack.length <= 1) return;
    const n = Math.min(Math.max(1, delta), stack.length - 1);
    for (let i = 0; i < n; i++) {
      const top = stack.pop();
      if (!top) break;
      if (i === 0) hide(top);
      if (!isTab(top.route)) destroy(top);
    }
    const cur = router.current();
    if (cur) show(cur);
  },
  switchTab(url: string): void {
    const { route } = parseUrl(url);
    if (!isTab(route)) throw new Error(`switchTab:fail can not switch to no-tabBar page "${route}"`);
    hide(router.current());
    while (stack.length) {
      const top = stack.pop() as PageRecord;
      if (!isTab(top.route)) destroy(top);
    }
    const rec = openTab(route);
    stack.push(rec);
    show(rec);
  },
  reLaunch(url: string): void {
    const { route, query } = parseUrl(url);
    if (!isPage(route)) throw new Error(`reLaunch:fail page "${route}" is not found`);
    hide(router.current());
    while (stack.length) destroy(stack.pop() as PageRecord);
    for (const rec of tabPages.values()) if (!stack.includes(rec) && rec.root.dom?.isConnected) destroy(rec);
    tabPages.clear();
    const rec = isTab(route) ? openTab(route) : createPage(route, query);
    stack.push(rec);
    show(rec);
  },
  setTitle(title: string): void {
    const cur = router.current();
    if (cur) cur.title = title;
    renderChrome();
  },
};

// ------------------------------------------------------------------ chrome: navigation and tab bar

function renderChrome(): void {
  const cur = router.current();
  const win = manifest.app.window ?? {};
  const nav = el('navbar');
  nav.style.background = String(
    cur ? (manifest.components[cur.route]?.json.navigationBarBackgroundColor ?? win.navigationBarBackgroundColor ?? '#fff') : '#fff',
  );
  nav.classList.toggle('navbar--white', (win.navigationBarTextStyle ?? 'black') === 'white');
  el('nav-title').textContent = cur?.title ?? '';
  el('nav-back').style.visibility = stack.length > 1 ? 'visible' : 'hidden';
  el('statusbar').style.background = nav.style.background;
  el('statusbar').classList.toggle('statusbar--white', (win.navigationBarTextStyle ?? 'black') === 'white');

  const tabBar = manifest.app.tabBar;
  const bar = el('tabbar');
  const onTab = Boolean(cur && tabBar && isTab(cur.route));
  bar.style.display = onTab ? 'flex' : 'none';
  el('phone').classList.toggle('phone--tabbar', onTab);
  if (!tabBar || !onTab) return;
  bar.innerHTML = '';
  bar.style.background = tabBar.backgroundColor ?? '#fff';
  tabBar.list.forEach((item, i) => {
    const b = document.createElement('button');
    const active = cur?.route === item.pagePath;
    b.className = `tabbar__item${active ? ' tabbar__item--active' : ''}`;
    b.style.color = active ? (tabBar.selectedColor ?? '#07c160') : (tabBar.color ?? '#666');
    b.dataset.index = String(i);
    const src = active ? (item.selectedIconPath ?? item.iconPath) : item.iconPath;
    const icon = document.createElement(src ? 'img' : 'span');
    icon.className = src ? 'tabbar__img' : `tabbar__icon tabbar__icon--${i}`;
    if (src && icon instanceof HTMLImageElement) icon.src = `/${src}`;
    const text = document.createElement('span');
    text.className = 'tabbar__text';
    text.textContent = item.text;
    b.append(icon, text);
    b.onclick = () => {
      if (!active) router.switchTab(`/${item.pagePath}`);
    };
    bar.appendChild(b);
  });
}

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
    const button = target.closest('wx-button');
    if (button?.getAttribute('open-type') === 'share') void shareFrom('button');
  });
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

export interface PreviewApi {
  router: typeof router;
  wx: WxShim;
  manifest: Manifest;
  app: Record<string, unknown>;
  ready: boolean;
}

declare global {
  interface Window {
    __preview?: PreviewApi;
  }
}

export function boot(opts: BootOptions): void {
  modules = opts.modules;
  manifest = opts.manifest;
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

  const api: PreviewApi = { router, wx, manifest, app: appInstance, ready: false };
  window.__preview = api;

  const params = new URLSearchParams(window.location.search);
  const start = params.get('page') ?? manifest.app.pages[0];
  const q = params.get('query');
  try {
    router.reLaunch(`/${start}${q ? `?${q}` : ''}`);
  } catch (e) {
    reportError(e);
    router.reLaunch(`/${manifest.app.pages[0]}`);
  }
  api.ready = true;
  renderShell(api);
  if (params.get('automator') !== '0') startAutomatorClient(api);
}

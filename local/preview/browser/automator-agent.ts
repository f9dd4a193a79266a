/**
 * The preview page's side of the automator endpoint: connects to `/automator/page` and executes
 * the `App.*`, `Page.*` and `Element.*` commands of miniprogram-automator against the rendered
 * mini-program. Selectors are WXML selectors (`.entry`, `#state`, `contest-card`) as in DevTools.
 */
import type { JNode } from './components';
import type { PreviewApi } from './boot';
import { reportError, type PageRecord } from './router';

type Params = Record<string, unknown>;
type Handler = (p: Params) => unknown;

interface ExparserLike {
  Event: { dispatchEvent(target: EventTarget, ev: unknown): void; create(name: string, detail: unknown, opts: Record<string, unknown>): unknown };
}

interface ElementRef {
  node: JNode;
  /** The component whose template holds the element (queries are scoped to its shadow tree). */
  owner: JNode;
  pageId: number;
}

const exparser = require('miniprogram-exparser') as ExparserLike;

let api: PreviewApi;
let socket: WebSocket | null = null;
let logEnabled = false;
let elSeq = 0;
const elements = new Map<string, ElementRef>();

function send(frame: Record<string, unknown>): void {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

function emit(method: string, params: Params): void {
  send({ method, params });
}

function fail(message: string): never {
  throw new Error(message);
}

// ------------------------------------------------------------------ helpers

function pageInfo(r: PageRecord) {
  return { pageId: r.pageId, path: r.route, query: { ...r.query } };
}

function findPage(pageId: unknown): PageRecord {
  const found = api.router.stack().find((r) => r.pageId === Number(pageId));
  if (!found) fail(`page ${String(pageId)} is not in the page stack`);
  return found;
}

function getPath(data: unknown, path: unknown): unknown {
  if (typeof path !== 'string' || !path) return data;
  let cur: unknown = data;
  for (const part of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function plain<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function tagOf(node: JNode): string {
  const t = (node.dom?.tagName ?? '').toLowerCase();
  return t.startsWith('wx-') ? t.slice(3) : t;
}

function isCustom(node: JNode): boolean {
  const t = (node.dom?.tagName ?? '').toLowerCase();
  return !t.startsWith('wx-') && t !== 'mp-page-root';
}

function register(node: JNode, owner: JNode, pageId: number) {
  for (const [id, ref] of elements) if (ref.node.dom === node.dom && node.dom) return describe(id, node);
  const id = `e${++elSeq}`;
  elements.set(id, { node, owner, pageId });
  return describe(id, node);
}

function describe(id: string, node: JNode) {
  return isCustom(node) ? { elementId: id, tagName: tagOf(node), nodeId: id } : { elementId: id, tagName: tagOf(node) };
}

function element(p: Params): ElementRef {
  const ref = elements.get(String(p.elementId));
  if (!ref) fail(`element ${String(p.elementId)} is unknown (the page changed?)`);
  if (!ref.node.dom?.isConnected) fail(`element ${String(p.elementId)} is no longer on the page`);
  return ref;
}

const BUILTIN_TAGS = new Set([
  'view',
  'text',
  'button',
  'input',
  'textarea',
  'image',
  'switch',
  'radio',
  'checkbox',
  'radio-group',
  'checkbox-group',
  'label',
  'form',
  'picker',
  'slider',
  'scroll-view',
  'swiper',
  'swiper-item',
  'navigator',
  'canvas',
  'icon',
  'progress',
  'rich-text',
  'map',
  'video',
]);

type ExNode = { ownerShadowRoot?: unknown; shadowRoot?: unknown; __componentNode__?: JNode };
type JComponentCtor = new (node: ExNode) => JNode;
// j-component's node wrapper (the base class of its RootComponent)
const JNodeClass = Object.getPrototypeOf(require('j-component/src/render/component')) as JComponentCtor;

function exNode(node: JNode): ExNode {
  return (node as unknown as { _exparserNode: ExNode })._exparserNode;
}

/**
 * exparser's own querySelector knows classes and ids only; WXML tag selectors (`input`,
 * `view.card`, `contest-card`) are matched on the rendered elements of the owner's template.
 */
function queryByTag(owner: JNode, selector: string): JNode[] | null {
  const m = /^([a-z][a-z0-9-]*)((?:\.[\w-]+)*)(#[\w-]+)?$/.exec(selector.trim());
  if (!m) return null;
  const [, tag, classPart, idPart] = m;
  const classes = classPart.split('.').filter(Boolean);
  const css = BUILTIN_TAGS.has(tag) ? `wx-${tag}` : tag;
  const root = owner.dom;
  if (!root) return [];
  const shadow = exNode(owner).shadowRoot;
  const out: JNode[] = [];
  for (const dom of Array.from(root.querySelectorAll<HTMLElement>(css))) {
    const ex = (dom as unknown as { __wxElement?: ExNode }).__wxElement;
    if (!ex || ex.ownerShadowRoot !== shadow) continue;
    if (idPart && dom.id !== idPart.slice(1)) continue;
    const names = Array.from(dom.classList).map((c) => c.replace(/^.*?--(?=[^-])/, ''));
    if (!classes.every((c) => names.includes(c))) continue;
    out.push(ex.__componentNode__ ?? new JNodeClass(ex));
  }
  return out;
}

function select(owner: JNode, selector: string): JNode[] {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => queryByTag(owner, s) ?? owner.querySelectorAll(s));
}

function queryIn(owner: JNode, within: HTMLElement | null, selector: string): JNode[] {
  const all = select(owner, selector);
  return within ? all.filter((n) => n.dom && n.dom !== within && within.contains(n.dom)) : all;
}

function elementQuery(ref: ElementRef, selector: string): { node: JNode; owner: JNode }[] {
  if (isCustom(ref.node)) return select(ref.node, selector).map((n) => ({ node: n, owner: ref.node }));
  return queryIn(ref.owner, ref.node.dom ?? null, selector).map((n) => ({ node: n, owner: ref.owner }));
}

/** Strips the preview's rendering details: `wx-` tags and class prefixes. */
function cleanMarkup(html: string): string {
  return html.replace(/<(\/?)wx-([a-z-]+)/g, '<$1$2').replace(
    /class="([^"]*)"/g,
    (_m, cls: string) =>
      `class="${cls
        .split(/\s+/)
        .filter(Boolean)
        .map((c) => c.replace(/^.*?--(?=[^-])/, ''))
        .join(' ')}"`,
  );
}

function wxmlClass(dom: HTMLElement): string {
  return Array.from(dom.classList)
    .map((c) => c.replace(/^.*?--(?=[^-])/, ''))
    .join(' ');
}

function dispatchTap(dom: HTMLElement): void {
  const rect = dom.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  let target: Element | null = dom;
  if (rect.width > 0 && rect.height > 0) {
    const hit = document.elementFromPoint(x, y);
    if (hit && dom.contains(hit)) target = hit;
  }
  // elements drawn by the preview itself (a switch's knob) are not in the component tree
  while (target && target !== dom && !(target as { __wxElement?: unknown }).__wxElement) target = target.parentElement;
  exparser.Event.dispatchEvent(
    target as EventTarget,
    exparser.Event.create(
      'tap',
      { x, y },
      { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [{ clientX: x, clientY: y, pageX: x, pageY: y }] } },
    ),
  );
}

function wxFn(name: string): (...args: unknown[]) => unknown {
  const fn = (name.startsWith('cloud.') ? (api.wx.cloud as Record<string, unknown>)[name.slice(6)] : api.wx[name]) as
    ((...args: unknown[]) => unknown) | undefined;
  if (typeof fn !== 'function') fail(`wx.${name} is not available in the preview`);
  return fn;
}

function compile(decl: unknown): (...args: unknown[]) => unknown {
  // The library sends a function's source text; evaluate it in the app's context like DevTools.
  return new Function(`return (${String(decl)});`)() as (...args: unknown[]) => unknown;
}

async function settle(v: unknown): Promise<unknown> {
  return v instanceof Promise ? await v : v;
}

// ------------------------------------------------------------------ commands

const app: Record<string, Handler> = {
  getCurrentPage: () => {
    const cur = api.router.current();
    if (!cur) fail('no page is open');
    return pageInfo(cur);
  },
  getPageStack: () => ({ pageStack: api.router.stack().map(pageInfo) }),
  callWxMethod: async (p) => {
    const method = String(p.method);
    const args = (p.args as unknown[]) ?? [];
    const fn = wxFn(method);
    const result = await settle(fn.apply(api.wx, args));
    return { result: plain(result) };
  },
  mockWxMethod: (p) => {
    const method = String(p.method);
    if (!('result' in p) && !('functionDeclaration' in p)) {
      api.wx.__mocks.delete(method);
      return {};
    }
    const sync = method.endsWith('Sync');
    if ('functionDeclaration' in p) {
      const fn = compile(p.functionDeclaration);
      const extra = (p.args as unknown[]) ?? [];
      api.wx.__mocks.set(method, (opts) => {
        const out = fn.call(api.wx, opts, ...extra);
        if (sync) return out;
        return Promise.resolve(out).then((res) => {
          opts?.success?.(res);
          opts?.complete?.(res);
          return res;
        });
      });
    } else {
      const result = p.result;
      api.wx.__mocks.set(method, (opts) => {
        if (sync) return result;
        opts?.success?.(result);
        opts?.complete?.(result);
        return Promise.resolve(result);
      });
    }
    return {};
  },
  callFunction: async (p) => {
    const fn = compile(p.functionDeclaration);
    const result = await settle(fn(...((p.args as unknown[]) ?? [])));
    return { result: plain(result) };
  },
  captureScreenshot: () => fail('App.captureScreenshot is not available in the web preview: take the screenshot with the browser driver'),
  enableLog: () => {
    logEnabled = true;
    return {};
  },
  addBinding: (p) => {
    const name = String(p.name);
    (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => emit('App.bindingCalled', { name, args: plain(args) });
    return {};
  },
  exit: () => ({}),
};

const page: Record<string, Handler> = {
  getElement: (p) => {
    const rec = findPage(p.pageId);
    const node = select(rec.root, String(p.selector))[0];
    if (!node) fail(`no element matches ${String(p.selector)}`);
    return register(node, rec.root, rec.pageId);
  },
  getElements: (p) => {
    const rec = findPage(p.pageId);
    return { elements: select(rec.root, String(p.selector)).map((n) => register(n, rec.root, rec.pageId)) };
  },
  getData: (p) => ({ data: plain(getPath(findPage(p.pageId).root.instance.data, p.path)) }),
  setData: (p) => {
    findPage(p.pageId).root.instance.setData((p.data as Params) ?? {});
    return {};
  },
  callMethod: async (p) => {
    const inst = findPage(p.pageId).root.instance;
    const fn = inst[String(p.method)];
    if (typeof fn !== 'function') fail(`page has no method ${String(p.method)}`);
    return { result: plain(await settle((fn as (...a: unknown[]) => unknown).apply(inst, (p.args as unknown[]) ?? []))) };
  },
  getWindowProperties: (p) => {
    const host = document.querySelector('.mp-page--active') as HTMLElement | null;
    const props = ((p.names as string[]) ?? []).map((name) => {
      const scroll = /(scrollTop|scrollHeight|scrollWidth|scrollLeft)$/.exec(name);
      if (scroll && host && /^document\.(documentElement|body)\./.test(name)) return host[scroll[1] as 'scrollTop'];
      return plain(getPath(window, name));
    });
    return { properties: props };
  },
  getElementByXpath: () => fail('XPath is not supported by the web preview; use a selector'),
  getElementsByXpath: () => fail('XPath is not supported by the web preview; use a selector'),
};

const el: Record<string, Handler> = {
  getElement: (p) => {
    const ref = element(p);
    const found = elementQuery(ref, String(p.selector))[0];
    if (!found) fail(`no element matches ${String(p.selector)}`);
    return register(found.node, found.owner, ref.pageId);
  },
  getElements: (p) => {
    const ref = element(p);
    return { elements: elementQuery(ref, String(p.selector)).map((f) => register(f.node, f.owner, ref.pageId)) };
  },
  tap: (p) => {
    const dom = element(p).node.dom;
    if (dom) dispatchTap(dom);
    return {};
  },
  triggerEvent: (p) => {
    const dom = element(p).node.dom;
    if (dom) exparser.Event.dispatchEvent(dom, exparser.Event.create(String(p.type), p.detail ?? {}, { bubbles: false, composed: false }));
    return {};
  },
  touchstart: (p) => touch(p, 'touchstart'),
  touchmove: (p) => touch(p, 'touchmove'),
  touchend: (p) => touch(p, 'touchend'),
  dispatchEvent: (p) => {
    const dom = element(p).node.dom;
    dom?.dispatchEvent(new Event(String(p.eventName ?? p.type ?? ''), { bubbles: true }));
    return {};
  },
  getDOMProperties: (p) => {
    const dom = element(p).node.dom as unknown as Record<string, unknown>;
    return { properties: ((p.names as string[]) ?? []).map((n) => plain(dom[n])) };
  },
  getAttributes: (p) => {
    const { node } = element(p);
    const dom = node.dom as HTMLElement;
    return {
      attributes: ((p.names as string[]) ?? []).map((n) => {
        if (n === 'class') return wxmlClass(dom);
        if (n === 'id') return dom.id;
        if (n.startsWith('data-'))
          return dom.getAttribute(n) ?? (dom as unknown as { __wxElement?: { dataset?: Record<string, unknown> } }).__wxElement?.dataset?.[n.slice(5)] ?? null;
        return dom.getAttribute(n);
      }),
    };
  },
  getStyles: (p) => {
    const style = getComputedStyle(element(p).node.dom as HTMLElement);
    return { styles: ((p.names as string[]) ?? []).map((n) => style.getPropertyValue(n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))) };
  },
  getProperties: (p) => {
    const { node } = element(p);
    const data = (node.instance?.data ?? {}) as Params;
    return {
      properties: ((p.names as string[]) ?? []).map((n) => {
        if (n === '__propPublic') return Object.fromEntries(Object.keys(data).map((k) => [k, true]));
        return plain(data[n]);
      }),
    };
  },
  getWXML: (p) => {
    const dom = element(p).node.dom as HTMLElement;
    return { wxml: cleanMarkup(p.type === 'outer' ? dom.outerHTML : dom.innerHTML) };
  },
  getOffset: (p) => {
    const dom = element(p).node.dom as HTMLElement;
    const host = dom.closest('.mp-page') as HTMLElement | null;
    const r = dom.getBoundingClientRect();
    const h = host?.getBoundingClientRect();
    return { left: r.left - (h?.left ?? 0) + (host?.scrollLeft ?? 0), top: r.top - (h?.top ?? 0) + (host?.scrollTop ?? 0) };
  },
  callFunction: (p) => {
    const ref = element(p);
    const name = String(p.functionName);
    const args = (p.args as unknown[]) ?? [];
    const dom = ref.node.dom as HTMLElement;
    if (name === 'input.input' || name === 'textarea.input') {
      const field = dom.querySelector('.wx-field__el') as HTMLInputElement | HTMLTextAreaElement | null;
      if (!field) fail('this element has no input field');
      field.value = String(args[0] ?? '');
      field.dispatchEvent(new Event('input', { bubbles: true }));
      return { result: null };
    }
    if (name === 'switch.tap') {
      dispatchTap(dom);
      return { result: null };
    }
    if (name === 'scroll-view.scrollTo') {
      dom.scrollLeft = Number(args[0] ?? 0);
      dom.scrollTop = Number(args[1] ?? 0);
      return { result: null };
    }
    const m = /^scroll-view\.(scrollTop|scrollLeft|scrollWidth|scrollHeight)$/.exec(name);
    if (m) return { result: dom[m[1] as 'scrollTop'] };
    return fail(`${name} is not supported by the web preview`);
  },
  getData: (p) => ({ data: plain(getPath(element(p).node.instance.data, p.path)) }),
  setData: (p) => {
    element(p).node.instance.setData((p.data as Params) ?? {});
    return {};
  },
  callMethod: async (p) => {
    const inst = element(p).node.instance;
    const fn = inst[String(p.method)];
    if (typeof fn !== 'function') fail(`component has no method ${String(p.method)}`);
    return { result: plain(await settle((fn as (...a: unknown[]) => unknown).apply(inst, (p.args as unknown[]) ?? []))) };
  },
  callContextMethod: () => fail('context methods are not supported by the web preview'),
};

function touch(p: Params, name: string): Params {
  const { node } = element(p);
  const pts = (list: unknown) =>
    ((list as { clientX?: number; clientY?: number; x?: number; y?: number }[]) ?? []).map((t) => ({ x: t.clientX ?? t.x ?? 0, y: t.clientY ?? t.y ?? 0 }));
  node.dispatchEvent(name, { touches: pts(p.touches), changedTouches: pts(p.changedTouches) } as { detail?: unknown });
  return {};
}

const domains: Record<string, Record<string, Handler>> = { App: app, Page: page, Element: el };

async function execute(frame: { id: string; method: string; params: Params }): Promise<void> {
  const [domain, name] = frame.method.split('.');
  const handler = domains[domain]?.[name];
  if (!handler) {
    send({ id: frame.id, error: { message: `${frame.method} is not supported by the web preview` } });
    return;
  }
  try {
    const result = await settle(handler(frame.params ?? {}));
    send({ id: frame.id, result: result ?? {} });
  } catch (e) {
    const message = e instanceof Error ? e.message : typeof e === 'object' && e && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : String(e);
    send({ id: frame.id, error: { message } });
  }
}

function hookConsole(): void {
  for (const type of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const orig = console[type].bind(console);
    console[type] = (...args: unknown[]) => {
      orig(...args);
      if (logEnabled) {
        try {
          emit('App.logAdded', { type, args: plain(args.map((a) => (a instanceof Error ? a.message : a))) });
        } catch {
          emit('App.logAdded', { type, args: args.map(String) });
        }
      }
    };
  }
  window.addEventListener('mp-error', (e) => emit('App.exceptionThrown', { exceptionDetails: { text: String((e as CustomEvent<string>).detail) } }));
  window.addEventListener('error', (e) => emit('App.exceptionThrown', { exceptionDetails: { text: e.message } }));
}

function connect(): void {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${window.location.host}/automator/page`);
  socket = ws;
  ws.onmessage = (m) => {
    try {
      const frame = JSON.parse(String(m.data)) as { id: string; method: string; params: Params };
      void execute(frame);
    } catch (e) {
      reportError(e);
    }
  };
  ws.onclose = () => {
    if (socket === ws) socket = null;
    window.setTimeout(connect, 1000);
  };
}

export function startAutomatorClient(previewApi: PreviewApi): void {
  api = previewApi;
  hookConsole();
  connect();
}

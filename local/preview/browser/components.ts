/**
 * The mini-program's components in the browser: the types of j-component we use, the built-in
 * tags, and loading each page's and component's definition (template compiled by the official
 * wcc, script bundled) when it is first used.
 */
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

export type Method = (...args: unknown[]) => unknown;

export const jComponent = require('j-component') as JComponentLib;

// ------------------------------------------------------------------ component loading

export const BUILTINS = [
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

export function host(node: unknown): HTMLElement | null {
  const el = (node as { $$?: unknown }).$$;
  return el instanceof HTMLElement ? el : null;
}

/** Built-ins with browser behaviour: input, textarea, image, canvas; the rest render their slot. */

function gwxTemplate(path: string): unknown {
  const gwx = window.__gwx;
  if (!gwx) throw new Error('preview: wxml.js not loaded');
  return gwx(`${path}.wxml`);
}

let modules: Record<string, () => unknown> = {};
let manifest: Manifest;

export function loadComponent(path: string, tag: string): string {
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

/**
 * `this.createSelectorQuery()` of a component is `wx.createSelectorQuery().in(this)` on the
 * phone: rects and canvas nodes read from the rendered page (j-component's own answers neither).
 */
let selectorBehavior: unknown;
function componentSelectorQuery(): unknown {
  selectorBehavior ??= jComponent.behavior({
    lifetimes: {
      created(this: Record<string, unknown>) {
        const node = (this._exparserNode as unknown) ?? this;
        const wx = (window as unknown as { wx: { createSelectorQuery(): { in(c: unknown): unknown } } }).wx;
        this.createSelectorQuery = () => wx.createSelectorQuery().in({ _exparserNode: node });
      },
    },
  });
  return selectorBehavior;
}

function registerDefinition(ctx: Loading, options: Record<string, unknown>): void {
  ctx.registered = true;
  const userOptions = (options.options as Record<string, unknown> | undefined) ?? {};
  const behaviors = (options.behaviors as unknown[] | undefined) ?? [];
  jComponent.register({
    id: ctx.id,
    path: ctx.entry.path,
    template: gwxTemplate(ctx.entry.path),
    usingComponents: ctx.using,
    tagName: ctx.entry.isPage ? 'mp-page-root' : ctx.tag,
    ...options,
    behaviors: [componentSelectorQuery(), ...behaviors],
    options: { classPrefix: ctx.entry.prefix, ...userOptions, virtualHost: false },
  });
}

export function installConstructors(): void {
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

/** What boot hands over: the bundled scripts and the manifest of pages and components. */
export function setSources(m: Record<string, () => unknown>, mf: Manifest): void {
  modules = m;
  manifest = mf;
}

export function currentManifest(): Manifest {
  return manifest;
}

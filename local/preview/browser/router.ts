/**
 * The page stack: creating, showing and destroying pages, navigateTo / redirectTo / reLaunch /
 * switchTab / navigateBack, and the chrome around them (navigation bar and tab bar).
 */
import { currentManifest, jComponent, loadComponent, type JRoot, type Method, type PageInstance } from './components';

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
export const stack: PageRecord[] = [];
const tabPages = new Map<string, PageRecord>();

export function el(id: string): HTMLElement {
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

export function call(inst: PageInstance, name: string, ...args: unknown[]): unknown {
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
  const entry = currentManifest().components[route];
  return String(entry?.json.navigationBarTitleText ?? currentManifest().app.window?.navigationBarTitleText ?? '');
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
  return currentManifest().pages.includes(route);
}

export function isTab(route: string): boolean {
  return currentManifest().tabs.includes(route);
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
  const win = currentManifest().app.window ?? {};
  const nav = el('navbar');
  nav.style.background = String(
    cur ? (currentManifest().components[cur.route]?.json.navigationBarBackgroundColor ?? win.navigationBarBackgroundColor ?? '#fff') : '#fff',
  );
  nav.classList.toggle('navbar--white', (win.navigationBarTextStyle ?? 'black') === 'white');
  el('nav-title').textContent = cur?.title ?? '';
  el('nav-back').style.visibility = stack.length > 1 ? 'visible' : 'hidden';
  el('statusbar').style.background = nav.style.background;
  el('statusbar').classList.toggle('statusbar--white', (win.navigationBarTextStyle ?? 'black') === 'white');

  const tabBar = currentManifest().app.tabBar;
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

/**
 * `wx.*` in the browser: navigation through the preview's page stack, storage in localStorage
 * (one box per persona, like one phone each), toast/loading/modal drawn in the phone,
 * scanCode as a dialog listing recent check-in codes, getLocation from the side panel,
 * requestSubscribeMessage recorded and accepted, and wx.cloud.callFunction → the local
 * functions host with the chosen persona's X-Openid.
 */
import * as ui from './ui';
import { settings, recordCode, recentCodes, recordSubscription } from './settings';
import { chooseImages, imageInfo, uploadToStorage, writeFile } from './files';

type Callbacks = { success?: (res: unknown) => void; fail?: (err: { errMsg: string }) => void; complete?: (res: unknown) => void };
type Options = Record<string, unknown> & Callbacks;
type Impl = (opts: Options) => unknown;
export type WxShim = Record<string, unknown> & { cloud: Record<string, unknown>; __calls: WxCall[]; __mocks: Map<string, Impl> };

export interface WxCall {
  api: string;
  args: unknown;
  at: number;
}

interface ExNode {
  $$?: unknown;
  shadowRoot?: { querySelector(sel: string): ExNode | null; querySelectorAll(sel: string): ExNode[] };
}

interface RouterLike {
  current(): { root: unknown } | undefined;
  navigateTo(url: string): void;
  redirectTo(url: string): void;
  navigateBack(delta?: number): void;
  switchTab(url: string): void;
  reLaunch(url: string): void;
  setTitle(title: string): void;
}

/** Wraps an implementation with WeChat's success/fail/complete and promise conventions. */
function asyncApi(name: string, impl: (opts: Options) => unknown): Impl {
  return (opts: Options = {}) => {
    const run = async () => impl(opts);
    const p = run().then(
      (res) => {
        const out = (res && typeof res === 'object' ? { errMsg: `${name}:ok`, ...(res as object) } : { errMsg: `${name}:ok` }) as Record<string, unknown>;
        opts.success?.(out);
        opts.complete?.(out);
        return out;
      },
      (e: unknown) => {
        const errMsg =
          e instanceof Error
            ? e.message.startsWith(name)
              ? e.message
              : `${name}:fail ${e.message}`
            : `${name}:fail ${String((e as { errMsg?: string })?.errMsg ?? e)}`;
        const err = { errMsg };
        opts.fail?.(err);
        opts.complete?.(err);
        throw err;
      },
    );
    if (opts.success || opts.fail || opts.complete) p.catch(() => undefined);
    return p;
  };
}

/** Where the runtime serves a stored file, whatever form its fileID has. */
function storageUrl(fileID: string): string {
  return `/storage/file?fileID=${encodeURIComponent(fileID)}`;
}

function storageKey(key: string): string {
  return `mp:${settings.persona()}:${key}`;
}

function windowInfo() {
  return {
    windowWidth: 375,
    windowHeight: 812 - 44 - 44,
    screenWidth: 375,
    screenHeight: 812,
    pixelRatio: 2,
    statusBarHeight: 44,
    safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 },
    screenTop: 88,
  };
}

export function installWx(deps: { router: RouterLike; reportError(e: unknown): void }): WxShim {
  const { router } = deps;
  const calls: WxCall[] = [];
  const mocks = new Map<string, Impl>();
  let loadingVisible = false;

  const base: Record<string, Impl | unknown> = {
    // navigation
    navigateTo: asyncApi('navigateTo', (o) => router.navigateTo(String(o.url))),
    redirectTo: asyncApi('redirectTo', (o) => router.redirectTo(String(o.url))),
    navigateBack: asyncApi('navigateBack', (o) => router.navigateBack(Number(o.delta ?? 1))),
    switchTab: asyncApi('switchTab', (o) => router.switchTab(String(o.url))),
    reLaunch: asyncApi('reLaunch', (o) => router.reLaunch(String(o.url))),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', (o) => router.setTitle(String(o.title ?? ''))),
    setNavigationBarColor: asyncApi('setNavigationBarColor', () => undefined),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => undefined),
    startPullDownRefresh: asyncApi('startPullDownRefresh', () => undefined),
    pageScrollTo: asyncApi('pageScrollTo', (o) => {
      const host = document.querySelector('.mp-page--active');
      if (host) host.scrollTop = Number(o.scrollTop ?? 0);
    }),

    // storage
    getStorageSync: (key: string): unknown => {
      const raw = localStorage.getItem(storageKey(key));
      if (raw === null) return '';
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return '';
      }
    },
    setStorageSync: (key: string, value: unknown) => localStorage.setItem(storageKey(key), JSON.stringify(value)),
    removeStorageSync: (key: string) => localStorage.removeItem(storageKey(key)),
    clearStorageSync: () => {
      const prefix = storageKey('');
      Object.keys(localStorage)
        .filter((k) => k.startsWith(prefix))
        .forEach((k) => localStorage.removeItem(k));
    },
    getStorage: asyncApi('getStorage', (o) => {
      const raw = localStorage.getItem(storageKey(String(o.key)));
      if (raw === null) throw new Error('getStorage:fail data not found');
      return { data: JSON.parse(raw) as unknown };
    }),
    setStorage: asyncApi('setStorage', (o) => localStorage.setItem(storageKey(String(o.key)), JSON.stringify(o.data))),
    removeStorage: asyncApi('removeStorage', (o) => localStorage.removeItem(storageKey(String(o.key)))),

    // system
    getSystemInfoSync: () => ({
      ...windowInfo(),
      SDKVersion: '3.6.0',
      version: '8.0.50',
      platform: 'devtools',
      system: 'iOS 17.0',
      brand: 'preview',
      model: 'iPhone (预览)',
      language: 'zh_CN',
      fontSizeSetting: settings.fontSize(),
      theme: 'light',
    }),
    getWindowInfo: () => windowInfo(),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 17.0', brand: 'preview', model: 'iPhone (预览)', pixelRatio: 2 }),
    getAppBaseInfo: () => ({
      SDKVersion: '3.6.0',
      version: '8.0.50',
      language: 'zh_CN',
      fontSizeSetting: settings.fontSize(),
      theme: 'light',
      enableDebug: false,
    }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0000000000000000', envVersion: 'develop', version: '' } }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 50, right: 365, bottom: 82, left: 278 }),
    getSystemInfo: asyncApi('getSystemInfo', () => (base.getSystemInfoSync as () => object)()),
    canIUse: () => true,
    nextTick: (fn: () => void) => Promise.resolve().then(fn),
    onAppShow: () => undefined,
    offAppShow: () => undefined,
    onAppHide: () => undefined,
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,
    reportAnalytics: () => undefined,
    getUpdateManager: () => ({
      onCheckForUpdate: () => undefined,
      onUpdateReady: () => undefined,
      onUpdateFailed: () => undefined,
      applyUpdate: () => undefined,
    }),
    getLaunchOptionsSync: () => ({ path: '', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: '', query: {}, scene: 1001 }),

    // interaction
    showToast: asyncApi('showToast', (o) => {
      loadingVisible = false;
      ui.showToast({
        title: String(o.title ?? ''),
        icon: (o.icon as ui.ToastOptions['icon']) ?? 'success',
        duration: Number(o.duration ?? 1500),
        mask: Boolean(o.mask),
      });
    }),
    hideToast: asyncApi('hideToast', () => ui.hideToast()),
    showLoading: asyncApi('showLoading', (o) => {
      loadingVisible = true;
      ui.showToast({ title: String(o.title ?? ''), icon: 'loading', mask: Boolean(o.mask) }, true);
    }),
    hideLoading: asyncApi('hideLoading', () => {
      if (loadingVisible) ui.hideToast();
      loadingVisible = false;
    }),
    showModal: asyncApi('showModal', (o) => ui.showModal(o as ui.ModalOptions)),
    showActionSheet: asyncApi('showActionSheet', async (o) => {
      const idx = await ui.showActionSheet((o.itemList as string[]) ?? [], o.alertText as string | undefined);
      if (idx === null) throw new Error('showActionSheet:fail cancel');
      return { tapIndex: idx };
    }),
    vibrateShort: asyncApi('vibrateShort', () => undefined),
    vibrateLong: asyncApi('vibrateLong', () => undefined),
    setKeepScreenOn: asyncApi('setKeepScreenOn', (o) => {
      document.body.dataset.keepScreenOn = String(Boolean(o.keepScreenOn));
    }),
    setScreenBrightness: asyncApi('setScreenBrightness', () => undefined),
    setClipboardData: asyncApi('setClipboardData', async (o) => {
      try {
        await navigator.clipboard.writeText(String(o.data ?? ''));
      } catch {
        // clipboard permission missing in this browser: still report as WeChat does
      }
      ui.showToast({ title: '内容已复制', icon: 'none' });
    }),
    getClipboardData: asyncApi('getClipboardData', async () => ({ data: await navigator.clipboard.readText().catch(() => '') })),
    makePhoneCall: asyncApi('makePhoneCall', async (o) => {
      const r = await ui.showModal({ title: '拨打电话', content: String(o.phoneNumber ?? ''), confirmText: '呼叫' });
      if (!r.confirm) throw new Error('makePhoneCall:fail cancel');
    }),
    openLocation: asyncApi('openLocation', async (o) => {
      await ui.showModal({
        title: String(o.name ?? '位置'),
        content: `${String(o.address ?? '')}\n纬度 ${String(o.latitude)}，经度 ${String(o.longitude)}`,
        showCancel: false,
        confirmText: '知道了',
      });
    }),
    getLocation: asyncApi('getLocation', () => {
      const loc = settings.location();
      return { latitude: loc.latitude, longitude: loc.longitude, accuracy: 30, speed: 0, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 30 };
    }),
    getSetting: asyncApi('getSetting', () => ({ authSetting: { 'scope.userLocation': true, 'scope.writePhotosAlbum': true } })),
    authorize: asyncApi('authorize', () => undefined),
    openSetting: asyncApi('openSetting', () => ({ authSetting: {} })),
    scanCode: asyncApi('scanCode', async () => {
      const text = await ui.showScanDialog(recentCodes());
      if (text === null) throw new Error('scanCode:fail cancel');
      return { result: text, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: btoa(unescape(encodeURIComponent(text))) };
    }),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o) => {
      const ids = (o.tmplIds as string[]) ?? [];
      const res: Record<string, string> = {};
      for (const id of ids) res[id] = 'accept';
      recordSubscription(ids);
      return res;
    }),
    login: asyncApi('login', () => ({ code: `preview-${settings.persona()}` })),
    checkSession: asyncApi('checkSession', () => undefined),
    saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', (o) => {
      const a = document.createElement('a');
      a.href = String(o.filePath ?? '');
      a.download = 'poster.png';
      a.click();
    }),
    // A download keeps the URL as its temp file path; only a reachable file counts (the storage rule may refuse it).
    downloadFile: asyncApi('downloadFile', async (o) => {
      const url = String(o.url ?? '');
      const res = await fetch(url, { method: 'HEAD' }).catch(() => undefined);
      if (!res || !res.ok) throw new Error(`downloadFile:fail ${res ? res.status : 'network error'}`);
      return { tempFilePath: url, statusCode: res.status };
    }),
    // WeChat's document viewer: the browser saves the file instead.
    openDocument: asyncApi('openDocument', (o) => {
      const a = document.createElement('a');
      a.href = String(o.filePath ?? '');
      a.download = `export.${String(o.fileType ?? 'xlsx')}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }),
    previewImage: asyncApi('previewImage', (o) => {
      const urls = ((o.urls as string[]) ?? []).map(String);
      if (!urls.length) throw new Error('previewImage:fail parameter error: urls is empty');
      ui.showImages(urls, String(o.current ?? urls[0]));
    }),
    chooseMedia: asyncApi('chooseMedia', async (o) => {
      const picked = await chooseImages(Math.max(1, Math.min(20, Number(o.count ?? 9))));
      if (!picked) throw new Error('chooseMedia:fail cancel');
      return { tempFiles: picked, type: 'image' };
    }),
    getImageInfo: asyncApi('getImageInfo', async (o) => imageInfo(String(o.src ?? ''))),
    showShareMenu: asyncApi('showShareMenu', () => undefined),
    hideShareMenu: asyncApi('hideShareMenu', () => undefined),
    canvasToTempFilePath: asyncApi('canvasToTempFilePath', (o) => {
      const canvas = (o.canvas as HTMLCanvasElement | undefined) ?? document.querySelector('.mp-page--active canvas');
      if (!(canvas instanceof HTMLCanvasElement)) throw new Error('canvasToTempFilePath:fail canvas not found');
      return { tempFilePath: canvas.toDataURL('image/png') };
    }),
    createSelectorQuery: () => selectorQuery(() => (router.current()?.root as { _exparserNode?: ExNode } | undefined)?._exparserNode),
    getFileSystemManager: () => ({
      readFileSync: () => '',
      writeFileSync: (filePath: string, data: string, encoding?: string) => writeFile(filePath, data, encoding),
      writeFile: (o: Options) => asyncApi('writeFile', (w) => writeFile(String(w.filePath), String(w.data ?? ''), w.encoding as string | undefined))(o),
    }),
    env: { USER_DATA_PATH: 'wxfile://usr' },
  };

  const cloud = {
    init: () => undefined,
    callFunction: asyncApi('cloud.callFunction', async (o) => {
      const name = String(o.name);
      const data = (o.data as Record<string, unknown>) ?? {};
      const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': settings.persona(), ...(settings.now() ? { 'x-now': settings.now() } : {}) },
        body: JSON.stringify(data),
      }).catch(() => {
        throw new Error('cloud.callFunction:fail network error');
      });
      const result = (await res.json()) as unknown;
      if (name === 'checkin' && data.action === 'token' && result && typeof result === 'object' && (result as { ok?: boolean }).ok) {
        const token = (result as { data: { token: string } }).data.token;
        recordCode(token, `签到码 · 活动 ${String(data.activityId ?? '').slice(-6)}`);
      }
      return { result, requestID: String(Date.now()) };
    }),
    uploadFile: asyncApi('cloud.uploadFile', (o) => uploadToStorage(String(o.cloudPath ?? ''), String(o.filePath ?? ''))),
    getTempFileURL: asyncApi('cloud.getTempFileURL', (o) => ({
      fileList: ((o.fileList as string[]) ?? []).map((f) => ({ fileID: f, tempFileURL: storageUrl(f) })),
    })),
    downloadFile: asyncApi('cloud.downloadFile', (o) => ({ tempFilePath: storageUrl(String(o.fileID ?? '')) })),
  };

  // every API records its calls; automator mocks take precedence
  const wx: WxShim = { __calls: calls, __mocks: mocks, cloud } as WxShim;
  for (const [name, value] of Object.entries(base)) {
    if (typeof value !== 'function') {
      wx[name] = value;
      continue;
    }
    const fn = value as Impl;
    wx[name] = (...args: unknown[]) => {
      calls.push({ api: name, args: args[0], at: Date.now() });
      if (calls.length > 500) calls.splice(0, calls.length - 500);
      const mock = mocks.get(name);
      return (mock ?? fn)(...(args as [Options]));
    };
  }
  const rawCall = cloud.callFunction;
  cloud.callFunction = (opts: Options) => {
    calls.push({ api: 'cloud.callFunction', args: opts && { name: opts.name, data: opts.data }, at: Date.now() });
    const mock = mocks.get('cloud.callFunction');
    return (mock ?? rawCall)(opts);
  };
  // APIs the preview does not model answer like a successful no-op (and say so once in the
  // console) instead of breaking the page.
  const warned = new Set<string>();
  const shim = new Proxy(wx, {
    get(target, prop, receiver) {
      if (typeof prop !== 'string' || prop in target || !/^[a-z]/.test(prop)) return Reflect.get(target, prop, receiver) as unknown;
      return (opts?: Options) => {
        if (!warned.has(prop)) {
          warned.add(prop);
          console.warn(`[preview] wx.${prop} is not modelled by the web preview: answered as a no-op`);
        }
        calls.push({ api: prop, args: opts, at: Date.now() });
        const mock = mocks.get(prop);
        if (mock) return mock(opts ?? {});
        if (prop.endsWith('Sync')) return undefined;
        const res = { errMsg: `${prop}:ok` };
        opts?.success?.(res);
        opts?.complete?.(res);
        return Promise.resolve(res);
      };
    },
  });
  (window as unknown as { wx: WxShim }).wx = shim;
  return shim;
}

/**
 * wx.createSelectorQuery: selectors (ids, classes) resolved in the component tree of the active
 * page, or of the component given to `.in()`; rects, scroll offsets and canvas nodes read from
 * the rendered elements.
 */
function selectorQuery(pageNode: () => ExNode | undefined) {
  const tasks: (() => unknown)[] = [];
  let scope: ExNode | undefined;
  const dom = (n: ExNode | null | undefined): Element | null => (n && n.$$ instanceof Element ? n.$$ : null);
  const find = (sel: string, all: boolean) => (): Element | Element[] | null => {
    const root = (scope ?? pageNode())?.shadowRoot;
    if (!root) return all ? [] : null;
    return all
      ? root
          .querySelectorAll(sel)
          .map(dom)
          .filter((e): e is Element => e !== null)
      : dom(root.querySelector(sel));
  };
  const rect = (e: Element | null) => {
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height, id: e.id, dataset: {} };
  };
  const q = {
    in: (component: unknown) => {
      scope = (component as { _exparserNode?: ExNode } | undefined)?._exparserNode;
      return q;
    },
    select: (sel: string) => nodesRef(find(sel, false)),
    selectAll: (sel: string) => nodesRef(find(sel, true)),
    selectViewport: () => nodesRef(() => document.querySelector('.mp-page--active')),
    exec: (cb?: (res: unknown[]) => void) => {
      const res = tasks.map((t) => t());
      if (cb) setTimeout(() => cb(res), 0);
      return res;
    },
  };
  function nodesRef(get: () => Element | Element[] | null) {
    const each = (fn: (e: Element | null) => unknown) => () => {
      const got = get();
      return Array.isArray(got) ? got.map(fn) : fn(got);
    };
    return {
      boundingClientRect: () => {
        tasks.push(each(rect));
        return q;
      },
      scrollOffset: () => {
        tasks.push(each((e) => ({ scrollTop: e?.scrollTop ?? 0, scrollLeft: e?.scrollLeft ?? 0 })));
        return q;
      },
      fields: (f: { node?: boolean; size?: boolean; rect?: boolean }) => {
        tasks.push(
          each((e) => {
            if (!e) return null;
            const out: Record<string, unknown> = { ...(f.size || f.rect ? rect(e) : {}) };
            if (f.node) out.node = e.querySelector('canvas') ?? e;
            return out;
          }),
        );
        return q;
      },
      node: () => {
        tasks.push(each((e) => (e ? { node: e.querySelector('canvas') ?? e } : null)));
        return q;
      },
    };
  }
  return q;
}

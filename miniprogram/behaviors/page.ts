/**
 * Shared by every page: applies 长辈模式 to the page root. A page's root element is
 * `<view class="page {{elderClass}}">`; the theme (styles/theme.wxss) enlarges text and touch
 * targets under `.elder`. Pages already open follow a switch made elsewhere at once.
 *
 * Pages that load their content into `state-view` also use `loadInto` for `load()` and
 * `loadBehavior` (or `reloadOnShowBehavior`) for 重新加载 and pull-down refresh.
 */
import { isElderMode, onElderModeChange } from '../utils/elder';
import { isCloudError } from '../services/cloud';
import type { ViewState } from '../components/state-view/index';

const unsubscribers = new WeakMap<object, () => void>();

export const pageBehavior = Behavior({
  data: { elder: false, elderClass: '' },
  lifetimes: {
    attached() {
      const apply = (on: boolean) => this.setData({ elder: on, elderClass: on ? 'elder' : '' });
      apply(isElderMode());
      unsubscribers.set(this, onElderModeChange(apply));
    },
    detached() {
      unsubscribers.get(this)?.();
      unsubscribers.delete(this);
    },
  },
});

/** What `state-view` shows around a page's content. */
export interface LoadState {
  state: ViewState;
  errorText: string;
}

/** A page whose `load()` fills its content and `state`. */
export interface LoadingPage {
  data: { state: ViewState };
  setData(data: Partial<LoadState>): void;
  load(): Promise<void>;
}

/** The error state's text: callCloud's zh-CN message, else a plain line. */
export function loadErrorText(e: unknown): string {
  return isCloudError(e) ? e.message : '加载失败了';
}

/**
 * One load of a page: the spinner, then `fill` (fetch and set the content, including `state`);
 * any failure becomes the error state. By default the spinner shows only while no content is up,
 * so a refresh keeps the page readable; `spinner` overrides that.
 */
export async function loadInto(page: Omit<LoadingPage, 'load'>, fill: () => Promise<void>, options: { spinner?: boolean } = {}): Promise<void> {
  if (options.spinner ?? page.data.state !== 'ready') page.setData({ state: 'loading' });
  try {
    await fill();
  } catch (e) {
    page.setData({ state: 'error', errorText: loadErrorText(e) });
  }
}

/** The first load of a page opened with an id; without one, the error state says what is missing. */
export function loadIfGiven(page: LoadingPage, id: string, missingText: string): void {
  if (id) void page.load();
  else page.setData({ state: 'error', errorText: missingText });
}

// `this: LoadingPage`: behaviors cannot see the page's own methods; every page using these has `load()`.
/** 重新加载 (state-view's retry) and pull-down refresh (where the page's JSON enables it). */
export const loadBehavior = Behavior({
  methods: {
    onRetry(this: LoadingPage) {
      void this.load();
    },
    onPullDownRefresh(this: LoadingPage) {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
  },
});

/** Edit forms: `<input data-field="title" bindinput="onInput">` writes `form.title`. */
export const formBehavior = Behavior({
  methods: {
    onInput(e: WechatMiniprogram.Input<Record<string, never>, { field: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
  },
});

/** `loadBehavior`, and coming back to the page reloads what it shows (e.g. after signing up elsewhere). */
export const reloadOnShowBehavior = Behavior({
  behaviors: [loadBehavior],
  methods: {
    onShow(this: LoadingPage) {
      if (this.data.state === 'ready') void this.load();
    },
  },
});

/** `loadBehavior` for a page about one contest: opened with `contestId`, it loads; without, it says what is missing. */
export const contestPageBehavior = Behavior({
  behaviors: [loadBehavior],
  methods: {
    onLoad(this: LoadingPage & { setData(data: { contestId: string }): void }, query: Record<string, string | undefined>) {
      this.setData({ contestId: query.contestId ?? '' });
      loadIfGiven(this, query.contestId ?? '', '没有找到这个评选');
    },
  },
});

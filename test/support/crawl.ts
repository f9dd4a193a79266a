/**
 * Finding dead controls in the preview: every element a person can tap (a tap, click or change
 * handler on it, or a share button or navigator) is clicked at its centre with the real mouse,
 * and must do something observable — navigate, open a dialog, sheet or toast, change the page's
 * data, or call a `wx` API (a cloud call included). What does nothing is dead.
 */
import type { Page } from 'playwright-core';

export interface Tappable {
  index: number;
  label: string;
}

/** In the page: marks and lists the visible, enabled tappable elements of the current page. */
export async function tappables(page: Page): Promise<Tappable[]> {
  return page.evaluate(() => {
    type WxEl = { __wxEvents?: Record<string, unknown> };
    const root = document.getElementById('event-sandbox') ?? document.querySelector('#pages > :last-child');
    if (!root) return [];
    const all = Array.from(root.querySelectorAll<HTMLElement>('*'));
    const found: { index: number; label: string }[] = [];
    let n = 0;
    for (const el of all) {
      const events = (el as unknown as { __wxElement?: WxEl }).__wxElement?.__wxEvents ?? {};
      const handled = ['tap', 'click', 'change'].some((name) => name in events);
      const native = el.tagName === 'WX-NAVIGATOR' || (el.tagName === 'WX-BUTTON' && el.getAttribute('open-type') === 'share');
      if (!handled && !native) continue;
      if (el.closest('[disabled]') || /disabled/.test(String(el.className))) continue;
      // A library button (t-button) switched off: TDesign marks its inner button `…--disabled`, greys
      // it out and ignores taps, on the phone too (e.g. 报名已截止 once sign-ups close).
      if (el.tagName.startsWith('T-') && el.querySelector('[class*="--disabled"]')) continue;
      // Inside a library component (TDesign's t-*): its own handlers, reached through its host.
      let up = el.parentElement;
      while (up && up !== root && !up.tagName.startsWith('T-')) up = up.parentElement;
      if (up && up !== root) continue;
      // The chip or tab already chosen: choosing it again rightly changes nothing.
      if (/--on\b|--active\b|is-active/.test(String(el.className))) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      el.setAttribute('data-crawl', String(n));
      found.push({ index: n, label: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24) || el.tagName.toLowerCase() });
      n++;
    }
    return found;
  });
}

/** A fingerprint of what a tap could change: route stack, page data, overlays, wx calls. */
async function state(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __preview: { router: { current(): { route: string; root: { instance: { data: unknown } } } | undefined } };
      __crawlCalls?: number;
      __eventLog?: string[];
    };
    const cur = w.__preview.router.current();
    const pages = document.querySelectorAll('#pages > *').length;
    const overlay = document.getElementById('overlay')?.innerHTML.length ?? 0;
    let data = '';
    try {
      data = JSON.stringify(cur?.root.instance.data);
    } catch {
      data = 'unserialisable';
    }
    return JSON.stringify([cur?.route, pages, data, overlay, w.__crawlCalls ?? 0, w.__eventLog?.length ?? 0]);
  });
}

/** Counts every wx API call from now on (wx.cloud.* included). */
export async function countWxCalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { wx: Record<string, unknown>; __crawlCalls: number; __crawlWrapped?: boolean };
    if (w.__crawlWrapped) return;
    w.__crawlWrapped = true;
    w.__crawlCalls = 0;
    const wrap = (obj: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(obj)) {
        if (typeof v !== 'function' || /^(get|can|on|off)/.test(k) || k === 'nextTick') continue;
        obj[k] = (...args: unknown[]) => {
          w.__crawlCalls++;
          return (v as (...a: unknown[]) => unknown).apply(obj, args);
        };
      }
    };
    wrap(w.wx);
    if (w.wx.cloud && typeof w.wx.cloud === 'object') wrap(w.wx.cloud as Record<string, unknown>);
  });
}

/** Clicks the tappable `index` at its centre; true when something observable happened. */
export async function tapHasEffect(page: Page, index: number): Promise<boolean> {
  const target = page.locator(`[data-crawl="${index}"]`).first();
  if ((await target.count()) === 0) return true; // gone after an earlier tap: nothing to judge
  await target.scrollIntoViewIfNeeded().catch(() => undefined);
  const box = await target.boundingBox();
  if (!box) return true;
  const before = await state(page);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(60);
    if ((await state(page)) !== before) return true;
  }
  return false;
}

/** Closes whatever a tap opened over the page (dialogs, sheets, toasts). */
export async function clearOverlay(page: Page): Promise<void> {
  await page.evaluate(() => {
    const overlay = document.getElementById('overlay');
    if (overlay) overlay.innerHTML = '';
  });
}

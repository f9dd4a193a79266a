/**
 * No dead controls: every page of app.json, opened with the demo's ids, as the people who use it
 * (two residents on the main pages, the organizer and the admin on theirs), in the normal look
 * and in 长辈模式 — every tappable thing is clicked in the preview and must do something
 * observable (support/crawl.ts). Shown first to catch the roster's old dead-button markup.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { journeyGate } from '../support/browser';
import { ELDER_KEY, personaFor, sampleQuery, settle } from '../support/demo-pages';
import { clearOverlay, countWxCalls, tapHasEffect, tappables } from '../support/crawl';
import { CHILD_TEMPLATE } from '../support/event-cases';
import { pagesOf, type AppJson } from '../../local/preview/browser/manifest';

const ROOT = path.resolve(__dirname, '..', '..');
const { journey, title, start } = journeyGate(['contest', 'vote', 'activity', 'checkin', 'role', 'report', 'notify'], { previewOnly: true });

/** The people who open a page: a page of the main package is for residents. */
function personasOf(route: string): string[] {
  const p = personaFor(route);
  return p === 'resident-a' ? ['resident-a', 'resident-b'] : [p];
}

async function open(page: Page, base: string, route: string, persona: string, query: string, elder: boolean): Promise<void> {
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`mp:${persona}:${ELDER_KEY}`, JSON.stringify(elder)] as const);
  await page.goto(`${base}/?shot=1&automator=0&persona=${persona}&page=${encodeURIComponent(route)}&query=${encodeURIComponent(query)}`);
  await settle(page);
  await countWxCalls(page);
}

journey(
  title('the crawler catches a view wrapped around a button that re-emits a non-bubbling tap (the old roster markup)'),
  async () => {
    const session = await start({ seed: 'none', persona: 'organizer-1' });
    const page = session.page as Page;
    const deadIn = async (template: string): Promise<string[]> => {
      await page.evaluate(
        ([tpl, child]) =>
          (window as unknown as { __preview: { sandbox(d: unknown): void } }).__preview.sandbox({
            template: tpl,
            handlers: ['outer', 'onBtn'],
            child: { template: child, emits: {} },
          }),
        [template, CHILD_TEMPLATE] as const,
      );
      const dead: string[] = [];
      for (const t of await tappables(page)) if (!(await tapHasEffect(page, t.index))) dead.push(t.label);
      return dead;
    };
    // The old roster markup: the handler on the wrapping view never runs — dead.
    expect((await deadIn('<view class="manual" bindtap="outer"><x-btn /></view>')).length).toBeGreaterThan(0);
    // The fix: the handler on the component that emits — alive.
    expect(await deadIn('<view class="manual"><x-btn bind:tap="onBtn" /></view>')).toEqual([]);
  },
  60_000,
);

journey(
  title('every control on every page does something, for each persona, normal and 长辈模式'),
  async () => {
    const session = await start({ seed: 'demo', persona: 'resident-a' });
    const page = session.page as Page;
    const base = session.runtime?.url ?? '';
    const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8')) as AppJson;
    const dead: string[] = [];
    let tapped = 0;
    const queries = new Map<string, string>();
    for (const route of pagesOf(app)) {
      for (const persona of personasOf(route)) {
        if (!queries.has(persona)) queries.set(persona, await sampleQuery(base, persona));
        const query = queries.get(persona) ?? '';
        for (const elder of [false, true]) {
          await open(page, base, route, persona, query, elder);
          const controls = await tappables(page);
          for (const c of controls) {
            tapped++;
            if (!(await tapHasEffect(page, c.index))) {
              // Maybe an earlier tap on this page already did what this one does: try it on a fresh page.
              await open(page, base, route, persona, query, elder);
              const again = (await tappables(page)).find((t) => t.index === c.index && t.label === c.label);
              if (!again || !(await tapHasEffect(page, again.index))) dead.push(`${route} · ${persona}${elder ? ' · 长辈模式' : ''} · ${c.label}`);
            }
            await clearOverlay(page);
            // A tap that navigated away: back to the page under test, its controls marked afresh.
            const here = await page.evaluate(
              () => (window as unknown as { __preview: { router: { current(): { route: string } | undefined } } }).__preview.router.current()?.route,
            );
            if (here !== route) {
              await open(page, base, route, persona, query, elder);
              await tappables(page);
            }
          }
        }
      }
    }
    if (dead.length) console.warn(`dead controls:\n  ${dead.join('\n  ')}`);
    console.log(`crawler: ${tapped} controls tapped on ${pagesOf(app).length} pages`);
    expect(tapped).toBeGreaterThan(50);
    expect(dead).toEqual([]);
  },
  30 * 60_000,
);

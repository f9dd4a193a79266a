/**
 * WeChat's event model in the preview, checked against WeChat's own component runtime: the same
 * WXML and the same tap run in j-component (as miniprogram-simulate runs it: the taps start at
 * the innermost element and bubble by exparser's rules) and in the web preview in Chromium (a real
 * mouse click at the element's centre), and must call the same handlers in the same order —
 * bind vs catch vs capture, mut-bind, a component's re-emitted tap with and without bubbles.
 */
import { JSDOM } from 'jsdom';
import type { Page } from 'playwright-core';
import { journeyGate } from '../support/browser';
import { CHILD_TEMPLATE, EVENT_CASES, HANDLERS, type EventCase } from '../support/event-cases';

const { journey, title, start } = journeyGate([], { previewOnly: true });

interface SimNode {
  dom: { querySelector(s: string): DomNode | null } | undefined;
  attach(parent: unknown): void;
  detach(): void;
}
interface DomNode {
  parentElement: DomNode | null;
  __wxElement?: unknown;
}

/** j-component needs a DOM: a private one, so this file can also drive a real browser. */
function officialRuntime() {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  for (const k of ['window', 'document', 'Node', 'HTMLElement', 'Element', 'navigator', 'getComputedStyle']) {
    g[k] ??= k === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[k];
  }
  const simulate = require('miniprogram-simulate') as { load(def: Record<string, unknown>): string; render(id: string): SimNode };
  const exparser = require('miniprogram-exparser') as {
    Event: { dispatchEvent(t: unknown, e: unknown): void; create(n: string, d: unknown, o: unknown): unknown };
  };
  return (c: EventCase): string[] => {
    const log: string[] = [];
    const methods = Object.fromEntries(HANDLERS.map((n) => [n, () => log.push(n)]));
    const using: Record<string, string> = {};
    if (c.childEmits) {
      const emits = c.childEmits;
      using['x-btn'] = simulate.load({
        template: CHILD_TEMPLATE,
        methods: {
          press(this: { triggerEvent(n: string, d: unknown, o: unknown): void }) {
            this.triggerEvent('tap', {}, emits);
          },
        },
      });
    }
    const comp = simulate.render(simulate.load({ template: c.template, usingComponents: using, methods }));
    comp.attach((globalThis as unknown as { document: Document }).document.createElement('parent-wrapper'));
    let node = comp.dom?.querySelector('.target') ?? null;
    while (node && !node.__wxElement) node = node.parentElement;
    exparser.Event.dispatchEvent(
      node,
      exparser.Event.create('tap', { x: 0, y: 0 }, { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [] } }),
    );
    comp.detach();
    return log;
  };
}

async function inPreview(page: Page, c: EventCase): Promise<string[]> {
  await page.evaluate((def) => (window as unknown as { __preview: { sandbox(d: unknown): void } }).__preview.sandbox(def), {
    template: c.template,
    handlers: HANDLERS,
    child: c.childEmits ? { template: CHILD_TEMPLATE, emits: c.childEmits } : undefined,
  });
  const box = await page.locator('#event-sandbox .target').first().boundingBox();
  if (!box) throw new Error(`${c.name}: nothing to tap in the preview`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(50);
  return page.evaluate(() => (window as unknown as { __eventLog: string[] }).__eventLog);
}

journey(
  title('the same WXML and taps call the same handlers in WeChat’s component runtime and in the preview'),
  async () => {
    const session = await start({ seed: 'none', persona: 'resident-e' });
    const page = session.page;
    if (!page) throw new Error('the preview page is missing');
    const official = officialRuntime();
    const rows = [];
    for (const c of EVENT_CASES) {
      const expected = official(c);
      if (c.expected) expect({ case: c.name, calls: expected }).toEqual({ case: c.name, calls: c.expected });
      rows.push({ case: c.name, calls: await inPreview(page, c), official: expected });
    }
    for (const row of rows) expect({ case: row.case, calls: row.calls }).toEqual({ case: row.case, calls: row.official });
  },
  120_000,
);

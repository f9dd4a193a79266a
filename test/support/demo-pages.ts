/**
 * Walking the demo's pages in the preview (screenshots, the dead-control crawler): which persona
 * opens a page, the demo ids a page needs, and waiting until a page has settled.
 */
import type { Page } from 'playwright-core';

/** Where the preview keeps each persona's 长辈模式 choice (localStorage, per persona). */
export const ELDER_KEY = 'doorstep.elderMode';

export function personaFor(route: string): string {
  if (route.startsWith('packageAdmin/')) return 'admin-1';
  if (route.startsWith('packageOrganizer/')) return 'organizer-1';
  return 'resident-a';
}

type Envelope = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };

async function call(url: string, fn: string, data: Record<string, unknown>, openid: string): Promise<Envelope> {
  const res = await fetch(`${url}/api/call/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(data),
  });
  return (await res.json()) as Envelope;
}

/** Ids for pages that show one contest, project or activity: the demo's first ones (for an
 * organizer, the first activity they run). */
export async function sampleQuery(url: string, persona: string): Promise<string> {
  const q = new URLSearchParams();
  const contests = await call(url, 'contest', { action: 'list' }, 'resident-a');
  const items = contests.ok ? (contests.data.items as { contestId: string; status: string }[]) : [];
  const contest = items.find((c) => c.status === 'open') ?? items[0];
  if (contest) {
    q.set('contestId', contest.contestId);
    const detail = await call(url, 'contest', { action: 'get', contestId: contest.contestId }, 'resident-a');
    const projects = detail.ok ? (detail.data.projects as { projectId: string }[]) : [];
    if (projects[0]) q.set('projectId', projects[0].projectId);
  }
  const acts = await call(url, 'activity', { action: 'list' }, 'resident-a');
  const list = acts.ok ? (acts.data.items as { activityId: string; startsAt: string }[]) : [];
  let next = list.find((a) => new Date(a.startsAt).getTime() > Date.now()) ?? list[0];
  if (persona === 'organizer-1') {
    for (const a of list) {
      const roster = await call(url, 'activity', { action: 'roster', activityId: a.activityId }, persona);
      if (roster.ok) {
        next = a;
        break;
      }
    }
  }
  if (next) q.set('activityId', next.activityId);
  return q.toString();
}

export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((globalThis as unknown as { __preview?: { ready: boolean } }).__preview?.ready), undefined, { timeout: 30_000 });
  await page
    .waitForFunction(
      () => {
        const p = (globalThis as unknown as { __preview?: { router: { current(): { root: { instance: { data: Record<string, unknown> } } } | undefined } } })
          .__preview;
        const data = p?.router.current()?.root.instance.data ?? {};
        return !Object.values(data).includes('loading') && data.loading !== true;
      },
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => console.warn('  (page still loading after 10 s; taking the picture anyway)'));
  await page.evaluate(async () => {
    await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready;
  });
  await page.waitForTimeout(500);
}

/** Waits until the current page's data at `path` (dots for nesting) equals `value`. */
export async function waitForData(page: Page, path: string, value: unknown): Promise<void> {
  await page.waitForFunction(
    ([p, v]) => {
      const cur = (
        window as unknown as { __preview: { router: { current(): { root: { instance: { data: Record<string, unknown> } } } | undefined } } }
      ).__preview.router.current();
      const got = String(p)
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], cur?.root.instance.data);
      return JSON.stringify(got) === JSON.stringify(v);
    },
    [path, value] as const,
    { timeout: 15_000 },
  );
}

/**
 * The panel beside the phone: persona switcher, system font size, location, links to the
 * service notifications (outbox) and to every page.
 */
import { settings } from './settings';
import type { PreviewApi } from './boot';

const PERSONAS: { openid: string; label: string; hint: string }[] = [
  { openid: 'resident-a', label: '居民 A', hint: 'resident-a' },
  { openid: 'resident-b', label: '居民 B', hint: 'resident-b' },
  { openid: 'organizer-1', label: '组织者', hint: 'organizer-1' },
  { openid: 'admin-1', label: '管理员', hint: 'admin-1' },
];

/** The same pages, for another persona: the open pages travel in the URL (page, query, stack). */
function urlKeepingPages(api: PreviewApi): URL {
  const url = new URL(window.location.href);
  url.searchParams.delete('persona');
  const stack = api.router.stack();
  const asUrl = (r: { route: string; query: Record<string, string> }) => `/${r.route}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`;
  if (stack.length) {
    url.searchParams.set('page', stack[0].route);
    url.searchParams.set('query', new URLSearchParams(stack[0].query).toString());
    url.searchParams.set('stack', JSON.stringify(stack.slice(1).map(asUrl)));
  }
  return url;
}

let demoIds: Promise<string> | undefined;

/**
 * Ids from the demo data for pages that show one contest, project or activity (the page list
 * opens them with these instead of an empty 参数 error): the open contest, its first project,
 * the next activity.
 */
function demoQuery(): Promise<string> {
  demoIds ??= (async () => {
    const call = async (fn: string, data: Record<string, unknown>) => {
      const res = await fetch(`/api/call/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': settings.persona() },
        body: JSON.stringify(data),
      });
      const env = (await res.json()) as { ok: boolean; data?: Record<string, unknown> };
      return env.ok ? (env.data ?? {}) : {};
    };
    const q = new URLSearchParams();
    const contests = ((await call('contest', { action: 'list' })).items ?? []) as { contestId: string; status: string }[];
    const contest = contests.find((c) => c.status === 'open') ?? contests[0];
    if (contest) {
      q.set('contestId', contest.contestId);
      const projects = ((await call('contest', { action: 'get', contestId: contest.contestId })).projects ?? []) as { projectId: string }[];
      if (projects[0]) q.set('projectId', projects[0].projectId);
    }
    const acts = ((await call('activity', { action: 'list' })).items ?? []) as { activityId: string; startsAt: string }[];
    const next = acts.find((a) => Date.parse(a.startsAt) > Date.now()) ?? acts[0];
    if (next) q.set('activityId', next.activityId);
    return q.toString();
  })().catch(() => '');
  return demoIds;
}

export function renderShell(api: PreviewApi): void {
  const side = document.getElementById('side');
  if (!side) return;
  const current = settings.persona();
  const personaBox = document.getElementById('personas');
  if (personaBox) {
    personaBox.innerHTML = '';
    for (const p of PERSONAS) {
      const b = document.createElement('button');
      b.className = `persona${p.openid === current ? ' persona--active' : ''}`;
      b.dataset.openid = p.openid;
      b.innerHTML = `<span class="persona__label"></span><span class="persona__hint"></span>`;
      (b.firstChild as HTMLElement).textContent = p.label;
      (b.lastChild as HTMLElement).textContent = p.hint;
      b.onclick = () => {
        settings.setPersona(p.openid);
        window.location.href = urlKeepingPages(api).toString();
      };
      personaBox.appendChild(b);
    }
  }
  const font = document.getElementById('font-size') as HTMLSelectElement | null;
  if (font) {
    font.value = String(settings.fontSize());
    font.onchange = () => {
      settings.setFontSize(Number(font.value));
      window.location.reload();
    };
  }
  const lat = document.getElementById('lat') as HTMLInputElement | null;
  const lng = document.getElementById('lng') as HTMLInputElement | null;
  if (lat && lng) {
    const loc = settings.location();
    lat.value = String(loc.latitude);
    lng.value = String(loc.longitude);
    const save = () => settings.setLocation({ latitude: Number(lat.value), longitude: Number(lng.value) });
    lat.onchange = save;
    lng.onchange = save;
  }
  const now = document.getElementById('now') as HTMLInputElement | null;
  if (now) {
    now.value = settings.now();
    now.onchange = () => {
      const v = now.value.trim();
      if (v && isNaN(new Date(v).getTime())) {
        now.setCustomValidity('例如 2026-11-24T16:00:00Z');
        now.reportValidity();
        return;
      }
      now.setCustomValidity('');
      settings.setNow(v);
      window.location.reload();
    };
  }
  const pages = document.getElementById('page-links');
  if (pages) {
    pages.innerHTML = '';
    for (const route of api.manifest.pages) {
      const a = document.createElement('button');
      a.className = 'page-link';
      const title = String(api.manifest.components[route]?.json.navigationBarTitleText ?? route);
      a.textContent = title;
      a.title = route;
      a.onclick = () => void demoQuery().then((q) => api.router.reLaunch(`/${route}${q ? `?${q}` : ''}`));
      pages.appendChild(a);
    }
  }
  const errors = document.getElementById('errors');
  window.addEventListener('mp-error', (e) => {
    if (!errors) return;
    const item = document.createElement('pre');
    item.textContent = String((e as CustomEvent<string>).detail).slice(0, 800);
    errors.prepend(item);
    errors.hidden = false;
  });
}

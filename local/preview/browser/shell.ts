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
        const url = new URL(window.location.href);
        url.searchParams.delete('persona');
        window.location.href = url.toString();
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
      a.onclick = () => api.router.reLaunch(`/${route}`);
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

/**
 * The preview's own settings (outside the mini-program): who is using the phone, the system
 * font size, where the phone is; plus codes shown on screens (for 扫一扫) and subscriptions.
 * Kept in localStorage; URL parameters (`persona`, `fontSize`) override for links and screenshots.
 */
const KEYS = {
  persona: 'preview.persona',
  fontSize: 'preview.fontSize',
  location: 'preview.location',
  codes: 'preview.codes',
  subscriptions: 'preview.subscriptions',
  now: 'preview.now',
} as const;

const params = new URLSearchParams(window.location.search);

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  localStorage.setItem(key, JSON.stringify(value));
}

export interface Location {
  latitude: number;
  longitude: number;
}

export const settings = {
  persona(): string {
    return params.get('persona') ?? read(KEYS.persona, 'resident-a');
  },
  setPersona(openid: string): void {
    write(KEYS.persona, openid);
  },
  fontSize(): number {
    const p = params.get('fontSize');
    return p ? Number(p) : read(KEYS.fontSize, 17);
  },
  setFontSize(px: number): void {
    write(KEYS.fontSize, px);
  },
  /** Server clock override for calls (X-Now), e.g. to try a day boundary; empty = real time. */
  now(): string {
    return params.get('now') ?? read(KEYS.now, '');
  },
  setNow(iso: string): void {
    write(KEYS.now, iso);
  },
  location(): Location {
    return read<Location>(KEYS.location, { latitude: 23.2301, longitude: 113.1602 });
  },
  setLocation(loc: Location): void {
    write(KEYS.location, loc);
  },
};

export interface RecentCode {
  text: string;
  label: string;
  at: number;
}

export function recordCode(text: string, label: string): void {
  const list = read<RecentCode[]>(KEYS.codes, []).filter((c) => c.text !== text && c.label !== label);
  list.unshift({ text, label, at: Date.now() });
  write(KEYS.codes, list.slice(0, 6));
}

export function recentCodes(): RecentCode[] {
  return read<RecentCode[]>(KEYS.codes, []);
}

export function recordSubscription(templateIds: string[]): void {
  const list = read<{ persona: string; ids: string[]; at: number }[]>(KEYS.subscriptions, []);
  list.unshift({ persona: settings.persona(), ids: templateIds, at: Date.now() });
  write(KEYS.subscriptions, list.slice(0, 50));
}

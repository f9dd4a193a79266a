/** Shared steps of the activity page tests: find seeded activities, act as residents. */
import type { ActivityView } from '../../typings/activity';
import type { Envelope } from '../../typings/envelope';
import type { Backend, PageComp } from './harness';

export async function call<T>(backend: Backend, openid: string, data: Record<string, unknown>): Promise<T> {
  const env = (await backend.call('activity', data, openid)) as Envelope<T>;
  if (!env.ok) throw new Error(`activity.${String(data.action)} as ${openid}: ${env.code} ${env.message}`);
  return env.data;
}

/** A seeded activity by (part of) its title. */
export async function activityTitled(backend: Backend, title: string): Promise<ActivityView> {
  const { items } = await call<{ items: ActivityView[] }>(backend, 'resident-a', { action: 'list' });
  const found = items.find((a) => a.title.includes(title));
  if (!found) throw new Error(`no seeded activity titled ${title}`);
  return found;
}

/** A fresh activity created by the admin persona (capacity and options as given). */
export async function freshActivity(backend: Backend, over: Record<string, unknown> = {}): Promise<string> {
  const start = Date.now() + 3 * 86_400_000;
  const res = await call<{ activityId: string }>(backend, 'admin-1', {
    action: 'create',
    title: '社区义诊',
    type: '健康服务',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 2 * 3_600_000).toISOString(),
    capacity: 5,
    location: { name: '幸福里社区卫生站', latitude: 23.21, longitude: 113.12 },
    ...over,
  });
  return res.activityId;
}

/** Taps a TDesign button by its host class (`<t-button class="x-button">`): the inner `.t-button` takes taps. */
export async function tapButton(page: PageComp, wrapper: string): Promise<void> {
  const host = page.querySelector(`${wrapper}-button`);
  const button = host?.querySelector('.t-button');
  if (!button) throw new Error(`no button in ${wrapper}`);
  button.dispatchEvent('tap');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

import type { Envelope } from '../../typings/envelope';
import { runtimeTest, usePageHarness } from './harness';
import { freshActivity } from './activity-pages';

const h = usePageHarness();

async function adminCall<T>(fn: string, data: Record<string, unknown>): Promise<T> {
  const env = (await h.backend().call(fn, data, 'admin-1')) as Envelope<T>;
  if (!env.ok) throw new Error(`${fn}.${String(data.action)}: ${env.code}`);
  return env.data;
}

describe('活动 filters (pages/activities)', () => {
  runtimeTest('type chips narrow the list on the server; a project link shows only its activities', async () => {
    const { items } = await adminCall<{ items: { contestId: string }[] }>('contest', { action: 'list' });
    const { projectId } = await adminCall<{ projectId: string }>('contest', {
      action: 'addProject',
      contestId: items[0].contestId,
      title: '长者健康驿站',
      team: '卫生站志愿队',
    });
    await freshActivity(h.backend(), { title: '义诊进小区', type: '健康服务', projectId });

    const page = await h.open('pages/activities/index');
    await h.until(() => page.data.state !== 'loading');
    const chips = (page.data.types as { name: string }[]).map((c) => c.name);
    expect(chips).toEqual(expect.arrayContaining(['全部', '健康服务', '长者课堂']));
    const calls = h.wx.log.calls.length;
    const chip = page.querySelectorAll('.type-chip').find((c) => c.dom?.textContent === '健康服务');
    chip?.dispatchEvent('tap');
    const onlyHealth = () => {
      const cards = page.data.upcoming as { typeText: string }[];
      return cards.length > 0 && cards.every((c) => c.typeText === '健康服务');
    };
    await h.until(onlyHealth);
    expect(h.wx.log.calls[calls].data).toMatchObject({ action: 'list', type: '健康服务' });

    const scoped = await h.open('pages/activities/index');
    (scoped.instance as unknown as { onLoad(q: Record<string, string>): void }).onLoad({ projectId });
    await h.until(() => scoped.data.state === 'ready' && (scoped.data.upcoming as { title: string }[]).length === 1);
    expect((scoped.data.upcoming as { title: string }[])[0].title).toBe('义诊进小区');
    expect(h.html(scoped)).toContain('本项目的活动');
  });
});

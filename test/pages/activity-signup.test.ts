import { STORAGE_KEYS } from '../../miniprogram/config';
import { runtimeTest, usePageHarness, type PageComp } from './harness';
import { call, freshActivity, tapButton } from './activity-pages';

const h = usePageHarness();

function type(page: PageComp, selector: string, value: string): void {
  const el = page.querySelector(selector);
  if (!el) throw new Error(`no ${selector}`);
  el.dispatchEvent('input', { detail: { value } });
}

beforeAll(() => {
  // The subscription dialog: the resident taps 允许 for everything asked.
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.requestSubscribeMessage = (o: { tmplIds: string[]; success?: (r: Record<string, string>) => void }) =>
    o.success?.(Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])));
  wx.getSetting = (o: { success?: (r: { subscriptionsSetting: { itemSettings: Record<string, string> } }) => void }) =>
    o.success?.({ subscriptionsSetting: { itemSettings: {} } });
});

describe('报名表单 (pages/activity-signup)', () => {
  runtimeTest('remembers my name and phone, refuses a wrong number before calling, and signs up', async () => {
    const id = await freshActivity(h.backend());
    h.wx.openid = 'resident-form';
    h.wx.storage.set(STORAGE_KEYS.signupForm, { name: '王阿姨', phone: '13812341234' });
    const page = await h.open('pages/activity-signup/index', { activityId: id });
    await h.until(() => page.data.state === 'ready');
    expect([page.data.name, page.data.phone]).toEqual(['王阿姨', '13812341234']);

    type(page, '.phone', '1381234');
    await tapButton(page, '.submit');
    expect(page.data.error).toBe('请填写正确的11位手机号码');
    expect(h.wx.log.calls.filter((c) => c.data.action === 'signup')).toHaveLength(0);

    type(page, '.name', '王秀英');
    type(page, '.phone', '139 0000 1111');
    const modals = h.wx.log.modals.length;
    await tapButton(page, '.submit');
    await h.until(() => h.wx.log.modals.length > modals);
    expect(h.wx.log.modals[modals].title).toBe('报名成功');
    expect(h.wx.storage.get(STORAGE_KEYS.signupForm)).toEqual({ name: '王秀英', phone: '13900001111' });
    // The grant report runs beside the sign-up (it must not delay it).
    await h.until(() => h.wx.log.calls.some((c) => c.name === 'notify'));
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`).sort()).toEqual(['activity.get', 'activity.signup', 'notify.grant']);
    const view = await call<{ me: { status: string } }>(h.backend(), 'resident-form', { action: 'get', activityId: id });
    expect(view.me.status).toBe('confirmed');
  });

  runtimeTest('为家人报名 starts empty, signs up the family member, and keeps my own details', async () => {
    const id = await freshActivity(h.backend());
    h.wx.openid = 'resident-family';
    h.wx.storage.set(STORAGE_KEYS.signupForm, { name: '王阿姨', phone: '13812341234' });
    const page = await h.open('pages/activity-signup/index', { activityId: id });
    await h.until(() => page.data.state === 'ready');
    page.querySelector('.for-other')?.dispatchEvent('change', { detail: { value: true } });
    await h.until(() => page.data.forOther === true);
    expect([page.data.name, page.data.phone]).toEqual(['', '']);
    type(page, '.name', '李奶奶');
    type(page, '.phone', '13812341234');
    const modals = h.wx.log.modals.length;
    await tapButton(page, '.submit');
    await h.until(() => h.wx.log.modals.length > modals);
    expect(h.wx.storage.get(STORAGE_KEYS.signupForm)).toEqual({ name: '王阿姨', phone: '13812341234' });
    const view = await call<{ me: unknown; family: { name: string; status: string }[] }>(h.backend(), 'resident-family', { action: 'get', activityId: id });
    expect(view.me).toBeNull();
    expect(view.family).toEqual([expect.objectContaining({ name: '李奶奶', status: 'confirmed' })]);
  });

  runtimeTest('asks the activity’s own questions and requires the required ones', async () => {
    const id = await freshActivity(h.backend(), { fields: [{ key: 'meal', label: '是否用餐', kind: 'single', options: ['是', '否'], required: true }] });
    h.wx.openid = 'resident-fields';
    h.wx.storage.set(STORAGE_KEYS.signupForm, { name: '王阿姨', phone: '13812341234' });
    const page = await h.open('pages/activity-signup/index', { activityId: id });
    await h.until(() => page.data.state === 'ready');
    expect(h.html(page)).toContain('是否用餐');
    await tapButton(page, '.submit');
    expect(page.data.error).toBe('请填写「是否用餐」');
    page.querySelector('.choices')?.dispatchEvent('change', { detail: { value: '否' } });
    await h.until(() => (page.data.answers as Record<string, unknown>).meal === '否');
    const modals = h.wx.log.modals.length;
    await tapButton(page, '.submit');
    await h.until(() => h.wx.log.modals.length > modals);
    expect(h.wx.log.modals[h.wx.log.modals.length - 1].title).toBe('报名成功');
  });
});

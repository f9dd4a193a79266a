import { usePageHarness } from './harness';

const h = usePageHarness();
const KEY = 'doorstep.elderMode';

describe('我的 (pages/me) and 长辈模式', () => {
  test('the switch turns 长辈模式 on for this page and is remembered', async () => {
    h.wx.storage.clear();
    const page = await h.open('pages/me/index');
    expect(page.data.elder).toBe(false);
    expect(h.html(page)).not.toMatch(/class="[^"]*main--elder[ "]/);

    const sw = page.querySelector('.elder-box__switch');
    expect(sw).toBeDefined();
    // TDesign's switch emits change with { value }; tap its rendered body
    const body = sw?.querySelector('.t-switch__body');
    expect(body).toBeDefined();
    body?.dispatchEvent('tap');
    await h.until(() => page.data.elder === true);
    expect(h.wx.storage.get(KEY)).toBe(true);
    expect(page.data.elderClass).toBe('elder');
    expect(h.html(page)).toMatch(/^<wx-view class="main--page main--elder">/);
    expect(h.wx.log.toasts.pop()?.title).toContain('已开启长辈模式');
    // the only cloud call: role.me, to decide whether to show the staff entries
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['role.me']);
  });

  test('a page opened later starts in the remembered mode; switching off applies to open pages', async () => {
    h.wx.storage.set(KEY, true);
    const help = await h.open('pages/help/index');
    const me = await h.open('pages/me/index');
    expect(help.data.elder).toBe(true);
    me.querySelector('.elder-box__switch')?.querySelector('.t-switch__body')?.dispatchEvent('tap');
    await h.until(() => me.data.elder === false);
    await h.until(() => help.data.elder === false);
    expect(h.wx.storage.get(KEY)).toBe(false);
  });

  test('staff entries are hidden from a resident', async () => {
    h.wx.openid = 'resident-a';
    const me = await h.open('pages/me/index');
    await h.until(() => h.wx.log.calls.some((c) => c.name === 'role'));
    expect(me.querySelectorAll('.group').length).toBe(1);
    expect(h.html(me)).not.toContain('工作人员入口');
  });

  test('staff entries open the organizer and admin subpackages', async () => {
    const me = await h.open('pages/me/index');
    h.wx.log.navigations.length = 0;
    const onLink = me.instance.onLink as (e: { currentTarget: { dataset: { to: string } } }) => void;
    onLink({ currentTarget: { dataset: { to: 'organizer' } } });
    onLink({ currentTarget: { dataset: { to: 'admin' } } });
    expect(h.wx.log.navigations.map((n) => n.url)).toEqual(['/packageOrganizer/pages/index/index', '/packageAdmin/pages/index/index']);
  });
});

import { usePageHarness } from './harness';

const h = usePageHarness();

test('a large system font size starts the app in 长辈模式 until the resident chooses', async () => {
  h.wx.storage.clear();
  h.wx.fontSizeSetting = 22;
  const page = await h.open('pages/help/index');
  expect(page.data.elder).toBe(true);
  expect(h.html(page)).toMatch(/^<wx-view class="main--page main--elder">/);
  const me = await h.open('pages/me/index');
  expect(me.data.followsSystem).toBe(true);
  expect(h.html(me)).toContain('已按手机的大字体设置自动开启');
});

import { runtimeTest, usePageHarness } from './harness';
import { callAs } from './seed';
import type { SimNode } from './harness';

const h = usePageHarness();

/** TDesign buttons are virtual hosts: tap the .t-button rendered inside. */
async function tapConfirm(page: SimNode): Promise<void> {
  const button = page.querySelector('.accept-btn')?.querySelector('.t-button');
  if (!button) throw new Error('no 确认 button');
  button.dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 0));
}

describe('接受邀请 (packageAdmin/pages/accept)', () => {
  runtimeTest('a scanned invitation fills the code; 确认 makes the invitee an admin; a second use is refused', async () => {
    const backend = h.backend();
    const inv = await callAs(backend, 'admin-1', 'role', 'invite', { role: 'admin', qr: false });
    h.wx.openid = 'invitee-1';
    const page = await h.open('packageAdmin/pages/accept/index', { scene: encodeURIComponent(`inv=${inv.code}`) });
    expect(page.data.code).toBe(inv.code);
    await tapConfirm(page);
    await h.until(() => page.data.done === true);
    expect(h.html(page)).toContain('您已成为管理员');
    expect((await callAs(backend, 'invitee-1', 'role', 'me', {})).isAdmin).toBe(true);

    h.wx.openid = 'invitee-2';
    const again = await h.open('packageAdmin/pages/accept/index', { code: inv.code });
    h.wx.log.toasts.length = 0;
    await tapConfirm(again);
    await h.until(() => h.wx.log.toasts.length > 0);
    expect(again.data.done).toBe(false);
    expect(h.wx.log.toasts[0].title).toContain('已被使用');
  });
});

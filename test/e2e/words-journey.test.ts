/**
 * A finger on the words: in Chromium against the preview, a click on the visible words 手动签到
 * opens its confirmation and checks the resident in; a click on the words of a required
 * single-choice question's option selects it, and 提交报名 signs the resident up. No selector
 * reaches past what a person sees.
 */
import type { Page } from 'playwright-core';
import { journeyGate } from '../support/browser';
import { waitForData } from '../support/demo-pages';

const { journey, title, start } = journeyGate(['activity', 'checkin'], { previewOnly: true });

const HOUR = 3_600_000;

journey(
  title('clicking the words 手动签到 checks the resident in; clicking an option’s words and 提交报名 signs up'),
  async () => {
    const session = await start({ seed: 'none', persona: 'resident-w' });
    const page = session.page as Page;
    const base = session.runtime?.url ?? '';
    const now = Date.now();
    const created = await session.call<{ activityId: string }>('activity', 'admin-1', {
      action: 'create',
      title: '楼道议事会',
      // Starts in 20 minutes: sign-ups still open, the check-in window already open.
      startsAt: new Date(now + 20 * 60_000).toISOString(),
      endsAt: new Date(now + 2 * HOUR).toISOString(),
      capacity: 10,
      fields: [{ key: 'ride', label: '是否需要接送', kind: 'single', required: true, options: ['需要', '不需要'] }],
    });
    expect(created.ok).toBe(true);
    const { activityId } = created.data;

    // The resident signs up: the option is chosen by its words, then 提交报名.
    await page.goto(`${base}/?shot=1&persona=resident-w&page=pages/activity-signup/index&query=${encodeURIComponent(`activityId=${activityId}`)}`);
    await waitForData(page, 'state', 'ready');
    await page.getByPlaceholder('请输入姓名').fill('王阿姨');
    await page.getByPlaceholder('11位手机号码').fill('13812341234');
    await page.getByText('不需要', { exact: true }).first().click();
    await waitForData(page, 'answers.ride', '不需要');
    await page.getByText('提交报名', { exact: true }).first().click();
    // Signed up: the page says so (a toast, then back), and the server agrees.
    let status = '';
    for (let i = 0; i < 50 && status !== 'confirmed'; i++) {
      await page.waitForTimeout(200);
      status = (await session.call<{ me?: { status: string } }>('activity', 'resident-w', { action: 'get', activityId })).data.me?.status ?? '';
    }
    const mine = await session.call<{ me?: { status: string } }>('activity', 'resident-w', { action: 'get', activityId });
    expect(mine.data.me?.status).toBe('confirmed');

    // The organizer checks the resident in from the roster by clicking the words.
    await session.usePersona('admin-1');
    await page.goto(`${base}/?shot=1&persona=admin-1&page=packageOrganizer/pages/roster/index&query=${encodeURIComponent(`activityId=${activityId}`)}`);
    await waitForData(page, 'state', 'ready');
    await page.getByText('手动签到', { exact: true }).first().click();
    await page.locator('.wx-modal__btn--ok').click();
    await page.waitForFunction(() => document.body.textContent?.includes('✓ 已签到'), undefined, { timeout: 15_000 });
    const stats = await session.call<{ checkedIn: number }>('checkin', 'admin-1', { action: 'stats', activityId });
    expect(stats.data.checkedIn).toBe(1);
  },
  120_000,
);

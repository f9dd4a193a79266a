/**
 * Journey written once against miniprogram-automator: a resident signs up for the last seat
 * through the pages, a neighbour joins the waitlist, the resident cancels, and the neighbour
 * finds the seat in 我的活动. Runs against the web preview in headless Chromium (or WeChat
 * DevTools when WX_DEVTOOLS_CLI is set).
 */
import { journeyGate } from '../support/browser';

const { journey, title, start } = journeyGate(undefined, { previewOnly: true });

/** Element.input exists on input elements only; the selector says this one is. */
async function typeInto(el: unknown, value: string): Promise<void> {
  if (!el) throw new Error('input not found');
  await (el as { input(v: string): Promise<void> }).input(value);
}

journey(
  title('resident signs up and cancels; the waitlisted neighbour gets the seat'),
  async () => {
    const session = await start({ seed: 'none', persona: 'resident-a' });
    const startsAt = Date.now() + 3 * 86_400_000;
    const created = await session.call<{ activityId: string }>('activity', 'admin-1', {
      action: 'create',
      title: '楼道花园共建日',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 7_200_000).toISOString(),
      capacity: 1,
      location: { name: '幸福里 5 号楼前' },
    });
    expect(created.ok).toBe(true);
    const activityId = created.data.activityId;
    const mp = session.miniProgram;
    await mp.mockWxMethod('showModal', { confirm: true, cancel: false, errMsg: 'showModal:ok' });

    // The resident signs up through the detail page and the form.
    let page = await mp.reLaunch(`/pages/activity/index?activityId=${activityId}`);
    await page?.waitFor(async () => (await page?.data('state')) === 'ready');
    expect(await page?.data('view.seatsLeftText')).toBe('还剩 1 个名额');
    await (await page?.$('.signup-button'))?.tap();
    await page?.waitFor(async () => (await mp.currentPage())?.path === 'pages/activity-signup/index');
    page = await mp.currentPage();
    await page?.waitFor(async () => (await page?.data('state')) === 'ready');
    await typeInto(await page?.$('.name'), '王阿姨');
    await typeInto(await page?.$('.phone'), '13812341234');
    await (await page?.$('.submit-button'))?.tap();
    await page?.waitFor(async () => (await mp.currentPage())?.path === 'pages/activity/index');
    page = await mp.currentPage();
    await page?.waitFor(async () => (await page?.data('view.myText')) === '已报名');

    // A neighbour arrives after the seat is gone.
    const waiting = await session.call<{ status: string; position: number }>('activity', 'resident-b', {
      action: 'signup',
      activityId,
      form: { name: '赵叔叔', phone: '13912345678' },
    });
    expect(waiting.data).toMatchObject({ status: 'waitlisted', position: 1 });

    // The resident cancels (the confirmation is answered 确认).
    await (await page?.$('.cancel-button'))?.tap();
    await page?.waitFor(async () => (await page?.data('view.signedUp')) === false);

    // The neighbour sees the seat in 我的活动.
    await session.usePersona('resident-b');
    page = await mp.reLaunch('/pages/my-activities/index');
    await page?.waitFor(async () => (await page?.data('state')) !== 'loading');
    const upcoming = (await page?.data('upcoming')) as { title: string; statusText: string }[];
    expect(upcoming).toEqual([expect.objectContaining({ title: '楼道花园共建日', statusText: '已报名' })]);
  },
  120_000,
);

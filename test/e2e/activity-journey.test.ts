/**
 * Journey written once against miniprogram-automator: a resident signs up for the last seat
 * through the pages, a neighbour joins the waitlist, the resident cancels, and the neighbour
 * finds the seat in 我的活动. Runs against the web preview in headless Chromium (or WeChat
 * DevTools when WX_DEVTOOLS_CLI is set).
 */
import { journeyGate, startSession, type Session } from '../support/browser';
import { postJson } from '../support/runtime-process';

const { journey, title } = journeyGate(undefined, { previewOnly: true });

let session: Session | undefined;

afterAll(async () => {
  await session?.close();
}, 60_000);

/** Element.input exists on input elements only; the selector says this one is. */
async function typeInto(el: unknown, value: string): Promise<void> {
  if (!el) throw new Error('input not found');
  await (el as { input(v: string): Promise<void> }).input(value);
}

interface Env<T> {
  ok: boolean;
  data: T;
}

journey(
  title('resident signs up and cancels; the waitlisted neighbour gets the seat'),
  async () => {
    session = await startSession({ seed: 'none', persona: 'resident-a' });
    const url = session.runtime?.url ?? '';
    const call = <T>(openid: string, data: Record<string, unknown>) => postJson(`${url}/api/call/activity`, data, { 'x-openid': openid }) as Promise<Env<T>>;
    const start = Date.now() + 3 * 86_400_000;
    const created = await call<{ activityId: string }>('admin-1', {
      action: 'create',
      title: '楼道花园共建日',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 7_200_000).toISOString(),
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
    const waiting = await call<{ status: string; position: number }>('resident-b', { action: 'signup', activityId, form: { name: '赵叔叔', phone: '13912345678' } });
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

/** 结果公布时通知我: voters who asked hear the contest's result once, when the admin publishes. */
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { delivered, grantAs, tick } from './notify-helpers';
import { DAY2, END, makeContest, vote } from './vote-helpers';

const HOUR = 3_600_000;
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

describe('result published', () => {
  it('tells the voters who asked, once, when the admin publishes', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2, { title: '2026年度家门口微项目评选活动最佳人气奖' });
    for (const r of ['v-1', 'v-2', 'v-3']) expectOk(await vote(rt, contestId, projectIds[0], r));
    await grantAs(rt, 'v-1', { resultPublished: 'accept' }, DAY2, { contestId });
    await grantAs(rt, 'v-2', { resultPublished: 'reject' }, DAY2, { contestId });
    await grantAs(rt, 'v-3', { resultPublished: 'accept' }, DAY2); // asked, but not about this contest
    expect(await grantAs(rt, 'v-4', { resultPublished: 'accept' }, DAY2, { contestId: 'no-such-contest' }).catch((e: Error) => e.message)).toMatch(/NOT_FOUND/);
    const after = new Date(Date.parse(END) + HOUR);
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN, now: after }));
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, { openid: ADMIN, now: after }));
    // Publication enqueues and wakes the sender itself; the timer running twice adds nothing.
    let sent = await delivered(rt, 'v-1');
    for (let i = 0; i < 50 && sent.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent = await delivered(rt, 'v-1');
    }
    expect(sent).toHaveLength(1);
    await Promise.all([tick(rt, after), tick(rt, after)]);
    sent = await delivered(rt, 'v-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ templateId: 'TEMPLATE_ID_RESULT_PUBLISHED', page: `pages/contest/index?id=${contestId}` });
    expect(sent[0].data.thing1.value).toBe('2026年度家门口微项目评选活动最佳人…');
    expect(await delivered(rt, 'v-2')).toHaveLength(0);
    expect(await delivered(rt, 'v-3')).toHaveLength(0);
    // Asking after publication announces nothing more.
    await grantAs(rt, 'v-5', { resultPublished: 'accept' }, after, { contestId });
    await tick(rt, new Date(after.getTime() + 60_000));
    expect(await delivered(rt, 'v-5')).toHaveLength(0);
    expect(await delivered(rt, 'v-1')).toHaveLength(1);
  });
});

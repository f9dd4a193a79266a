/**
 * Notifications through the local runtime: grants, the outbox sender, reminders, with time
 * moved by X-Now. WeChat's side is the emulator's subscribeMessage.send, which records every
 * call (GET /api/outbox) and refuses the OPENIDs in DOORSTEP_REFUSE_OPENIDS with 43101.
 */
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { NOW, HOUR, ORGANIZER, at, createActivity, setUpProject, signUp, type Fixture } from './activity-helpers';
import { delivered, flush, grantAs, grantsLeft, insertMessage, outboxDoc, sendCalls, tick } from './notify-helpers';

const REFUSING = 'r-refuses';
let rt: TestRuntime;
let f: Fixture;

beforeAll(async () => {
  process.env.DOORSTEP_REFUSE_OPENIDS = REFUSING;
  rt = await startTestRuntime();
  f = await setUpProject(rt);
});
afterAll(async () => {
  delete process.env.DOORSTEP_REFUSE_OPENIDS;
  await rt?.stop();
});

describe('grant', () => {
  it('counts accepts per person and template; reject and ban add none; ban is remembered', async () => {
    expect(await grantAs(rt, 'g-1', { signupConfirmed: 'accept', reminder: 'reject', promoted: 'ban' }, NOW)).toEqual({
      grants: { signupConfirmed: 1, reminder: 0, promoted: 0 },
    });
    expect(await grantAs(rt, 'g-1', { signupConfirmed: 'accept', reminder: 'accept' }, NOW)).toEqual({ grants: { signupConfirmed: 2, reminder: 1 } });
    expect(await grantAs(rt, 'g-2', { signupConfirmed: 'accept' }, NOW)).toEqual({ grants: { signupConfirmed: 1 } });
    const mine = expectOk(await rt.api('notify', 'mine', {}, { openid: 'g-1', now: NOW }));
    expect(mine.grants).toMatchObject({ signupConfirmed: 2, reminder: 1, promoted: 0, checkinThanks: 0 });
    expect(mine.banned).toEqual(['promoted']);
  });

  it('ignores WeChat extras (errMsg, unknown template ids) and needs a caller', async () => {
    const res = await rt.call(
      'notify',
      { action: 'grant', results: { errMsg: 'requestSubscribeMessage:ok', 'tmpl-x': 'accept', checkinThanks: 'accept' } },
      { openid: 'g-3', now: NOW },
    );
    expect(res).toEqual({ ok: true, data: { grants: { checkinThanks: 1 } } });
    const anon = await rt.call('notify', { action: 'grant', results: { checkinThanks: 'accept' } }, { now: NOW });
    expect(anon).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('concurrent accepts are all counted', async () => {
    await Promise.all(Array.from({ length: 20 }, () => grantAs(rt, 'g-4', { reminder: 'accept' }, NOW)));
    expect(grantsLeft(rt, 'g-4', 'reminder')).toBe(20);
  });
});

describe('sender', () => {
  it('sends a confirmation once against one grant, formatted to WeChat limits', async () => {
    const id = await createActivity(f, { title: '福禄巷10号院居民议事会暨楼道环境整治动员大会（第三期）' });
    await grantAs(rt, 's-1', { signupConfirmed: 'accept' }, NOW);
    expectOk(await signUp(f, id, 's-1', 1));
    await Promise.all([flush(rt, NOW), flush(rt, NOW)]);
    await flush(rt, NOW);
    const sent = await delivered(rt, 's-1');
    expect(sent).toHaveLength(1);
    expect(sent[0].page).toBe(`pages/activity/index?id=${id}`);
    expect(sent[0].data.thing1.value).toBe('福禄巷10号院居民议事会暨楼道环境整治…');
    expect(sent[0].data.time2.value).toBe('2026年3月5日 10:00');
    expect(sent[0].data.thing3.value).toBe('智德社区活动室');
    expect(grantsLeft(rt, 's-1', 'signupConfirmed')).toBe(0);
  });

  it('without a grant sends nothing and marks the message skipped', async () => {
    await insertMessage(rt, { _id: 'signupConfirmed:test-nogrant', template: 'signupConfirmed', touser: 's-none', data: { title: '议事会' }, createdAt: NOW });
    const report = await flush(rt, NOW);
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    expect(outboxDoc(rt, 'signupConfirmed:test-nogrant')?.status).toBe('skipped');
    expect(await sendCalls(rt).then((c) => c.filter((m) => m.touser === 's-none'))).toHaveLength(0);
  });

  it('a sign-up by a resident who gave no grant: the confirmation is skipped, nothing sent', async () => {
    const id = await createActivity(f, { title: '太极拳晨练' });
    const res = expectOk(await signUp(f, id, 's-nogrant', 4));
    await flush(rt, NOW);
    const docs = rt.runtime.emulator.db.find('outbox', { signupId: res.signupId });
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ template: 'signupConfirmed', status: 'skipped', result: { errMsg: 'no grant' } });
    expect((await sendCalls(rt)).filter((m) => m.touser === 's-nogrant')).toHaveLength(0);
  });

  it('two messages and one grant: one is sent, the other skipped, with two senders at once', async () => {
    await grantAs(rt, 's-one', { activityChanged: 'accept' }, NOW);
    for (const n of [1, 2]) {
      await insertMessage(rt, {
        _id: `activityChanged:one-grant:${n}`,
        template: 'activityChanged',
        touser: 's-one',
        data: { title: '议事会', change: `变更${n}` },
        createdAt: NOW,
      });
    }
    await Promise.all([flush(rt, NOW), flush(rt, NOW), flush(rt, NOW)]);
    expect(await delivered(rt, 's-one')).toHaveLength(1);
    const statuses = [1, 2].map((n) => outboxDoc(rt, `activityChanged:one-grant:${n}`)?.status).sort();
    expect(statuses).toEqual(['sent', 'skipped']);
    expect(grantsLeft(rt, 's-one', 'activityChanged')).toBe(0);
  });

  it('does not retry a permanent refusal (43101) and drops the stale grant count', async () => {
    await grantAs(rt, REFUSING, { checkinThanks: 'accept' }, NOW);
    await grantAs(rt, REFUSING, { checkinThanks: 'accept' }, NOW);
    await insertMessage(rt, { _id: 'checkinThanks:test-refused', template: 'checkinThanks', touser: REFUSING, data: { title: '议事会' }, createdAt: NOW });
    await flush(rt, NOW);
    await flush(rt, new Date(NOW.getTime() + 2 * HOUR));
    const calls = (await sendCalls(rt)).filter((m) => m.touser === REFUSING);
    expect(calls.map((c) => c.errCode)).toEqual([43101]);
    expect(outboxDoc(rt, 'checkinThanks:test-refused')).toMatchObject({ status: 'failed', result: { errCode: 43101 } });
    expect(grantsLeft(rt, REFUSING, 'checkinThanks')).toBe(0);
  });
});

describe('waking the sender', () => {
  it('a resident cannot run the sender; an admin and the functions (wake key) can', async () => {
    expect(await rt.api('notify', 'flush', {}, { openid: 'r-x', now: NOW })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.api('notify', 'flush', { wake: 'guess' }, { openid: 'r-x', now: NOW })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rt.api('notify', 'flush', {}, { openid: ADMIN, now: NOW })).toMatchObject({ ok: true });
    expect(await rt.api('notify', 'flush', { wake: 'local-development-notify-wake-key' }, { openid: 'r-x', now: NOW })).toMatchObject({ ok: true });
  });

  it('a sign-up wakes the sender itself: the confirmation arrives without a timer tick', async () => {
    const id = await createActivity(f, { title: '健康讲座' });
    await grantAs(rt, 'w-1', { signupConfirmed: 'accept' }, NOW);
    expectOk(await signUp(f, id, 'w-1', 3));
    let sent = await delivered(rt, 'w-1');
    for (let i = 0; i < 50 && sent.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent = await delivered(rt, 'w-1');
    }
    expect(sent.map((m) => m.templateId)).toEqual(['TEMPLATE_ID_SIGNUP_CONFIRMED']);
  });
});

describe('backlog', () => {
  it('a run sends more than one batch, each message once', async () => {
    await rt.runtime.emulator.db.insert('subscriptions', {
      _id: 'b-1:activityChanged',
      openid: 'b-1',
      template: 'activityChanged',
      count: 130,
      accepted: 130,
      rejected: 0,
      used: 0,
      banned: false,
      alwaysAccepted: false,
      lastAnswer: 'accept',
      updatedAt: NOW,
    });
    for (let i = 0; i < 130; i++) {
      await insertMessage(rt, {
        _id: `activityChanged:backlog:${i}`,
        template: 'activityChanged',
        touser: 'b-1',
        data: { title: `议事会${i}`, change: '时间改为3月6日 10:00' },
        createdAt: new Date(NOW.getTime() + i),
      });
    }
    const [a, b] = await Promise.all([flush(rt, NOW), flush(rt, NOW)]);
    expect(a.sent + b.sent).toBe(130);
    const sent = await delivered(rt, 'b-1');
    expect(sent).toHaveLength(130);
    expect(new Set(sent.map((m) => m.data.thing1.value)).size).toBe(130);
    expect(grantsLeft(rt, 'b-1', 'activityChanged')).toBe(0);
  });
});

describe('promotion', () => {
  it('a cancellation notifies the promoted resident once', async () => {
    const id = await createActivity(f, { capacity: 1, title: '插花体验课' });
    await grantAs(rt, 'p-1', { signupConfirmed: 'accept' }, NOW);
    await grantAs(rt, 'p-2', { promoted: 'accept', signupConfirmed: 'accept' }, NOW);
    await grantAs(rt, 'p-2', { promoted: 'accept' }, NOW);
    expectOk(await signUp(f, id, 'p-1', 1));
    expect(expectOk(await signUp(f, id, 'p-2', 2)).status).toBe('waitlisted');
    expect(expectOk(await rt.api('activity', 'cancel', { activityId: id }, { openid: 'p-1', now: NOW })).promoted).toBe(1);
    await Promise.all([flush(rt, NOW), flush(rt, NOW), tick(rt, NOW)]);
    await flush(rt, NOW);
    const toP2 = await delivered(rt, 'p-2');
    expect(toP2.map((m) => m.templateId)).toEqual(['TEMPLATE_ID_PROMOTED']);
    expect(toP2[0].data.thing4.value).toBe('候补成功，已为您保留名额');
    expect(grantsLeft(rt, 'p-2', 'promoted')).toBe(1);
    expect(grantsLeft(rt, 'p-2', 'signupConfirmed')).toBe(1);
    expect((await delivered(rt, 'p-1')).map((m) => m.templateId)).toEqual(['TEMPLATE_ID_SIGNUP_CONFIRMED']);
  });
});

describe('activity changed', () => {
  it('a new time reaches each resident once; cancelling the activity is one more message', async () => {
    const id = await createActivity(f, { title: '社区读书会' });
    for (const r of ['c-1', 'c-2']) {
      await grantAs(rt, r, { activityChanged: 'accept' }, NOW);
      await grantAs(rt, r, { activityChanged: 'accept' }, NOW);
      expectOk(await signUp(f, id, r, r === 'c-1' ? 1 : 2));
    }
    expectOk(await rt.api('activity', 'update', { activityId: id, patch: { startsAt: at(96), endsAt: at(98) } }, { openid: ORGANIZER, now: NOW }));
    await Promise.all([flush(rt, NOW), flush(rt, NOW)]);
    expectOk(await rt.api('activity', 'cancelActivity', { activityId: id, reason: '场地维修' }, { openid: ORGANIZER, now: NOW }));
    expectOk(await rt.api('activity', 'cancelActivity', { activityId: id, reason: '场地维修' }, { openid: ORGANIZER, now: NOW }));
    await flush(rt, NOW);
    for (const r of ['c-1', 'c-2']) {
      const changed = (await delivered(rt, r)).filter((m) => m.templateId === 'TEMPLATE_ID_ACTIVITY_CHANGED');
      expect(changed.map((m) => m.data.thing3.value)).toEqual(['时间改为3月6日 10:00', '活动取消：场地维修']);
      expect(changed[0].data.time2.value).toBe('2026年3月6日 10:00');
    }
  });
});

describe('reminders', () => {
  it('reach each confirmed resident at 24 h and 1 h, once each, with two timers at once', async () => {
    const id = await createActivity(f, { startsAt: at(48), endsAt: at(50), title: '楼道清洁义务劳动', type: '义务劳动' });
    for (const r of ['m-1', 'm-2']) {
      await grantAs(rt, r, { reminder: 'accept' }, NOW);
      await grantAs(rt, r, { reminder: 'accept' }, NOW);
      expectOk(await signUp(f, id, r, r === 'm-1' ? 1 : 2));
    }
    const t24 = at(48 - 24);
    const t1 = at(48 - 1);
    await Promise.all([tick(rt, at(10)), tick(rt, at(10))]);
    expect((await delivered(rt, 'm-1')).filter((m) => m.templateId === 'TEMPLATE_ID_REMINDER')).toHaveLength(0);
    await Promise.all([tick(rt, t24), tick(rt, t24)]);
    await tick(rt, at(48 - 23.9));
    for (const r of ['m-1', 'm-2']) expect((await delivered(rt, r)).filter((m) => m.templateId === 'TEMPLATE_ID_REMINDER')).toHaveLength(1);
    await Promise.all([tick(rt, t1), tick(rt, t1)]);
    await tick(rt, at(48 - 0.5));
    for (const r of ['m-1', 'm-2']) {
      const reminders = (await delivered(rt, r)).filter((m) => m.templateId === 'TEMPLATE_ID_REMINDER');
      expect(reminders).toHaveLength(2);
      expect(reminders.map((m) => m.data.thing4.value)).toEqual(['活动将于1天后开始，请合理安排时间', '活动将于1小时后开始，请准时参加']);
      expect(grantsLeft(rt, r, 'reminder')).toBe(0);
    }
  });

  it('skip a reminder whose time passed before the resident was confirmed, keep a single grant for the last one, and expire one not sent before the start', async () => {
    const id = await createActivity(f, { startsAt: at(30), endsAt: at(32), title: '亲子手工课', type: '义务劳动' });
    await grantAs(rt, 'one-grant', { reminder: 'accept' }, NOW);
    expectOk(await signUp(f, id, 'one-grant', 8));
    await grantAs(rt, 'late-1', { reminder: 'accept' }, NOW);
    await grantAs(rt, 'late-1', { reminder: 'accept' }, NOW);
    expectOk(await signUp(f, id, 'late-1', 7, new Date(at(10)))); // 20 h before the start: after the 24 h mark
    await tick(rt, at(10.1));
    expect((await delivered(rt, 'late-1')).filter((m) => m.templateId === 'TEMPLATE_ID_REMINDER')).toHaveLength(0);
    await tick(rt, at(29));
    const sent = (await delivered(rt, 'late-1')).filter((m) => m.templateId === 'TEMPLATE_ID_REMINDER');
    expect(sent.map((m) => m.data.thing4.value)).toEqual(['活动将于1小时后开始，请准时参加']);
    expect(grantsLeft(rt, 'late-1', 'reminder')).toBe(1);
    // One grant is kept for the reminder closest to the start.
    expect((await delivered(rt, 'one-grant')).filter((m) => m.templateId === 'TEMPLATE_ID_REMINDER').map((m) => m.data.thing4.value)).toEqual([
      '活动将于1小时后开始，请准时参加',
    ]);

    await insertMessage(rt, {
      _id: 'reminder:1h:stale',
      template: 'reminder',
      touser: 'late-1',
      data: { title: '旧活动' },
      createdAt: NOW,
      expiresAt: new Date(at(1)),
    });
    await flush(rt, at(2));
    expect(outboxDoc(rt, 'reminder:1h:stale')?.status).toBe('expired');
    expect(grantsLeft(rt, 'late-1', 'reminder')).toBe(1);
  });
});

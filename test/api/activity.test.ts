/** The activity function through the local runtime: the real wx-server-sdk against the emulator. */
import { ADMIN, expectOk } from '../helpers/runtime';
import { ownIdOf } from './checkin-helpers';
import {
  HOUR,
  NOW,
  ORGANIZER,
  activityCount,
  activityDoc,
  activityParams,
  at,
  codeOf,
  createActivity,
  outboxDocs,
  person,
  signUp,
  signupDocs,
  useProject,
} from './activity-helpers';

const f = useProject();

describe('create', () => {
  it('lets the project organizer create a published activity with zeroed counters', async () => {
    const id = await createActivity(f);
    const view = expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: 'r-1', now: NOW }));
    expect(view).toMatchObject({
      title: '福禄巷10号院居民议事会',
      status: 'published',
      capacity: 30,
      confirmed: 0,
      waitlisted: 0,
      seatsLeft: 30,
      signupOpen: true,
      me: null,
    });
    expect(view.startsAt).toBe('2026-03-05T10:00:00.000+08:00');
    expect(view.canManage).toBe(false);
    expect(expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: ORGANIZER, now: NOW })).canManage).toBe(true);
  });

  it.each([
    ['end before start', { endsAt: at(71) }],
    ['zero capacity', { capacity: 0 }],
    ['capacity over 10,000', { capacity: 10_001 }],
    ['deadline after start', { signupEndsAt: at(73) }],
    ['a time without offset', { startsAt: '2026-03-05 10:00' }],
    ['a type the project did not plan', { type: '广场舞' }],
  ])('refuses %s with BAD_REQUEST and writes nothing', async (_name, over) => {
    const before = await activityCount(f);
    const res = await f.rt.api('activity', 'create', activityParams(f, over), { openid: ORGANIZER, now: NOW });
    expect(codeOf(res)).toBe('BAD_REQUEST');
    expect(await activityCount(f)).toBe(before);
  });

  it('refuses texts that fail WeChat content security, writing nothing', async () => {
    const before = await activityCount(f);
    const res = await f.rt.api('activity', 'create', activityParams(f, { description: '含违禁词的介绍' }), { openid: ORGANIZER, now: NOW });
    expect(codeOf(res)).toBe('CONTENT_REJECTED');
    expect(await activityCount(f)).toBe(before);
    const id = await createActivity(f);
    const signup = await f.rt.api('activity', 'signup', { activityId: id, form: { ...person(1), note: 'BADWORD' } }, { openid: 'r-1', now: NOW });
    expect(codeOf(signup)).toBe('CONTENT_REJECTED');
    expect(await signupDocs(f, id)).toHaveLength(0);
  });

  it("takes an admin's activity with only API.md's required fields (no project, type, deadline or place)", async () => {
    const minimal = { title: '社区开放日', startsAt: '2026-03-06T09:30:00+08:00', endsAt: '2026-03-06T11:30:00+08:00', capacity: 5 };
    const { activityId } = expectOk(await f.rt.api('activity', 'create', minimal, { openid: ADMIN, now: NOW }));
    const view = expectOk(await f.rt.api('activity', 'get', { activityId }, { openid: 'r-9', now: NOW }));
    expect(view).toMatchObject({ title: '社区开放日', capacity: 5, confirmed: 0, waitlisted: 0, signupOpen: true });
    expect(expectOk(await f.rt.api('activity', 'signup', { activityId, form: person(9) }, { openid: 'r-9', now: NOW }))).toMatchObject({ status: 'confirmed' });
  });

  it('refuses residents, and organizers of other projects', async () => {
    expect(codeOf(await f.rt.api('activity', 'create', activityParams(f), { openid: 'r-1', now: NOW }))).toBe('FORBIDDEN');
    expect(codeOf(await f.rt.api('activity', 'create', activityParams(f, { projectId: undefined }), { openid: ORGANIZER, now: NOW }))).toBe('FORBIDDEN');
  });
});

describe('sign-up', () => {
  it('confirms while seats remain, then waitlists with a position; a repeat is refused', async () => {
    const id = await createActivity(f, { capacity: 2 });
    expect(expectOk(await signUp(f, id, 'r-1', 1))).toMatchObject({ status: 'confirmed', signupId: ownIdOf(id, 'r-1') });
    expect(expectOk(await signUp(f, id, 'r-2', 2))).toMatchObject({ status: 'confirmed' });
    expect(expectOk(await signUp(f, id, 'r-3', 3))).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(expectOk(await signUp(f, id, 'r-4', 4))).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(codeOf(await signUp(f, id, 'r-1', 1))).toBe('ALREADY_SIGNED_UP');
    const view = expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: 'r-4', now: NOW }));
    expect(view).toMatchObject({ confirmed: 2, waitlisted: 2, seatsLeft: 0, me: { status: 'waitlisted', position: 2 } });
    const outbox = await outboxDocs(f, id);
    expect(outbox.map((m) => m.template).sort()).toEqual(['signupConfirmed', 'signupConfirmed']);
    expect(outbox.map((m) => m._id).sort()).toEqual([`signupConfirmed:${ownIdOf(id, 'r-1')}:1`, `signupConfirmed:${ownIdOf(id, 'r-2')}:2`].sort());
  });

  it('validates the form and writes nothing on bad input', async () => {
    const id = await createActivity(f);
    for (const form of [
      { name: '王阿姨', phone: '12812345678' },
      { name: '', phone: '13812345678' },
      { name: '<b>', phone: '13812345678' },
    ]) {
      expect(codeOf(await f.rt.api('activity', 'signup', { activityId: id, form }, { openid: 'r-1', now: NOW }))).toBe('BAD_REQUEST');
    }
    expect(await activityDoc(f, id)).toMatchObject({ confirmed: 0, waitlisted: 0, nextSeq: 1 });
    expect(await signupDocs(f, id)).toHaveLength(0);
  });

  it('takes a sign-up without a form (API.md: form is optional), listed without contact details', async () => {
    const id = await createActivity(f, { capacity: 1 });
    expect(expectOk(await f.rt.api('activity', 'signup', { activityId: id }, { openid: 'r-1', now: NOW }))).toMatchObject({ status: 'confirmed' });
    expect(expectOk(await f.rt.api('activity', 'signup', { activityId: id }, { openid: 'r-2', now: NOW }))).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
    expect(codeOf(await f.rt.api('activity', 'signup', { activityId: id }, { openid: 'r-1', now: NOW }))).toBe('ALREADY_SIGNED_UP');
    const roster = expectOk(await f.rt.api('activity', 'roster', { activityId: id }, { openid: ORGANIZER, now: NOW }));
    expect(roster.items.map((i) => [i.name, i.phoneMasked, i.status])).toEqual([
      ['', '', 'confirmed'],
      ['', '', 'waitlisted'],
    ]);
    // Someone else (forOther) always needs a name and a phone: the organizer must reach them.
    expect(codeOf(await f.rt.api('activity', 'signup', { activityId: id, forOther: { name: '', phone: '' } }, { openid: 'r-1', now: NOW }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('is closed after the deadline, for drafts and for cancelled activities', async () => {
    const id = await createActivity(f, { signupEndsAt: at(24) });
    expect(codeOf(await signUp(f, id, 'r-1', 1, new Date(NOW.getTime() + 24 * HOUR)))).toBe('SIGNUP_CLOSED');
    const draft = await createActivity(f, { status: 'draft' });
    expect(codeOf(await signUp(f, draft, 'r-1'))).toBe('SIGNUP_CLOSED');
    expect(codeOf(await f.rt.api('activity', 'get', { activityId: draft }, { openid: 'r-1', now: NOW }))).toBe('NOT_FOUND');
    expect(codeOf(await signUp(f, 'no-such-activity', 'r-1'))).toBe('NOT_FOUND');
  });

  it('takes the identity from the WeChat context, never from the request', async () => {
    const id = await createActivity(f);
    const res = await f.rt.call('activity', { action: 'signup', activityId: id, form: person(9), openid: 'someone-else' }, { openid: 'r-9', now: NOW });
    expect(res.ok).toBe(true);
    const docs = await signupDocs(f, id);
    expect(docs.map((d) => d._id)).toEqual([ownIdOf(id, 'r-9')]);
    expect(codeOf(await f.rt.call('activity', { action: 'signup', activityId: id, form: person(9) }, { now: NOW }))).toBe('FORBIDDEN');
  });

  it('signs up at most two family members, each a separate person', async () => {
    const id = await createActivity(f, { capacity: 10 });
    const grandma = { name: '李奶奶', phone: '13900000001' };
    const grandpa = { name: '李爷爷', phone: '13900000001' };
    const first = expectOk(await f.rt.api('activity', 'signup', { activityId: id, forOther: grandma }, { openid: 'r-1', now: NOW }));
    expect(first).toMatchObject({ status: 'confirmed', signupId: expect.stringMatching(new RegExp(`^${id}:[A-Za-z0-9_-]{16}:other-1$`)) });
    // The id names nobody: no OPENID in it.
    expect(first.signupId).not.toMatch(/:r-1(:|$)/);
    const slot1 = first.signupId!;
    const slot2 = slot1.replace(/:other-1$/, ':other-2');
    expect(codeOf(await f.rt.api('activity', 'signup', { activityId: id, forOther: grandma }, { openid: 'r-1', now: NOW }))).toBe('ALREADY_SIGNED_UP');
    expect(expectOk(await f.rt.api('activity', 'signup', { activityId: id, forOther: grandpa }, { openid: 'r-1', now: NOW })).signupId).toBe(slot2);
    const third = await f.rt.api('activity', 'signup', { activityId: id, forOther: { name: '张大爷', phone: '13900000002' } }, { openid: 'r-1', now: NOW });
    expect(codeOf(third)).toBe('ALREADY_SIGNED_UP');
    expect(expectOk(await signUp(f, id, 'r-1', 1)).status).toBe('confirmed');
    expect(await activityDoc(f, id)).toMatchObject({ confirmed: 3 });
    const view = expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: 'r-1', now: NOW }));
    expect(view.family?.map((s) => s.name)).toEqual(expect.arrayContaining(['李奶奶', '李爷爷']));
    // Cancelling one family sign-up frees its slot for someone else.
    expect(expectOk(await f.rt.api('activity', 'cancel', { activityId: id, signupId: slot1 }, { openid: 'r-1', now: NOW })).status).toBe('cancelled');
    expect(
      expectOk(await f.rt.api('activity', 'signup', { activityId: id, forOther: { name: '张大爷', phone: '13900000002' } }, { openid: 'r-1', now: NOW }))
        .signupId,
    ).toBe(slot1);
    // Another resident cannot cancel my family's sign-up.
    expect(codeOf(await f.rt.api('activity', 'cancel', { activityId: id, signupId: slot2 }, { openid: 'r-2', now: NOW }))).toBe('NOT_SIGNED_UP');
  });
});

describe('cancel', () => {
  it('frees the seat and promotes the head of the waitlist exactly once', async () => {
    const id = await createActivity(f, { capacity: 1 });
    await signUp(f, id, 'r-1', 1);
    await signUp(f, id, 'r-2', 2);
    await signUp(f, id, 'r-3', 3);
    const res = expectOk(await f.rt.api('activity', 'cancel', { activityId: id }, { openid: 'r-1', now: NOW }));
    expect(res).toEqual({ status: 'cancelled', promoted: 1 });
    const promotedView = expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: 'r-2', now: NOW }));
    expect(promotedView).toMatchObject({ confirmed: 1, waitlisted: 1, me: { status: 'confirmed' } });
    const third = expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: 'r-3', now: NOW }));
    expect(third.me).toMatchObject({ status: 'waitlisted', position: 1 });
    const docs = await signupDocs(f, id);
    expect(docs.find((d) => d._id === ownIdOf(id, 'r-2'))?.promotedAt).toBeInstanceOf(Date);
    const promotedMessages = (await outboxDocs(f, id)).filter((m) => m.template === 'promoted');
    expect(promotedMessages).toEqual([expect.objectContaining({ touser: 'r-2', signupId: ownIdOf(id, 'r-2') })]);
    // A waitlisted cancel promotes nobody; a second cancel is NOT_SIGNED_UP.
    expect(expectOk(await f.rt.api('activity', 'cancel', { activityId: id }, { openid: 'r-3', now: NOW })).promoted).toBe(0);
    expect(codeOf(await f.rt.api('activity', 'cancel', { activityId: id }, { openid: 'r-3', now: NOW }))).toBe('NOT_SIGNED_UP');
    expect(await activityDoc(f, id)).toMatchObject({ confirmed: 1, waitlisted: 0 });
    // Signing up again after cancelling is allowed, at the back of the queue.
    expect(expectOk(await signUp(f, id, 'r-1', 1))).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('follows the activity cancel rule', async () => {
    const none = await createActivity(f, { cancelRule: { kind: 'none' } });
    await signUp(f, none, 'r-1');
    const refused = await f.rt.api('activity', 'cancel', { activityId: none }, { openid: 'r-1', now: NOW });
    expect(codeOf(refused)).toBe('SIGNUP_CLOSED');
    expect(refused.ok ? '' : refused.message).toContain('不能取消');

    const twoHours = await createActivity(f, { cancelRule: { kind: 'beforeStart', hours: 2 } });
    await signUp(f, twoHours, 'r-1');
    await signUp(f, twoHours, 'r-2', 2);
    const late = new Date(NOW.getTime() + 70 * HOUR);
    expect(codeOf(await f.rt.api('activity', 'cancel', { activityId: twoHours }, { openid: 'r-1', now: late }))).toBe('SIGNUP_CLOSED');
    const inTime = new Date(late.getTime() - 1000);
    expect(expectOk(await f.rt.api('activity', 'cancel', { activityId: twoHours }, { openid: 'r-2', now: inTime })).status).toBe('cancelled');
    expect(codeOf(await f.rt.api('activity', 'cancel', { activityId: twoHours }, { openid: 'r-7', now: NOW }))).toBe('NOT_SIGNED_UP');
  });
});

describe('organizers', () => {
  it('see the roster with masked phones, waitlist places and check-in flags; admins export full phones', async () => {
    const id = await createActivity(f, { capacity: 1 });
    await f.rt.api('activity', 'signup', { activityId: id, form: { name: '王阿姨', phone: '13812341234', note: '腿脚不便' } }, { openid: 'r-1', now: NOW });
    await f.rt.api('activity', 'signup', { activityId: id, form: { name: '赵叔叔', phone: '13912345678' } }, { openid: 'r-2', now: NOW });
    await f.db.collection('checkins').add({ _id: ownIdOf(id, 'r-1'), activityId: id, signupId: ownIdOf(id, 'r-1'), checkedInAt: NOW });
    const roster = expectOk(await f.rt.api('activity', 'roster', { activityId: id }, { openid: ORGANIZER, now: NOW }));
    expect(roster.items).toEqual([
      expect.objectContaining({
        signupId: ownIdOf(id, 'r-1'),
        name: '王阿姨',
        phoneMasked: '138****1234',
        status: 'confirmed',
        checkedIn: true,
        note: '腿脚不便',
      }),
      expect.objectContaining({
        signupId: ownIdOf(id, 'r-2'),
        name: '赵叔叔',
        phoneMasked: '139****5678',
        status: 'waitlisted',
        position: 1,
        checkedIn: false,
      }),
    ]);
    expect(JSON.stringify(roster)).not.toContain('13812341234');
    expect(codeOf(await f.rt.api('activity', 'export', { activityId: id }, { openid: ORGANIZER, now: NOW }))).toBe('FORBIDDEN');
    const exported = expectOk(await f.rt.api('activity', 'export', { activityId: id }, { openid: ADMIN, now: NOW }));
    expect(exported.items.map((i) => i.phone)).toEqual(['13812341234', '13912345678']);
  });

  it('refuses every privileged action to a resident, writing nothing', async () => {
    const id = await createActivity(f, { capacity: 1, approval: true });
    await signUp(f, id, 'r-1');
    const before = await activityDoc(f, id);
    const calls: [string, Record<string, unknown>][] = [
      ['create', activityParams(f)],
      ['roster', { activityId: id }],
      ['export', { activityId: id }],
      ['approve', { activityId: id, signupId: ownIdOf(id, 'r-1') }],
      ['reject', { activityId: id, signupId: ownIdOf(id, 'r-1') }],
      ['update', { activityId: id, patch: { capacity: 5 } }],
      ['cancelActivity', { activityId: id }],
    ];
    for (const [action, params] of calls) {
      expect([action, codeOf(await f.rt.call('activity', { action, ...params, role: 'admin', openid: ADMIN }, { openid: 'r-2', now: NOW }))]).toEqual([
        action,
        'FORBIDDEN',
      ]);
    }
    expect(await activityDoc(f, id)).toEqual(before);
    expect((await signupDocs(f, id)).map((s) => s.status)).toEqual(['pending']);
  });

  it('approve and reject pending sign-ups; seats are held only when approved', async () => {
    const id = await createActivity(f, { capacity: 1, approval: true });
    expect(expectOk(await signUp(f, id, 'r-1', 1)).status).toBe('pending');
    expect(expectOk(await signUp(f, id, 'r-2', 2)).status).toBe('pending');
    expect(expectOk(await signUp(f, id, 'r-3', 3)).status).toBe('pending');
    expect(await activityDoc(f, id)).toMatchObject({ confirmed: 0, pending: 3 });
    expect(expectOk(await f.rt.api('activity', 'approve', { activityId: id, signupId: ownIdOf(id, 'r-2') }, { openid: ORGANIZER, now: NOW }))).toEqual({
      status: 'confirmed',
    });
    expect(expectOk(await f.rt.api('activity', 'approve', { activityId: id, signupId: ownIdOf(id, 'r-3') }, { openid: ORGANIZER, now: NOW }))).toEqual({
      status: 'waitlisted',
      position: 1,
    });
    expect(expectOk(await f.rt.api('activity', 'reject', { activityId: id, signupId: ownIdOf(id, 'r-1') }, { openid: ORGANIZER, now: NOW }))).toEqual({
      status: 'rejected',
    });
    expect(codeOf(await f.rt.api('activity', 'reject', { activityId: id, signupId: ownIdOf(id, 'r-1') }, { openid: ORGANIZER, now: NOW }))).toBe('BAD_REQUEST');
    expect(await activityDoc(f, id)).toMatchObject({ confirmed: 1, waitlisted: 1, pending: 0 });
    expect((await outboxDocs(f, id)).map((m) => m.touser)).toEqual(['r-2']);
  });

  it('validate custom form fields server-side', async () => {
    const id = await createActivity(f, {
      fields: [
        { key: 'age', label: '年龄', kind: 'number', required: true, min: 1, max: 120 },
        { key: 'meal', label: '是否用餐', kind: 'single', options: ['是', '否'], required: true },
      ],
    });
    const missing = await f.rt.api('activity', 'signup', { activityId: id, form: { ...person(1), answers: { age: 70 } } }, { openid: 'r-1', now: NOW });
    expect(codeOf(missing)).toBe('BAD_REQUEST');
    expect(missing.ok ? '' : missing.message).toContain('是否用餐');
    expect(
      expectOk(await f.rt.api('activity', 'signup', { activityId: id, form: { ...person(1), answers: { age: 70, meal: '是' } } }, { openid: 'r-1', now: NOW }))
        .status,
    ).toBe('confirmed');
    const roster = expectOk(await f.rt.api('activity', 'roster', { activityId: id }, { openid: ORGANIZER, now: NOW }));
    expect(roster.items[0].answers).toEqual({ age: 70, meal: '是' });
  });

  it('growing the capacity promotes the waitlist in order; shrinking below the confirmed is refused', async () => {
    const id = await createActivity(f, { capacity: 1 });
    for (let i = 1; i <= 4; i++) await signUp(f, id, `r-${i}`, i);
    expect(codeOf(await f.rt.api('activity', 'update', { activityId: id, patch: { capacity: 0 } }, { openid: ORGANIZER, now: NOW }))).toBe('BAD_REQUEST');
    expect(expectOk(await f.rt.api('activity', 'update', { activityId: id, patch: { capacity: 3 } }, { openid: ORGANIZER, now: NOW })).promoted).toBe(2);
    const roster = expectOk(await f.rt.api('activity', 'roster', { activityId: id }, { openid: ORGANIZER, now: NOW }));
    expect(roster.items.map((i) => [i.signupId, i.status])).toEqual([
      [ownIdOf(id, 'r-1'), 'confirmed'],
      [ownIdOf(id, 'r-2'), 'confirmed'],
      [ownIdOf(id, 'r-3'), 'confirmed'],
      [ownIdOf(id, 'r-4'), 'waitlisted'],
    ]);
  });

  it('moving the time tells participants; cancelling the activity closes sign-ups and tells them once', async () => {
    const id = await createActivity(f);
    await signUp(f, id, 'r-1', 1);
    await f.rt.api('activity', 'signup', { activityId: id, forOther: person(2) }, { openid: 'r-1', now: NOW });
    await signUp(f, id, 'r-2', 3);
    expectOk(await f.rt.api('activity', 'update', { activityId: id, patch: { startsAt: at(96), endsAt: at(98) } }, { openid: ORGANIZER, now: NOW }));
    const changed = (await outboxDocs(f, id)).filter((m) => m.template === 'activityChanged');
    expect(changed.map((m) => m.touser).sort()).toEqual(['r-1', 'r-2']);
    const res = expectOk(await f.rt.api('activity', 'cancelActivity', { activityId: id, reason: '天气原因' }, { openid: ORGANIZER, now: NOW }));
    expect(res).toEqual({ status: 'cancelled', notified: 2 });
    expectOk(await f.rt.api('activity', 'cancelActivity', { activityId: id }, { openid: ORGANIZER, now: NOW }));
    expect((await outboxDocs(f, id)).filter((m) => m.template === 'activityChanged')).toHaveLength(4);
    expect(codeOf(await signUp(f, id, 'r-3', 4))).toBe('SIGNUP_CLOSED');
  });
});

describe('list and mine', () => {
  it('lists upcoming activities first, filtered by project and type, with my status', async () => {
    const soon = await createActivity(f, { title: '义务劳动一', type: '义务劳动', startsAt: at(5), endsAt: at(6) });
    const later = await createActivity(f, { title: '义务劳动二', type: '义务劳动', startsAt: at(50), endsAt: at(51) });
    const past = await createActivity(f, { title: '义务劳动零', type: '义务劳动', startsAt: at(-50), endsAt: at(-49) });
    await signUp(f, later, 'r-list');
    const res = expectOk(await f.rt.api('activity', 'list', { projectId: f.projectId, type: '义务劳动' }, { openid: 'r-list', now: NOW }));
    expect(res.items.map((i) => i.activityId)).toEqual([soon, later, past]);
    expect(res.items[1].me).toEqual({ status: 'confirmed' });
    expect(res.items[0].me).toBeNull();
  });

  it('我的活动: upcoming, waitlisted with its place, past with check-in status', async () => {
    const full = await createActivity(f, { capacity: 1, startsAt: at(10), endsAt: at(11) });
    await signUp(f, full, 'r-other');
    await signUp(f, full, 'r-mine');
    const open = await createActivity(f, { startsAt: at(20), endsAt: at(21) });
    await signUp(f, open, 'r-mine');
    const items = expectOk(await f.rt.api('activity', 'mine', {}, { openid: 'r-mine', now: NOW })).items;
    expect(items.map((i) => [i.activityId, i.bucket, i.position])).toEqual([
      [open, 'upcoming', undefined],
      [full, 'waitlisted', 1],
    ]);
    await f.db.collection('checkins').add({ _id: ownIdOf(open, 'r-mine'), activityId: open, signupId: ownIdOf(open, 'r-mine') });
    const later = expectOk(await f.rt.api('activity', 'mine', {}, { openid: 'r-mine', now: new Date(NOW.getTime() + 30 * HOUR) })).items;
    expect(later).toEqual(expect.arrayContaining([expect.objectContaining({ activityId: open, bucket: 'past', checkedIn: true })]));
  });
});

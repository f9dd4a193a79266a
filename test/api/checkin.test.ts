/** checkin.* through the functions host, with time moved by X-Now. */
import { ADMIN, expectOk } from '../helpers/runtime';
import { NOW, person, signUp, useProject } from './activity-helpers';
import { END, HERE, MIN, ORGANIZER, START, checkinActivity, checkinCount, checkinsOf, codeOf, minutes, ownIdOf, scan, tokenAt } from './checkin-helpers';

const f = useProject();

describe('rotating token and scan', () => {
  it('gives the organizer a short token valid about a minute, and the window', async () => {
    const id = await checkinActivity(f);
    const t = await tokenAt(f.rt, id, minutes(5, START));
    expect(t.token).toMatch(/^[A-Za-z0-9_.-]{20,100}$/);
    expect(t.expiresAt).toBe('2026-03-05T10:06:00.000+08:00');
    expect(t.refreshAt).toBe('2026-03-05T10:05:30.000+08:00');
    expect(t.window).toEqual({ opensAt: '2026-03-05T09:30:00.000+08:00', closesAt: '2026-03-05T12:00:00.000+08:00', open: true });
    expect(t.mode).toBe('geofence');
  });

  it('checks in a signed-up resident once; a second scan is ALREADY_CHECKED_IN and counts nothing', async () => {
    const id = await checkinActivity(f);
    expectOk(await signUp(f, id, 'r-signed', 1));
    const now = minutes(-10);
    const { token } = await tokenAt(f.rt, id, now);
    const res = expectOk(await scan(f.rt, token, 'r-signed', now));
    expect(res).toEqual({ activityId: id, title: '福禄巷10号院居民议事会', checkedInAt: '2026-03-05T09:50:00.000+08:00', walkIn: false });
    const again = await scan(f.rt, token, 'r-signed', minutes(-9.5));
    expect(codeOf(again)).toBe('ALREADY_CHECKED_IN');
    expect(checkinsOf(f.rt, id)).toHaveLength(1);
    const signupId = expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: 'r-signed', now })).me?.signupId;
    expect(signupId).toBeDefined();
    // One id for the sign-up and its check-in, and it names nobody.
    expect(checkinsOf(f.rt, id)[0]).toMatchObject({ _id: signupId, signupId, walkIn: false, method: 'scan', name: person(1).name });
    expect(signupId).not.toContain('r-signed');
    // The activity's roster reads the same ledger.
    const roster = expectOk(await f.rt.api('activity', 'roster', { activityId: id }, { openid: ORGANIZER, now }));
    expect(roster.items.find((r) => r.signupId === signupId)?.checkedIn).toBe(true);
  });

  it('marks a resident without a sign-up as a walk-in', async () => {
    const id = await checkinActivity(f);
    const { token } = await tokenAt(f.rt, id, START);
    expect(expectOk(await scan(f.rt, token, 'r-walkin', START)).walkIn).toBe(true);
  });

  it('refuses walk-ins when the activity requires a sign-up (NOT_SIGNED_UP), writing nothing', async () => {
    const id = await checkinActivity(f, { requiresSignup: true });
    const { token } = await tokenAt(f.rt, id, START);
    expect(codeOf(await scan(f.rt, token, 'r-walkin', START))).toBe('NOT_SIGNED_UP');
    expect(checkinsOf(f.rt, id)).toHaveLength(0);
    expectOk(await signUp(f, id, 'r-ok', 2, NOW));
    expect(expectOk(await scan(f.rt, token, 'r-ok', START)).walkIn).toBe(false);
  });

  it('accepts the previous step, refuses older tokens (TOKEN_EXPIRED) and forged ones (TOKEN_INVALID)', async () => {
    const id = await checkinActivity(f);
    const issued = minutes(0.5); // 10:00:30, a step boundary
    const { token } = await tokenAt(f.rt, id, issued);
    expect(codeOf(await scan(f.rt, token, 'r-late', new Date(issued.getTime() + 60_000)))).toBe('TOKEN_EXPIRED');
    expect(codeOf(await scan(f.rt, token, 'r-edge', new Date(issued.getTime() + 59_999)))).toBe('OK');
    expect(codeOf(await scan(f.rt, token, 'r-early', new Date(issued.getTime() - 1)))).toBe('TOKEN_INVALID');
    const [a, s, mac] = token.split('.');
    const forged = `${a}.${s}.${mac.split('').reverse().join('')}`;
    expect(codeOf(await scan(f.rt, forged, 'r-forger', issued))).toBe('TOKEN_INVALID');
    const other = await checkinActivity(f);
    const res = await f.rt.api('checkin', 'scan', { token, activityId: other, location: HERE }, { openid: 'r-replay', now: issued });
    expect(codeOf(res)).toBe('TOKEN_INVALID');
    expect(checkinsOf(f.rt, id).map((c) => c.openid)).toEqual(['r-edge']);
    expect(checkinsOf(f.rt, other)).toHaveLength(0);
  });

  it('is CHECKIN_NOT_OPEN before the window, after it, and for a cancelled activity', async () => {
    const id = await checkinActivity(f);
    const early = minutes(-31);
    const before = await scan(f.rt, (await tokenAt(f.rt, id, early)).token, 'r-1', early);
    expect(codeOf(before)).toBe('CHECKIN_NOT_OPEN');
    expect(before.ok ? '' : before.message).toContain('09:30 开始签到');
    const late = new Date(END.getTime() + 1000);
    expect(codeOf(await scan(f.rt, (await tokenAt(f.rt, id, late)).token, 'r-1', late))).toBe('CHECKIN_NOT_OPEN');
    expectOk(await f.rt.api('checkin', 'configure', { activityId: id, settings: { opensBeforeMin: 60 } }, { openid: ORGANIZER, now: NOW }));
    expect(codeOf(await scan(f.rt, (await tokenAt(f.rt, id, early)).token, 'r-1', early))).toBe('OK');
    const cancelled = await checkinActivity(f);
    expectOk(await f.rt.api('activity', 'cancelActivity', { activityId: cancelled }, { openid: ORGANIZER, now: NOW }));
    expect(codeOf(await scan(f.rt, (await tokenAt(f.rt, cancelled, START)).token, 'r-1', START))).toBe('CHECKIN_NOT_OPEN');
    expect(checkinsOf(f.rt, cancelled)).toHaveLength(0);
  });
});

describe('thank-you message (checkinThanks)', () => {
  it('is queued once for a resident who granted it, and not for one who did not', async () => {
    const id = await checkinActivity(f);
    expectOk(await f.rt.api('notify', 'grant', { results: { checkinThanks: 'accept' } }, { openid: 'r-thanks', now: NOW }));
    const { token } = await tokenAt(f.rt, id, START);
    expectOk(await scan(f.rt, token, 'r-thanks', START));
    expect(codeOf(await scan(f.rt, token, 'r-thanks', START))).toBe('ALREADY_CHECKED_IN');
    expectOk(await scan(f.rt, token, 'r-nogrant', START));
    const queued = f.rt.runtime.emulator.db.find('outbox', { activityId: id });
    expect(queued.map((m) => m._id)).toEqual([`checkinThanks:${id}:r-thanks`]);
    expect(queued[0]).toMatchObject({ touser: 'r-thanks' });
  });
});

describe('geofence', () => {
  it('refuses a scan without a location or from too far, naming the distance', async () => {
    const id = await checkinActivity(f);
    const { token } = await tokenAt(f.rt, id, START);
    expect(codeOf(await scan(f.rt, token, 'r-geo', START, null))).toBe('OUT_OF_RANGE');
    const far = await scan(f.rt, token, 'r-geo', START, { latitude: 39.935, longitude: 116.4 });
    expect(codeOf(far)).toBe('OUT_OF_RANGE');
    expect(far.ok ? '' : far.message).toMatch(/约55\d米，需要在200米以内/);
    expect(checkinsOf(f.rt, id)).toHaveLength(0);
    expect(codeOf(await scan(f.rt, token, 'r-geo', START, { latitude: 39.931, longitude: 116.4 }))).toBe('OK');
    // Far away and too early: the time is what to tell them first.
    const early = minutes(-60);
    expect(codeOf(await scan(f.rt, (await tokenAt(f.rt, id, early)).token, 'r-home', early, { latitude: 39.99, longitude: 116.4 }))).toBe('CHECKIN_NOT_OPEN');
  });

  it('a location is never proof on its own: the published coordinates without a code check in nobody', async () => {
    const fenced = await checkinActivity(f);
    const before = checkinsOf(f.rt, fenced).length;
    expect(codeOf(await f.rt.api('checkin', 'scan', { activityId: fenced, location: HERE }, { openid: 'r-at-home', now: START }))).toBe('TOKEN_INVALID');
    expect(checkinsOf(f.rt, fenced)).toHaveLength(before);
  });

  it('lets the printed poster code check in only together with the geofence', async () => {
    const fenced = await checkinActivity(f);
    const { scene } = expectOk(await f.rt.api('checkin', 'poster', { activityId: fenced }, { openid: ORGANIZER, now: NOW }));
    expect(scene).toMatch(/^k\.[A-Za-z0-9_-]{16}$/);
    expect(codeOf(await f.rt.api('checkin', 'scan', { token: scene }, { openid: 'r-poster', now: START }))).toBe('OUT_OF_RANGE');
    const res = expectOk(await f.rt.api('checkin', 'scan', { token: scene, location: HERE }, { openid: 'r-poster', now: START }));
    expect(res).toMatchObject({ activityId: fenced, walkIn: true });
    // The page opened from the poster learns the activity from the code.
    expect(expectOk(await f.rt.api('checkin', 'info', { poster: scene }, { openid: 'r-poster', now: START })).activityId).toBe(fenced);
    // A reprint keeps the code; a made-up one is refused.
    expect(expectOk(await f.rt.api('checkin', 'poster', { activityId: fenced }, { openid: ORGANIZER, now: NOW })).scene).toBe(scene);
    expect(codeOf(await f.rt.api('checkin', 'scan', { token: 'k.AAAAAAAAAAAAAAAA', location: HERE }, { openid: 'r-poster', now: START }))).toBe(
      'TOKEN_INVALID',
    );
    const open = await checkinActivity(f, { location: { name: '活动室' } });
    const openPoster = expectOk(await f.rt.api('checkin', 'poster', { activityId: open }, { openid: ORGANIZER, now: NOW })).scene;
    expect(codeOf(await f.rt.api('checkin', 'scan', { token: openPoster }, { openid: 'r-poster', now: START }))).toBe('TOKEN_INVALID');
    // With the rotating token, no location is needed there.
    expect(codeOf(await scan(f.rt, (await tokenAt(f.rt, open, START)).token, 'r-poster', START, null))).toBe('OK');
  });
});

describe('manual check-in, personal codes, stats', () => {
  it('checks in a family member from the roster, once; residents are FORBIDDEN and write nothing', async () => {
    const id = await checkinActivity(f);
    const grandma = { name: '王阿姨', phone: '13900000001' };
    const { signupId } = expectOk(await f.rt.api('activity', 'signup', { activityId: id, forOther: grandma }, { openid: 'r-family', now: NOW }));
    expect(signupId).toMatch(/:other-1$/);
    expect(signupId).not.toContain('r-family');
    expect(codeOf(await f.rt.api('checkin', 'manual', { activityId: id, signupId: signupId! }, { openid: 'r-family', now: START }))).toBe('FORBIDDEN');
    expect(checkinsOf(f.rt, id)).toHaveLength(0);
    expect(codeOf(await f.rt.api('checkin', 'manual', { activityId: id, signupId: signupId! }, { openid: ORGANIZER, now: minutes(-31) }))).toBe(
      'CHECKIN_NOT_OPEN',
    );
    const res = expectOk(await f.rt.api('checkin', 'manual', { activityId: id, signupId: signupId! }, { openid: ORGANIZER, now: START }));
    expect(res).toEqual({ checkedInAt: '2026-03-05T10:00:00.000+08:00', name: '王阿姨' });
    expect(codeOf(await f.rt.api('checkin', 'manual', { activityId: id, signupId: signupId! }, { openid: ORGANIZER, now: START }))).toBe('ALREADY_CHECKED_IN');
    expect(checkinsOf(f.rt, id)).toEqual([expect.objectContaining({ _id: signupId, method: 'manual', by: ORGANIZER, walkIn: false, name: '王阿姨' })]);
    // The resident's own place is separate from grandma's.
    expect(expectOk(await scan(f.rt, (await tokenAt(f.rt, id, START)).token, 'r-family', START)).walkIn).toBe(true);
    expect(checkinsOf(f.rt, id)).toHaveLength(2);
    const roster = expectOk(await f.rt.api('activity', 'roster', { activityId: id }, { openid: ORGANIZER, now: START }));
    expect(roster.items.find((r) => r.signupId === signupId)?.checkedIn).toBe(true);
  });

  it('refuses roster entries of another activity or cancelled ones', async () => {
    const id = await checkinActivity(f);
    const other = await checkinActivity(f);
    expectOk(await signUp(f, other, 'r-x', 3));
    expect(codeOf(await f.rt.api('checkin', 'manual', { activityId: id, signupId: ownIdOf(other, 'r-x') }, { openid: ORGANIZER, now: START }))).toBe(
      'BAD_REQUEST',
    );
    expectOk(await signUp(f, id, 'r-y', 4));
    expectOk(await f.rt.api('activity', 'cancel', { activityId: id }, { openid: 'r-y', now: NOW }));
    expect(codeOf(await f.rt.api('checkin', 'manual', { activityId: id, signupId: ownIdOf(id, 'r-y') }, { openid: ORGANIZER, now: START }))).toBe(
      'NOT_SIGNED_UP',
    );
    expect(checkinsOf(f.rt, id)).toHaveLength(0);
  });

  it('lets the organizer scan a resident’s personal code (核验), for themself or family', async () => {
    const id = await checkinActivity(f);
    expectOk(await signUp(f, id, 'r-code', 5));
    const { signupId } = expectOk(
      await f.rt.api('activity', 'signup', { activityId: id, forOther: { name: '李大爷', phone: '13900000009' } }, { openid: 'r-code', now: NOW }),
    );
    const mine = expectOk(await f.rt.api('checkin', 'myCode', { activityId: id }, { openid: 'r-code', now: NOW }));
    const family = expectOk(await f.rt.api('checkin', 'myCode', { activityId: id, signupId }, { openid: 'r-code', now: NOW }));
    expect(family.name).toBe('李大爷');
    expect(codeOf(await f.rt.api('checkin', 'myCode', { activityId: id, signupId: `${id}:someone-else` }, { openid: 'r-code', now: NOW }))).toBe('FORBIDDEN');
    expect(codeOf(await f.rt.api('checkin', 'verify', { code: mine.code }, { openid: 'r-other', now: START }))).toBe('FORBIDDEN');
    expect(expectOk(await f.rt.api('checkin', 'verify', { code: mine.code }, { openid: ORGANIZER, now: START }))).toMatchObject({
      activityId: id,
      walkIn: false,
      name: person(5).name,
    });
    expect(expectOk(await f.rt.api('checkin', 'verify', { code: family.code }, { openid: ORGANIZER, now: START })).name).toBe('李大爷');
    expect(codeOf(await f.rt.api('checkin', 'verify', { code: mine.code }, { openid: ORGANIZER, now: START }))).toBe('ALREADY_CHECKED_IN');
    expect(codeOf(await f.rt.api('checkin', 'verify', { code: mine.code.slice(0, -3) + 'AAA' }, { openid: ORGANIZER, now: START }))).toBe('TOKEN_INVALID');
    expect(checkinsOf(f.rt, id).map((c) => c.method)).toEqual(['verify', 'verify']);
  });

  it('counts checked-in / signed-up for the organizer screen', async () => {
    const id = await checkinActivity(f);
    for (let i = 0; i < 3; i++) expectOk(await signUp(f, id, `r-s${i}`, 10 + i));
    const { token } = await tokenAt(f.rt, id, START);
    await scan(f.rt, token, 'r-s0', START);
    await scan(f.rt, token, 'r-s1', START);
    await scan(f.rt, token, 'r-walk', START);
    const stats = expectOk(await f.rt.api('checkin', 'stats', { activityId: id }, { openid: ORGANIZER, now: START }));
    expect(stats).toMatchObject({ activityId: id, checkedIn: 3, signedUp: 3, walkIns: 1, signedOut: 0, mode: 'geofence' });
    expect(codeOf(await f.rt.api('checkin', 'stats', { activityId: id }, { openid: 'r-s0', now: START }))).toBe('FORBIDDEN');
  });
});

describe('sign-out and hours (volunteer activities)', () => {
  it('records the second scan near the end as sign-out with the duration; early leavers do not count', async () => {
    const id = await checkinActivity(f, { type: '义务劳动' });
    expectOk(await f.rt.api('checkin', 'configure', { activityId: id, settings: { signOut: true, minShare: 0.6 } }, { openid: ORGANIZER, now: NOW }));
    const t0 = await tokenAt(f.rt, id, START);
    await scan(f.rt, t0.token, 'v-stay', START);
    await scan(f.rt, t0.token, 'v-leave', START);
    // A second scan mid-way is not a sign-out.
    const mid = minutes(60);
    expect(codeOf(await scan(f.rt, (await tokenAt(f.rt, id, mid)).token, 'v-stay', mid))).toBe('ALREADY_CHECKED_IN');
    const near = minutes(100);
    const out = expectOk(await scan(f.rt, (await tokenAt(f.rt, id, near)).token, 'v-stay', near));
    expect(out).toMatchObject({ signedOutAt: '2026-03-05T11:40:00.000+08:00', durationMin: 100, countsAsHours: true });
    expect(codeOf(await scan(f.rt, (await tokenAt(f.rt, id, near)).token, 'v-stay', near))).toBe('ALREADY_CHECKED_IN');
    // The organizer signs out someone who left after 40 minutes.
    const left = expectOk(await f.rt.api('checkin', 'signOut', { activityId: id, signupId: ownIdOf(id, 'v-leave') }, { openid: ORGANIZER, now: minutes(40) }));
    expect(left).toMatchObject({ durationMin: 40, countsAsHours: false });
    // After the end, the second scan still signs out (up to an hour).
    await scan(f.rt, t0.token, 'v-late', START);
    const after = minutes(150);
    expect(expectOk(await scan(f.rt, (await tokenAt(f.rt, id, after)).token, 'v-late', after))).toMatchObject({ durationMin: 150, countsAsHours: true });
    const stats = expectOk(await f.rt.api('checkin', 'stats', { activityId: id }, { openid: ORGANIZER, now: after }));
    expect(stats).toMatchObject({ checkedIn: 3, signedOut: 3 });
  });
});

describe('poster', () => {
  it('makes a mini-program code for the check-in page with the poster code as scene, and stores it', async () => {
    const id = await checkinActivity(f);
    const res = expectOk(await f.rt.api('checkin', 'poster', { activityId: id, width: 600 }, { openid: ORGANIZER, now: NOW }));
    expect(res).toMatchObject({ scene: expect.stringMatching(/^k\./), page: 'pages/checkin/index', mode: 'geofence' });
    expect(res.fileID).toMatch(/checkin-posters\//);
    expect(Buffer.from(res.pngBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const sent = (await f.rt.outbox()).filter((o) => o.api === 'wxacode.getUnlimited').pop();
    expect(sent?.params).toMatchObject({ scene: res.scene, page: 'pages/checkin/index', width: 600 });
    expect(codeOf(await f.rt.api('checkin', 'poster', { activityId: id }, { openid: 'r-1', now: NOW }))).toBe('FORBIDDEN');
  });
});

describe('privileges and bad input', () => {
  it('refuses every organizer action to a resident, writing nothing', async () => {
    const id = await checkinActivity(f);
    expectOk(await signUp(f, id, 'r-p', 20));
    const before = checkinCount(f.rt);
    const calls: [string, Record<string, unknown>][] = [
      ['token', { activityId: id }],
      ['manual', { activityId: id, signupId: ownIdOf(id, 'r-p') }],
      ['stats', { activityId: id }],
      ['poster', { activityId: id }],
      ['configure', { activityId: id, settings: { signOut: true } }],
      ['signOut', { activityId: id, signupId: ownIdOf(id, 'r-p') }],
    ];
    for (const [action, params] of calls) {
      expect([action, codeOf(await f.rt.call('checkin', { action, ...params }, { openid: 'r-p', now: START }))]).toEqual([action, 'FORBIDDEN']);
    }
    expect(checkinCount(f.rt)).toBe(before);
    const doc = f.rt.runtime.emulator.db.findOne('activities', { _id: id });
    expect(doc?.checkin).toBeUndefined();
    // An admin may do what organizers do.
    expect(codeOf(await f.rt.api('checkin', 'token', { activityId: id }, { openid: ADMIN, now: START }))).toBe('OK');
  });

  it('answers malformed requests with BAD_REQUEST and writes nothing', async () => {
    const id = await checkinActivity(f);
    const before = checkinCount(f.rt);
    const bodies: Record<string, unknown>[] = [
      { action: 'scan' },
      { action: 'scan', token: 42 },
      { action: 'scan', activityId: id, location: { latitude: 200, longitude: 0 } },
      { action: 'manual', activityId: id },
      { action: 'configure', activityId: id, settings: { minShare: 2 } },
      { action: 'configure', activityId: id, settings: { unknown: 1 } },
      { action: 'poster', activityId: id, width: 10 },
      { action: 'nope' },
    ];
    for (const body of bodies) expect([body, codeOf(await f.rt.call('checkin', body, { openid: ORGANIZER, now: START }))]).toEqual([body, 'BAD_REQUEST']);
    // Any other QR a resident happens to scan is a wrong code, said so in words they can act on.
    for (const token of ['https://example.invalid/x', 'has spaces and 中文 in it', 'x'.repeat(900)]) {
      const res = await f.rt.api('checkin', 'scan', { token }, { openid: 'r-any', now: START });
      expect(res).toMatchObject({ ok: false, code: 'TOKEN_INVALID', message: '签到码无效，请扫描现场的签到码' });
    }
    expect(checkinCount(f.rt)).toBe(before);
  });

  it('takes identity from OPENID only: an openid in the body is ignored', async () => {
    const id = await checkinActivity(f);
    const { token } = await tokenAt(f.rt, id, START);
    expectOk(await f.rt.call('checkin', { action: 'scan', token, location: HERE, openid: 'victim' }, { openid: 'r-real', now: START }));
    expect(checkinsOf(f.rt, id).map((c) => c.openid)).toEqual(['r-real']);
  });
});

describe('500 residents scanning the same token at once', () => {
  it('records 500 check-ins, no duplicates, and a second wave adds none', async () => {
    const id = await checkinActivity(f, { capacity: 1000 });
    const now = minutes(1);
    const { token } = await tokenAt(f.rt, id, now);
    const people = Array.from({ length: 500 }, (_, i) => `crowd-${i}`);
    const first = await Promise.all(people.map((p) => scan(f.rt, token, p, now)));
    expect(first.filter((r) => r.ok)).toHaveLength(500);
    const again = await Promise.all(people.slice(0, 100).map((p) => scan(f.rt, token, p, new Date(now.getTime() + (10 * MIN) / 600))));
    expect(again.map(codeOf).every((c) => c === 'ALREADY_CHECKED_IN')).toBe(true);
    const docs = checkinsOf(f.rt, id);
    expect(docs).toHaveLength(500);
    expect(new Set(docs.map((d) => d.openid)).size).toBe(500);
    const stats = expectOk(await f.rt.api('checkin', 'stats', { activityId: id }, { openid: ORGANIZER, now }));
    expect(stats.checkedIn).toBe(500);
  });
});

import { grantDelta } from './grants';
import { MAX_ATTEMPTS, classifySendError, retryDelayMs } from './outcome';
import { afterFailure } from './sender';
import { dueOffset, reminderOffsets, reminderTip, wantsReminder } from './reminders';

const HOUR = 3_600_000;
const START = new Date('2026-03-05T02:00:00Z');
const before = (h: number) => new Date(START.getTime() - h * HOUR);

describe('grant accounting', () => {
  it('an accept adds one grant; reject and ban add none; ban turns the template off, accept on', () => {
    expect(grantDelta('accept')).toEqual({ count: 1, accepted: 1, rejected: 0, banned: false });
    expect(grantDelta('reject')).toEqual({ count: 0, accepted: 0, rejected: 1, banned: false });
    expect(grantDelta('ban')).toEqual({ count: 0, accepted: 0, rejected: 0, banned: true });
  });
});

describe('send errors', () => {
  const err = (errCode: number) => Object.assign(new Error(`subscribeMessage.send:fail ${errCode}`), { errCode, errMsg: 'x' });

  it('43101 is a refusal: permanent', () => {
    expect(classifySendError(err(43101)).kind).toBe('refused');
  });

  it('bad template id, data or page are permanent and spent nothing', () => {
    for (const code of [40037, 47003, 41030, 40003]) expect(classifySendError(err(code)).kind).toBe('rejected');
  });

  it('busy and quota are worth a retry', () => {
    for (const code of [-1, 45009, 45011]) expect(classifySendError(err(code)).kind).toBe('transient');
  });

  it('no answer from WeChat is unknown (maybe delivered)', () => {
    expect(classifySendError(new Error('socket hang up')).kind).toBe('unknown');
    expect(classifySendError(err(-601001)).kind).toBe('unknown');
  });

  it('backs off 1, 2, 4 … minutes, capped at an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });
});

describe('reminders', () => {
  const offsets = reminderOffsets(undefined);

  it('default to 24 h and 1 h; NOTIFY_REMINDER_HOURS overrides; nonsense falls back', () => {
    expect(offsets.map((o) => o.label)).toEqual(['24h', '1h']);
    expect(reminderOffsets('2, 48').map((o) => o.label)).toEqual(['48h', '2h']);
    expect(reminderOffsets('soon,-3').map((o) => o.label)).toEqual(['24h', '1h']);
  });

  it('the due reminder is the smallest offset whose time came; none before 24 h or after the start', () => {
    expect(dueOffset(START, before(25), offsets)).toBeNull();
    expect(dueOffset(START, before(24), offsets)?.label).toBe('24h');
    expect(dueOffset(START, before(2), offsets)?.label).toBe('24h');
    expect(dueOffset(START, before(1), offsets)?.label).toBe('1h');
    expect(dueOffset(START, before(0.1), offsets)?.label).toBe('1h');
    expect(dueOffset(START, START, offsets)).toBeNull();
  });

  it('a resident confirmed after a reminder time does not get that reminder', () => {
    const [day, hour] = offsets;
    expect(wantsReminder(before(30), START, day)).toBe(true);
    expect(wantsReminder(before(3), START, day)).toBe(false);
    expect(wantsReminder(before(3), START, hour)).toBe(true);
  });

  it('says when the activity starts', () => {
    expect(reminderTip(offsets[0])).toBe('活动将于1天后开始，请合理安排时间');
    expect(reminderTip(offsets[1])).toBe('活动将于1小时后开始，请准时参加');
  });
});

describe('after a failed send', () => {
  const now = new Date('2026-03-02T02:00:00Z');
  const msg = { _id: 'm', template: 'reminder' as const, touser: 'o', data: {}, status: 'sending' as const, createdAt: now };

  it('a transient error goes back to pending with a later attempt, until the last attempt', () => {
    const f = { kind: 'transient' as const, errCode: 45009, errMsg: 'quota' };
    expect(afterFailure({ ...msg, attempts: 0 }, f, now)).toEqual({
      status: 'pending',
      result: { errCode: 45009, errMsg: 'quota' },
      nextAttemptAt: new Date(now.getTime() + 60_000),
    });
    expect(afterFailure({ ...msg, attempts: MAX_ATTEMPTS - 1 }, f, now)).toMatchObject({ status: 'failed' });
  });

  it('refusals and rejections fail at once; no answer is unknown', () => {
    expect(afterFailure(msg, { kind: 'refused', errCode: 43101, errMsg: '' }, now)).toMatchObject({ status: 'failed' });
    expect(afterFailure(msg, { kind: 'rejected', errCode: 47003, errMsg: '' }, now)).toMatchObject({ status: 'failed' });
    expect(afterFailure(msg, { kind: 'unknown', errCode: 0, errMsg: '' }, now)).toMatchObject({ status: 'unknown' });
  });
});

import { AppError } from '../errors';
import { MAX_CAPACITY, belongsTo, otherSignupId, ownSignupId } from './model';
import { maskPhone, normaliseName, normalisePhone, validateActivity, validateAnswers, validateFields, type ActivityDraft } from './form';
import { cancelClosedReason, cancelDeadline, signupClosedReason } from './windows';
import { placeFor, promotionsDue, seatsLeft, waitlistPositions } from './seats';
import { bucketOf, compareForList } from './views';
import type { FormField } from '../../../typings';

const start = new Date('2026-01-10T01:00:00Z'); // 09:00 Beijing
const end = new Date('2026-01-10T03:00:00Z');
const draft = (over: Partial<ActivityDraft> = {}): ActivityDraft => ({ title: '义务劳动', startsAt: start, endsAt: end, capacity: 30, ...over });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof AppError ? `${e.code}:${e.message}` : 'not an AppError';
  }
}

describe('validateActivity', () => {
  it('accepts a sound activity', () => {
    expect(
      codeOf(() => validateActivity(draft({ signupEndsAt: start, location: { name: '社区活动室', latitude: 23.2, longitude: 113.1, radiusM: 200 } }))),
    ).toBeUndefined();
  });
  it.each([
    ['end before start', draft({ endsAt: start }), '结束时间必须晚于开始时间'],
    ['zero capacity', draft({ capacity: 0 }), '名额'],
    ['capacity above the maximum', draft({ capacity: MAX_CAPACITY + 1 }), '名额'],
    ['fractional capacity', draft({ capacity: 2.5 }), '名额'],
    ['deadline after start', draft({ signupEndsAt: new Date(start.getTime() + 1) }), '报名截止时间'],
    ['blank title', draft({ title: '   ' }), '活动名称'],
    ['radius without coordinates', draft({ location: { name: '广场', radiusM: 100 } }), '坐标'],
    ['latitude without longitude', draft({ location: { name: '广场', latitude: 23 } }), '经度和纬度'],
    ['cancel window beyond 30 days', draft({ cancelRule: { kind: 'beforeStart', hours: 1000 } }), '取消时限'],
  ])('refuses %s', (_name, d, message) => {
    const result = codeOf(() => validateActivity(d));
    expect(result).toMatch(/^BAD_REQUEST:/);
    expect(result).toContain(message);
  });
  it('accepts capacity at both bounds', () => {
    expect(codeOf(() => validateActivity(draft({ capacity: 1 })))).toBeUndefined();
    expect(codeOf(() => validateActivity(draft({ capacity: MAX_CAPACITY })))).toBeUndefined();
  });
});

describe('names, phones and masking', () => {
  it('accepts mainland mobile numbers, tolerating spaces, dashes and +86', () => {
    expect(normalisePhone('138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('+86 139-0000-1111')).toBe('13900001111');
  });
  it.each(['12812345678', '1381234567', '238123456789', '1381234567a', ''])('refuses %p', (phone) => {
    expect(codeOf(() => normalisePhone(phone))).toMatch(/^BAD_REQUEST:.*手机号码/);
  });
  it('accepts Chinese, Latin and middle-dot names, trimmed', () => {
    expect(normaliseName('  王阿姨 ')).toBe('王阿姨');
    expect(normaliseName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
    expect(normaliseName('Mary  Lee')).toBe('Mary Lee');
  });
  it.each(['', '   ', '王<script>', '1234', '很长很长很长很长很长很长很长很长很长很长很长'])('refuses the name %p', (name) => {
    expect(codeOf(() => normaliseName(name))).toMatch(/^BAD_REQUEST:/);
  });
  it('masks the middle four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('***45');
  });
});

describe('sign-up window', () => {
  const a = { status: 'published' as const, startsAt: start, signupEndsAt: new Date(start.getTime() - 3_600_000) };
  it('is open before the deadline and closed at it', () => {
    expect(signupClosedReason(a, new Date(a.signupEndsAt.getTime() - 1))).toBeNull();
    expect(signupClosedReason(a, a.signupEndsAt)).toBe('报名已经截止');
  });
  it('defaults the deadline to the start', () => {
    const b = { status: 'published' as const, startsAt: start };
    expect(signupClosedReason(b, new Date(start.getTime() - 1))).toBeNull();
    expect(signupClosedReason(b, start)).toBe('报名已经截止');
  });
  it('is closed for drafts and cancelled activities', () => {
    const early = new Date('2026-01-01T00:00:00Z');
    expect(signupClosedReason({ ...a, status: 'draft' }, early)).toContain('还没有开放');
    expect(signupClosedReason({ ...a, status: 'cancelled' }, early)).toContain('已取消');
  });
});

describe('cancel rules', () => {
  const base = { status: 'published' as const, startsAt: start, signupEndsAt: new Date(start.getTime() - 86_400_000) };
  it('not cancellable', () => {
    const a = { ...base, cancelRule: { kind: 'none' as const } };
    expect(cancelDeadline(a)).toBeNull();
    expect(cancelClosedReason(a, new Date('2025-01-01T00:00:00Z'))).toContain('不能取消');
  });
  it('until the sign-up deadline', () => {
    const a = { ...base, cancelRule: { kind: 'untilDeadline' as const } };
    expect(cancelClosedReason(a, new Date(base.signupEndsAt.getTime() - 1))).toBeNull();
    expect(cancelClosedReason(a, base.signupEndsAt)).toContain('已过取消时间');
  });
  it('until N hours before the start, shown in Beijing time', () => {
    const a = { ...base, cancelRule: { kind: 'beforeStart' as const, hours: 2 } };
    const deadline = new Date(start.getTime() - 2 * 3_600_000);
    expect(cancelDeadline(a)).toEqual(deadline);
    expect(cancelClosedReason(a, new Date(deadline.getTime() - 1))).toBeNull();
    expect(cancelClosedReason(a, deadline)).toContain('1月10日 07:00');
  });
});

describe('seats and waitlist', () => {
  it('confirms while seats remain and nobody waits', () => {
    expect(placeFor({ capacity: 2, confirmed: 1, waitlisted: 0 })).toBe('confirmed');
    expect(placeFor({ capacity: 2, confirmed: 2, waitlisted: 0 })).toBe('waitlisted');
  });
  it('keeps a freed seat for the head of the waitlist', () => {
    expect(placeFor({ capacity: 2, confirmed: 1, waitlisted: 3 })).toBe('waitlisted');
    expect(promotionsDue({ capacity: 2, confirmed: 1, waitlisted: 3 })).toBe(1);
    expect(promotionsDue({ capacity: 10, confirmed: 5, waitlisted: 3 })).toBe(3);
    expect(promotionsDue({ capacity: 5, confirmed: 5, waitlisted: 3 })).toBe(0);
  });
  it('never reports negative seats', () => {
    expect(seatsLeft({ capacity: 3, confirmed: 5, waitlisted: 0 })).toBe(0);
  });
  it('derives positions from arrival order', () => {
    const positions = waitlistPositions([40, 7, 12]);
    expect([positions.get(7), positions.get(12), positions.get(40)]).toEqual([1, 2, 3]);
  });
});

describe('sign-up ids', () => {
  const openid = 'oABCDEFGHIJKLMNOPQRSTUVWXYZ1';
  it('a resident and up to two family members, one id each, the same every time', () => {
    const own = ownSignupId('a1', openid);
    expect(own).toMatch(/^a1:[A-Za-z0-9_-]{16}$/);
    expect(ownSignupId('a1', openid)).toBe(own);
    expect(otherSignupId('a1', openid, 2)).toBe(`${own}:other-2`);
    expect(belongsTo(`${own}:other-2`, 'a1', openid)).toBe(true);
    expect(belongsTo(`${own}:other-3`, 'a1', openid)).toBe(false);
    expect(belongsTo(ownSignupId('a1', 'o2'), 'a1', openid)).toBe(false);
  });
  it('names nobody: the OPENID is not in the id', () => {
    expect(ownSignupId('a1', openid)).not.toContain(openid);
    expect(otherSignupId('a1', openid, 1)).not.toContain(openid);
  });
});

describe('custom form fields', () => {
  const fields: FormField[] = [
    { key: 'age', label: '年龄', kind: 'number', required: true, min: 1, max: 120 },
    { key: 'size', label: '衣服尺码', kind: 'single', options: ['M', 'L'] },
    { key: 'days', label: '可参加日期', kind: 'multi', options: ['周六', '周日'], required: true },
    { key: 'diet', label: '饮食禁忌', kind: 'text', maxLength: 10 },
  ];
  it('keeps valid answers, coerces numbers, drops unknown keys', () => {
    expect(validateAnswers(fields, { age: '70', days: ['周六', '周六'], size: 'L', extra: 'x' })).toEqual({ age: 70, days: ['周六'], size: 'L' });
  });
  it.each([
    [{ days: ['周六'] }, '请填写「年龄」'],
    [{ age: 200, days: ['周六'] }, '不能大于120'],
    [{ age: 'abc', days: ['周六'] }, '请填写数字'],
    [{ age: 70, days: ['周一'] }, '请从选项中选择'],
    [{ age: 70, days: ['周六'], size: 'XL' }, '请从选项中选择'],
    [{ age: 70, days: ['周六'], diet: '很长很长很长很长很长很长' }, '不能超过10个字'],
  ])('refuses %p', (answers, message) => {
    expect(codeOf(() => validateAnswers(fields, answers))).toContain(message);
  });
  it('ignores answers when the activity asks nothing', () => {
    expect(validateAnswers(undefined, { age: 3 })).toBeUndefined();
  });
  it('refuses choice questions without choices and duplicate keys', () => {
    expect(codeOf(() => validateFields([{ key: 'a', label: '甲', kind: 'single', options: ['x'] }]))).toContain('两个选项');
    expect(codeOf(() => validateFields([fields[0], fields[0]]))).toContain('重复');
  });
});

describe('my activities and the list order', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  it('sorts sign-ups into upcoming, waitlisted and past', () => {
    expect(bucketOf('confirmed', end, now)).toBe('upcoming');
    expect(bucketOf('waitlisted', end, now)).toBe('waitlisted');
    expect(bucketOf('confirmed', now, now)).toBe('past');
  });
  it('lists upcoming first, soonest first, then the past, latest first', () => {
    const at = (h: number) => ({ startsAt: new Date(now.getTime() + h * 3_600_000), endsAt: new Date(now.getTime() + (h + 1) * 3_600_000) });
    const items = [at(-10), at(5), at(-3), at(2)];
    const sorted = [...items].sort((a, b) => compareForList(a, b, now)).map((x) => (x.startsAt.getTime() - now.getTime()) / 3_600_000);
    expect(sorted).toEqual([2, 5, -3, -10]);
  });
});

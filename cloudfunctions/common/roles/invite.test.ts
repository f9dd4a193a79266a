import { AppError } from '../errors';
import { CODE_LENGTH, inviteRefusal, newInviteCode, normaliseCode, inviteScene, withRole, type InviteDoc } from './invite';
import { checkOrder } from '../vote/contest-admin';
import { sheetName, shanghaiText } from '../report/workbook';

const now = new Date('2026-03-01T02:00:00Z');
const invite = (over: Partial<InviteDoc> = {}): InviteDoc => ({
  _id: 'ABCD2345',
  role: 'organizer',
  projectId: 'p1',
  status: 'open',
  createdBy: 'admin-1',
  createdAt: now,
  expiresAt: new Date(now.getTime() + 3600_000),
  ...over,
});

describe('invitation codes', () => {
  it('are 8 characters without look-alikes, and fit a mini-program code scene', () => {
    for (let i = 0; i < 200; i++) {
      const code = newInviteCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code).not.toMatch(/[01ILO]/);
      expect(inviteScene(code).length).toBeLessThanOrEqual(32);
    }
  });

  it('accept what people type: spaces, dashes, lower case', () => {
    expect(normaliseCode(' abcd-2345 ')).toBe('ABCD2345');
    expect(normaliseCode('abcd 2345')).toBe('ABCD2345');
  });

  it('are refused when unknown, used or expired — and only then', () => {
    const code = (e: AppError | null) => e && [e.code, e.message];
    expect(code(inviteRefusal(null, now))).toEqual(['NOT_FOUND', '邀请码不存在，请核对后重试']);
    expect(code(inviteRefusal(invite({ status: 'used' }), now))).toEqual(['BAD_REQUEST', '邀请码已被使用，请联系管理员重新邀请']);
    expect(code(inviteRefusal(invite({ expiresAt: now }), now))).toEqual(['BAD_REQUEST', '邀请码已过期，请联系管理员重新邀请']);
    expect(inviteRefusal(invite(), now)).toBeNull();
  });

  it('add the role to what the person already has', () => {
    expect(withRole(null, 'o-1', invite())).toEqual({ _id: 'o-1', organizerOf: ['p1'] });
    expect(withRole({ _id: 'o-1', organizerOf: ['p0', 'p1'] }, 'o-1', invite())).toEqual({ _id: 'o-1', organizerOf: ['p0', 'p1'] });
    expect(withRole({ _id: 'o-1', organizerOf: ['p0'] }, 'o-1', invite({ role: 'admin', projectId: undefined }))).toEqual({
      _id: 'o-1',
      organizerOf: ['p0'],
      admin: true,
    });
  });
});

describe('project order', () => {
  it('must name every project exactly once', () => {
    expect(() => checkOrder(['a', 'b'], ['b', 'a'])).not.toThrow();
    for (const wanted of [['a'], ['a', 'a'], ['a', 'c'], ['a', 'b', 'c']]) expect(() => checkOrder(['a', 'b'], wanted)).toThrow(AppError);
  });
});

describe('export helpers', () => {
  it('make Excel-safe, unique sheet names of at most 31 characters', () => {
    const taken = new Set<string>(['汇总']);
    expect(sheetName('汇总', taken)).toBe('汇总(2)');
    expect(sheetName('名单1 议事会 [第一次]: 3/5', taken)).toBe('名单1 议事会  第一次   3 5');
    const long = sheetName('名'.repeat(40), taken);
    expect([...long]).toHaveLength(31);
    expect([...sheetName('名'.repeat(40), taken)]).toHaveLength(31);
    expect(taken.size).toBe(5);
  });

  it('write Beijing time, whatever the server zone', () => {
    expect(shanghaiText(new Date('2026-03-05T01:30:00Z'))).toBe('2026-03-05 09:30:00');
    expect(shanghaiText('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00');
    expect(shanghaiText(undefined)).toBe('');
  });
});

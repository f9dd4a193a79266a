import type { CheckinDoc } from '../checkin/model';
import type { SignupDoc } from './model';
import { answerTexts, attendanceLines, checkedInCount } from './attendance';

const signup = (id: string, name: string): SignupDoc => ({
  _id: id,
  activityId: 'a',
  openid: id,
  forOther: false,
  name,
  phone: '',
  status: 'confirmed',
  seq: 1,
  createdAt: new Date(0),
});
const checkin = (id: string, at: number, over: Partial<CheckinDoc> = {}): CheckinDoc => ({
  _id: id,
  activityId: 'a',
  openid: id,
  personKey: id,
  person: id,
  walkIn: false,
  method: 'scan',
  at: new Date(at),
  ...over,
});

describe('attendanceLines', () => {
  it('puts each check-in on its sign-up, and the rest after as walk-ins in arrival order', () => {
    const lines = attendanceLines(
      [signup('a:1', '甲'), signup('a:2', '乙'), signup('a:3', '丙')],
      [checkin('a:9', 3, { walkIn: true, name: '庚' }), checkin('a:1', 1), checkin('x', 2, { signupId: 'a:3' }), checkin('a:8', 2, { walkIn: true })],
    );
    expect(lines.map((l) => [l.signup?.name ?? '', l.checkin?._id ?? ''])).toEqual([
      ['甲', 'a:1'],
      ['乙', ''],
      ['丙', 'x'],
      ['', 'a:8'],
      ['', 'a:9'],
    ]);
    expect(checkedInCount(lines)).toBe(4);
  });

  it('counts every check-in once however the sign-ups look', () => {
    const checkins = [checkin('a:1', 1), checkin('a:2', 2)];
    expect(checkedInCount(attendanceLines([], checkins))).toBe(2);
    expect(checkedInCount(attendanceLines([signup('a:1', '甲'), signup('a:1', '甲')], checkins))).toBe(2);
  });
});

describe('answerTexts', () => {
  it("puts answers under their questions' labels in the form's order", () => {
    const fields = [
      { key: 'kids', label: '同行孩子', kind: 'number' as const },
      { key: 'diet', label: '饮食', kind: 'multi' as const, options: ['素食', '清真'] },
      { key: 'gone', label: '已删除', kind: 'text' as const },
    ];
    expect(answerTexts(fields, { diet: ['素食', '清真'], kids: 2 })).toEqual([
      { label: '同行孩子', text: '2' },
      { label: '饮食', text: '素食、清真' },
    ]);
  });
});

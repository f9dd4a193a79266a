/** The admin's and organizer's forms: pickers' values to instants, a message per wrong field, the request. */
import { contestFormErrors, contestRequest, newContestForm, statusConfirmation } from '../../miniprogram/packageAdmin/utils/contest-form';
import { activityFormErrors, activityRequest, newActivityForm, nextQuestionKey } from '../../miniprogram/packageAdmin/utils/activity-form';
import { pickedInstant, pickerValues } from '../../miniprogram/utils/time';
import { plannedRows, sessionsAfter } from '../../miniprogram/packageAdmin/utils/project-form';

describe('pickers and Beijing time', () => {
  it('turns a date and a time picker into an instant at +08:00, and back, whatever the machine zone', () => {
    expect(pickedInstant('2026-03-01', '08:30')).toBe('2026-03-01T08:30:00+08:00');
    expect(pickerValues('2026-03-01T00:30:00Z')).toEqual({ date: '2026-03-01', time: '08:30' });
    expect(pickedInstant('2026-03-01', '')).toBeNull();
    expect(pickedInstant('', '08:00')).toBeNull();
  });
});

describe('contest form', () => {
  const now = new Date('2026-03-01T04:00:00Z');
  it('starts with sensible defaults that pass', () => {
    const f = { ...newContestForm(now), title: '评选' };
    expect(contestFormErrors(f)).toEqual({});
    expect(contestRequest(f)).toMatchObject({
      voting: { startsAt: '2026-03-02T08:00:00+08:00', endsAt: '2026-03-06T20:00:00+08:00', perProjectPerDay: 1 },
      topN: 5,
      rateLimit: { max: 20, windowSeconds: 60 },
    });
  });
  it('names each wrong field', () => {
    const f = { ...newContestForm(now), title: ' ', endDate: '2026-03-01', topN: '0', perDay: '1.5' };
    expect(contestFormErrors(f)).toEqual({
      title: '请填写评选名称',
      endDate: '结束时间要晚于开始时间',
      topN: '填 1–100 之间的整数',
      perDay: '不限就留空，否则填 1–1000 之间的整数',
    });
  });
  it('says what 封票 and 公布结果 will do', () => {
    expect(statusConfirmation('frozen', { hideCountsWhenFrozen: true, topN: '5' }).content).toContain('看不到票数');
    expect(statusConfirmation('frozen', { hideCountsWhenFrozen: false, topN: '5' }).content).toContain('仍能看到');
    expect(statusConfirmation('published', { hideCountsWhenFrozen: true, topN: '6' }).content).toContain('前 6 名');
  });
});

describe('activity form', () => {
  it('one day, two times; questions as rows become the contract’s fields', () => {
    const f = { ...newActivityForm(new Date('2026-03-01T04:00:00Z')), title: '议事会' };
    f.questions = [
      { key: 'q1', label: '是否需要接送', kindIndex: 2, required: true, options: '需要\n不需要' },
      { key: 'q2', label: '年龄', kindIndex: 1, required: false, options: '' },
    ];
    expect(activityFormErrors(f)).toEqual({});
    expect(activityRequest(f)).toMatchObject({
      startsAt: '2026-03-08T09:00:00+08:00',
      endsAt: '2026-03-08T11:00:00+08:00',
      fields: [
        { key: 'q1', label: '是否需要接送', kind: 'single', required: true, options: ['需要', '不需要'] },
        { key: 'q2', label: '年龄', kind: 'number' },
      ],
    });
    expect(nextQuestionKey(f.questions)).toBe('q3');
  });
  it('a choice question needs two options; the end comes after the start', () => {
    const f = { ...newActivityForm(), title: '议事会', endTime: '08:00' };
    f.questions = [{ key: 'q1', label: '口味', kindIndex: 3, required: false, options: '甜' }];
    expect(activityFormErrors(f)).toEqual({ endTime: '结束时间要晚于开始时间', questions: '「口味」是选择题，请至少写两个选项，每行一个' });
  });
});

describe('planned activities as rows', () => {
  it('keeps named rows with sessions; −/+ and typing stay within 0..1000', () => {
    expect(
      plannedRows([
        { type: ' 共建劳动 ', sessions: 3 },
        { type: '', sessions: 2 },
        { type: '议事会', sessions: 0 },
      ]),
    ).toEqual([{ type: '共建劳动', sessions: 3 }]);
    expect(sessionsAfter(1, { step: -1 })).toBe(0);
    expect(sessionsAfter(0, { step: -1 })).toBe(0);
    expect(sessionsAfter(3, { typed: '12' })).toBe(12);
    expect(sessionsAfter(3, { typed: 'x' })).toBe(0);
  });
});

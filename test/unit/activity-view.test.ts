/** View models of the activity pages (miniprogram/utils/activity-view). */
import type { ActivityView, MineItem } from '../../typings/activity';
import { cancelOpen, formProblem, statusText, toDetailView, toMineRow, toRosterRow } from '../../miniprogram/utils/activity-view';

const now = Date.parse('2026-03-02T02:00:00Z');
const base: ActivityView = {
  activityId: 'a1',
  title: '楼道花园共建日',
  startsAt: '2026-03-05T10:00:00.000+08:00',
  endsAt: '2026-03-05T12:00:00.000+08:00',
  signupEndsAt: '2026-03-04T20:00:00.000+08:00',
  capacity: 2,
  confirmed: 2,
  waitlisted: 1,
  status: 'published',
  signupOpen: true,
  cancelRule: { kind: 'untilDeadline' },
};

describe('activity view models', () => {
  it('offers the waitlist when full, with Beijing time and weekday', () => {
    const v = toDetailView(base, now);
    expect(v.timeText).toBe('3月5日 周四 10:00–12:00');
    expect(v.signupLabel).toBe('已满，候补报名');
    expect(v.seatsLeftText).toBe('名额已满，可以候补');
    expect(v.cancelText).toBe('报名截止前可以取消（3月4日 周三 20:00）');
  });

  it('closes sign-up for cancelled or ended activities', () => {
    expect(toDetailView({ ...base, status: 'cancelled', signupOpen: false }, now)).toMatchObject({ canSignup: false, signupLabel: '活动已取消' });
    expect(toDetailView({ ...base, signupOpen: false }, Date.parse('2026-03-06T00:00:00Z'))).toMatchObject({ canSignup: false, signupLabel: '活动已结束' });
  });

  it('knows when cancelling is still allowed', () => {
    expect(cancelOpen({ kind: 'none' }, base, now)).toBe(false);
    expect(cancelOpen({ kind: 'untilDeadline' }, base, now)).toBe(true);
    expect(cancelOpen({ kind: 'untilDeadline' }, base, Date.parse('2026-03-04T12:00:00Z'))).toBe(false);
    expect(cancelOpen({ kind: 'beforeStart', hours: 2 }, base, Date.parse('2026-03-04T23:59:59Z'))).toBe(true);
    expect(cancelOpen({ kind: 'beforeStart', hours: 2 }, base, Date.parse('2026-03-05T00:00:00Z'))).toBe(false);
  });

  it('words statuses for residents', () => {
    expect(statusText('waitlisted', 3)).toBe('候补第 3 位');
    expect(statusText('confirmed', undefined, true)).toBe('已签到');
    expect(statusText('pending')).toBe('待审核');
  });

  it('shows past activities with check-in, and who a family sign-up is for', () => {
    const item: MineItem = {
      ...base,
      signupId: 'a1:o:other-1',
      status: 'confirmed',
      forOther: true,
      name: '李奶奶',
      activityStatus: 'published',
      bucket: 'past',
      checkedIn: false,
    };
    expect(toMineRow(item, now)).toMatchObject({ statusText: '未签到', whoText: '为 李奶奶 报名' });
    expect(toMineRow({ ...item, checkedIn: true }, now).statusText).toBe('已签到');
  });

  it('summarises a roster row', () => {
    const answers = { days: ['周六', '周日'] };
    const answerTexts = [{ label: '哪天方便', text: '周六、周日' }];
    expect(
      toRosterRow({
        signupId: 's',
        name: '王阿姨',
        phoneMasked: '138****1234',
        status: 'pending',
        checkedIn: false,
        forOther: true,
        note: '腿脚不便',
        answers,
        answerTexts,
      }),
    ).toMatchObject({
      pending: true,
      statusText: '待审核',
      // Each answer under its question's label.
      extraText: '代报名 · 腿脚不便 · 哪天方便：周六、周日',
    });
  });

  it('shows walk-ins as 现场参加, named or not', () => {
    expect(toRosterRow({ signupId: 'c', name: '', phoneMasked: '', status: 'walkIn', checkedIn: true, walkIn: true })).toMatchObject({
      name: '未留姓名',
      statusText: '现场参加',
      tone: 'success',
    });
    expect(toRosterRow({ signupId: 's', name: '吴奶奶', phoneMasked: '', status: 'waitlisted', position: 1, checkedIn: true, walkIn: true })).toMatchObject({
      extraText: '现场参加',
    });
  });

  it('names the first thing to fix in the form', () => {
    const form = { name: '王阿姨', phone: '138 1234 1234', forOther: false, fields: [], answers: {} };
    expect(formProblem(form)).toBe('');
    expect(formProblem({ ...form, phone: '1381234' })).toBe('请填写正确的11位手机号码');
    expect(formProblem({ ...form, forOther: true, name: ' ' })).toBe('请填写家人的姓名');
    expect(formProblem({ ...form, fields: [{ key: 'meal', label: '是否用餐', kind: 'single', options: ['是', '否'], required: true }] })).toBe(
      '请填写「是否用餐」',
    );
  });
});

/**
 * 报名表单: name and mobile (remembered for next time), an optional note, the activity's own
 * questions, and 为家人报名 for a neighbour or family member without a phone. One cloud call to
 * load (activity.get), one to sign up.
 */
import type { FormAnswer, FormAnswers, FormField } from '../../../typings/activity';
import { loadBehavior, loadInto, pageBehavior } from '../../behaviors/page';
import { STORAGE_KEYS } from '../../config';
import { getActivity, signUp } from '../../services/activity';
import { isCloudError } from '../../services/cloud';
import { askForTemplates, signupTemplates } from '../../services/notify';
import { formProblem } from '../../utils/activity-view';
import type { ViewState } from '../../components/state-view/index';

interface Remembered {
  name: string;
  phone: string;
}

interface FieldView extends FormField {
  /** For choice questions: options with their checked state (WXML cannot call includes). */
  choices: { value: string; checked: boolean }[];
  value: string;
}

interface FormData {
  state: ViewState;
  errorText: string;
  activityId: string;
  title: string;
  willWait: boolean;
  forOther: boolean;
  name: string;
  phone: string;
  note: string;
  fields: FieldView[];
  answers: FormAnswers;
  submitting: boolean;
  error: string;
}

const initial: FormData = {
  state: 'loading',
  errorText: '',
  activityId: '',
  title: '',
  willWait: false,
  forOther: false,
  name: '',
  phone: '',
  note: '',
  fields: [],
  answers: {},
  submitting: false,
  error: '',
};

function remembered(): Remembered {
  try {
    const v: unknown = wx.getStorageSync(STORAGE_KEYS.signupForm);
    if (v && typeof v === 'object') {
      const r = v as Partial<Remembered>;
      return { name: typeof r.name === 'string' ? r.name : '', phone: typeof r.phone === 'string' ? r.phone : '' };
    }
  } catch {
    // Nothing remembered.
  }
  return { name: '', phone: '' };
}

function remember(r: Remembered): void {
  try {
    wx.setStorageSync(STORAGE_KEYS.signupForm, r);
  } catch {
    // Storage full: the resident types it next time.
  }
}

function fieldViews(fields: FormField[], answers: FormAnswers): FieldView[] {
  return fields.map((f) => {
    const answer = answers[f.key];
    const picked = Array.isArray(answer) ? answer : answer === undefined ? [] : [String(answer)];
    return {
      ...f,
      choices: (f.options ?? []).map((o) => ({ value: o, checked: picked.includes(o) })),
      value: answer === undefined || Array.isArray(answer) ? '' : String(answer),
    };
  });
}

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const activityId = query.activityId ?? '';
      const forOther = query.forOther === '1';
      const me = remembered();
      this.setData({ activityId, forOther, name: forOther ? '' : me.name, phone: forOther ? '' : me.phone });
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const a = await getActivity(this.data.activityId, { loading: false, toast: false });
        const willWait = a.confirmed >= a.capacity || a.waitlisted > 0;
        this.setData({ state: 'ready', title: a.title, willWait, fields: fieldViews(a.fields ?? [], {}) });
      });
    },
    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field?: string } } }) {
      const field = e.currentTarget.dataset.field;
      if (field === 'name' || field === 'phone' || field === 'note') this.setData({ [field]: e.detail.value, error: '' });
    },
    onToggleOther(e: WechatMiniprogram.SwitchChange) {
      const forOther = e.detail.value;
      const me = remembered();
      this.setData({ forOther, name: forOther ? '' : me.name, phone: forOther ? '' : me.phone, error: '' });
    },
    setAnswer(key: string, value: FormAnswer | undefined) {
      const answers: FormAnswers = { ...this.data.answers };
      if (value === undefined) delete answers[key];
      else answers[key] = value;
      this.setData({ answers, fields: fieldViews(this.data.fields, answers), error: '' });
    },
    onAnswerText(e: WechatMiniprogram.Input & { currentTarget: { dataset: { key?: string } } }) {
      const key = e.currentTarget.dataset.key ?? '';
      this.setAnswer(key, e.detail.value === '' ? undefined : e.detail.value);
    },
    onAnswerSingle(e: WechatMiniprogram.RadioGroupChange & { currentTarget: { dataset: { key?: string } } }) {
      this.setAnswer(e.currentTarget.dataset.key ?? '', e.detail.value);
    },
    onAnswerMulti(e: WechatMiniprogram.CheckboxGroupChange & { currentTarget: { dataset: { key?: string } } }) {
      this.setAnswer(e.currentTarget.dataset.key ?? '', e.detail.value);
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const problem = formProblem(this.data);
      if (problem) {
        this.setData({ error: problem });
        return;
      }
      // The subscription dialog may only open straight from the tap, before any await.
      void askForTemplates(signupTemplates(this.data.willWait));
      this.setData({ submitting: true });
      const person = {
        name: this.data.name.trim(),
        phone: this.data.phone.replace(/[\s-]/g, ''),
        note: this.data.note.trim() || undefined,
        answers: this.data.answers,
      };
      try {
        const res = await signUp(
          this.data.forOther ? { activityId: this.data.activityId, forOther: person } : { activityId: this.data.activityId, form: person },
        );
        if (!this.data.forOther) remember({ name: person.name, phone: person.phone });
        const text =
          res.status === 'confirmed'
            ? '报名成功，请按时参加'
            : res.status === 'pending'
              ? '已提交，组织者审核后会通知您'
              : `名额已满，您在候补第 ${res.position ?? ''} 位，有人取消时自动补上`;
        wx.showModal({
          title: res.status === 'confirmed' ? '报名成功' : res.status === 'pending' ? '等待审核' : '已进入候补',
          content: text,
          showCancel: false,
          confirmText: '知道了',
          complete: () => wx.navigateBack({}),
        });
      } catch (e) {
        // For refusals the server's words are the precise ones (e.g. 每人最多可以为 2 位家人报名).
        if (isCloudError(e)) this.setData({ error: e.code === 'ALREADY_SIGNED_UP' || e.code === 'SIGNUP_CLOSED' ? e.serverMessage || e.message : e.message });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});

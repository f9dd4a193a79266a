/**
 * 活动编辑 (organizer or admin): create an activity for a project (the day and the times from
 * pickers, custom sign-up questions as rows), edit it, or cancel it (the participants are told
 * through the notification outbox); links to its roster and check-in screen. Opened with
 * projectId to create, with activityId to edit.
 */
import { formBehavior, loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { getActivity } from '../../../services/activity';
import { cancelActivity, createActivity, updateActivity } from '../../../services/activity';
import { ROUTES, openPage } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';
import {
  QUESTION_KINDS,
  activityForm,
  activityFormErrors,
  activityRequest,
  newActivityForm,
  nextQuestionKey,
  type ActivityForm,
  type ActivityFormErrors,
} from '../../utils/activity-form';

type RowEvent = WechatMiniprogram.CustomEvent<{ value: string | number | boolean }, Record<string, never>, { index: number; field?: string }>;

interface ActivityPageData {
  state: ViewState;
  errorText: string;
  activityId: string;
  projectId: string;
  cancelled: boolean;
  form: ActivityForm;
  errors: ActivityFormErrors;
  kindLabels: string[];
  busy: boolean;
}

const initial: ActivityPageData = {
  state: 'ready',
  errorText: '',
  activityId: '',
  projectId: '',
  cancelled: false,
  form: newActivityForm(),
  errors: {},
  kindLabels: QUESTION_KINDS.map((k) => k.label),
  busy: false,
};

Component({
  behaviors: [pageBehavior, loadBehavior, formBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const activityId = query.activityId ?? '';
      // Editing waits for the activity; creating starts on the empty form.
      this.setData({ activityId, projectId: query.projectId ?? '', form: newActivityForm(), state: activityId ? 'loading' : 'ready' });
      if (activityId) void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const a = await getActivity(this.data.activityId, { loading: false, toast: false });
        this.setData({
          state: 'ready',
          projectId: a.projectId ?? '',
          cancelled: a.status === 'cancelled',
          form: activityForm(a),
          errors: {},
        });
      });
    },
    /** The day or a time picker: `data-field` names the form field. */
    onPick(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: 'date' | 'startTime' | 'endTime' }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, errors: {} });
    },
    onAddQuestion() {
      const questions = this.data.form.questions;
      this.setData({ 'form.questions': [...questions, { key: nextQuestionKey(questions), label: '', kindIndex: 0, required: false, options: '' }] });
    },
    onRemoveQuestion(e: RowEvent) {
      this.setData({ 'form.questions': this.data.form.questions.filter((_, i) => i !== Number(e.currentTarget.dataset.index)) });
    },
    /** A question's words, kind (picker index), required (switch) or options: `data-field` says which. */
    onQuestion(e: RowEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (!field) return;
      const value = field === 'kindIndex' ? Number(e.detail.value) : e.detail.value;
      this.setData({ [`form.questions[${Number(index)}].${field}`]: value, 'errors.questions': '' });
    },
    async onSave(): Promise<void> {
      if (this.data.busy) return;
      const errors = activityFormErrors(this.data.form);
      this.setData({ errors });
      if (Object.keys(errors).length) {
        wx.showToast({ title: '有几处需要修改，请看红字提示', icon: 'none' });
        return;
      }
      const fields = activityRequest(this.data.form);
      this.setData({ busy: true });
      try {
        if (this.data.activityId) {
          await updateActivity(this.data.activityId, fields);
        } else {
          const { activityId } = await createActivity({ ...fields, ...(this.data.projectId ? { projectId: this.data.projectId } : {}) });
          this.setData({ activityId });
        }
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch {
        // callCloud told why (e.g. 内容未通过审核).
      } finally {
        this.setData({ busy: false });
      }
    },
    onCancelActivity(): void {
      wx.showModal({
        title: '取消这个活动',
        editable: true,
        placeholderText: '取消原因（会通知已报名的居民）',
        success: (r) => {
          if (!r.confirm) return;
          cancelActivity(this.data.activityId, (r.content ?? '').trim() || '组织方取消').then(
            (res) => {
              this.setData({ cancelled: true });
              wx.showToast({ title: `已取消，通知 ${res.notified} 人`, icon: 'none' });
            },
            () => undefined,
          );
        },
      });
    },
    onRoster() {
      openPage(ROUTES.roster, { activityId: this.data.activityId });
    },
    onCheckinScreen() {
      openPage(ROUTES.checkinScreen, { activityId: this.data.activityId });
    },
  },
});

/**
 * 活动编辑 (organiser or admin): create an activity for a project, edit it, or cancel it (the
 * participants are told through the notification outbox); links to its roster and check-in
 * screen. Opened with projectId to create, with activityId to edit.
 */
import { formBehavior, loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { getActivity } from '../../../services/activity';
import { cancelActivity, createActivity, fromBeijingInput, toBeijingInput, updateActivity } from '../../../services/admin';
import { ROUTES, openPage } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';

interface Form {
  title: string;
  type: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
  location: string;
  description: string;
}

interface ActivityPageData {
  state: ViewState;
  errorText: string;
  activityId: string;
  projectId: string;
  cancelled: boolean;
  form: Form;
  busy: boolean;
}

const initial: ActivityPageData = {
  state: 'ready',
  errorText: '',
  activityId: '',
  projectId: '',
  cancelled: false,
  form: { title: '', type: '', startsAt: '', endsAt: '', capacity: '30', location: '', description: '' },
  busy: false,
};

Component({
  behaviors: [pageBehavior, loadBehavior, formBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const activityId = query.activityId ?? '';
      // Editing waits for the activity; creating starts on the empty form.
      this.setData({ activityId, projectId: query.projectId ?? '', state: activityId ? 'loading' : 'ready' });
      if (activityId) void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const a = await getActivity(this.data.activityId, { loading: false, toast: false });
        this.setData({
          state: 'ready',
          projectId: a.projectId ?? '',
          cancelled: a.status === 'cancelled',
          form: {
            title: a.title,
            type: a.type ?? '',
            startsAt: toBeijingInput(a.startsAt),
            endsAt: toBeijingInput(a.endsAt),
            capacity: String(a.capacity),
            location: a.location?.name ?? '',
            description: a.description ?? '',
          },
        });
      });
    },
    async onSave(): Promise<void> {
      const f = this.data.form;
      const startsAt = fromBeijingInput(f.startsAt);
      const endsAt = fromBeijingInput(f.endsAt);
      const capacity = Number(f.capacity);
      if (!f.title.trim() || !startsAt || !endsAt || !Number.isInteger(capacity) || capacity < 1) {
        wx.showToast({ title: '请填写标题、时间（如 2026-03-01 09:00）和人数', icon: 'none' });
        return;
      }
      const fields = {
        title: f.title,
        startsAt,
        endsAt,
        capacity,
        ...(f.type.trim() ? { type: f.type.trim() } : {}),
        ...(f.location.trim() ? { location: { name: f.location.trim() } } : {}),
        ...(f.description.trim() ? { description: f.description } : {}),
      };
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

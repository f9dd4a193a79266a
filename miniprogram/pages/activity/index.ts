/**
 * 活动详情: Beijing time with weekday, place with a map, seats, my status, and the sign-up /
 * cancel buttons (cancel asks first). One cloud call (activity.get).
 */
import type { ActivityView } from '../../../typings/activity';
import { loadIfGiven, loadInto, pageBehavior, reloadOnShowBehavior } from '../../behaviors/page';
import { cancelSignup, getActivity, rateActivity } from '../../services/activity';
import { isCloudError } from '../../services/cloud';
import { toDetailView, type DetailView } from '../../utils/activity-view';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface DetailData {
  state: ViewState;
  errorText: string;
  activityId: string;
  activity: ActivityView | null;
  /** 居民评价 as the resident is giving it (from their earlier rating, if any). */
  stars: number;
  comment: string;
  rating: boolean;
  view: DetailView | null;
}

const initial: DetailData = { state: 'loading', errorText: '', activityId: '', activity: null, view: null, stars: 0, comment: '', rating: false };

function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, confirmText, cancelText: '再想想', success: (r) => resolve(r.confirm), fail: () => resolve(false) });
  });
}

Component({
  // Reloads on show: back from the sign-up form, the new status shows.
  behaviors: [pageBehavior, reloadOnShowBehavior],
  data: initial,
  methods: {
    onStar(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { stars: number }>) {
      this.setData({ stars: Number(e.currentTarget.dataset.stars) });
    },
    onComment(e: WechatMiniprogram.Input) {
      this.setData({ comment: e.detail.value });
    },
    async onRate(): Promise<void> {
      if (this.data.rating) return;
      if (this.data.stars < 1) {
        wx.showToast({ title: '请先点星星打分', icon: 'none' });
        return;
      }
      this.setData({ rating: true });
      try {
        await rateActivity(this.data.activityId, this.data.stars, this.data.comment.trim() || undefined);
        wx.showToast({ title: '谢谢您的评价', icon: 'success' });
        await this.load();
      } catch {
        // callCloud said why (e.g. 评价时间已过).
      } finally {
        this.setData({ rating: false });
      }
    },
    onLoad(query: Record<string, string | undefined>) {
      // `id` is what subscription messages open; the app's own links pass `activityId`.
      const activityId = query.activityId ?? query.id ?? '';
      this.setData({ activityId });
      loadIfGiven(this, activityId, '没有找到这个活动');
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const activity = await getActivity(this.data.activityId, { loading: false, toast: false });
        this.setData({
          state: 'ready',
          activity,
          view: toDetailView(activity),
          stars: activity.rating?.mine?.stars ?? 0,
          comment: activity.rating?.mine?.comment ?? '',
        });
        wx.setNavigationBarTitle?.({ title: activity.type ?? '活动详情' });
      });
    },
    onOpenMap() {
      const place = this.data.activity?.location;
      if (!place || place.latitude === undefined || place.longitude === undefined) return;
      wx.openLocation({ latitude: place.latitude, longitude: place.longitude, name: place.name, scale: 17 });
    },
    onSignup() {
      if (!this.data.view?.canSignup) return;
      openPage(ROUTES.activitySignup, { activityId: this.data.activityId });
    },
    onOpenRoster() {
      openPage(ROUTES.roster, { activityId: this.data.activityId });
    },
    onSignupFamily() {
      if (!this.data.view?.canSignup) return;
      openPage(ROUTES.activitySignup, { activityId: this.data.activityId, forOther: '1' });
    },
    async onCancel(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { signupId?: string; name?: string }>) {
      if (!this.data.view?.canCancel) return;
      const { signupId, name } = e.currentTarget.dataset;
      const who = name ? `${name}的报名` : '您的报名';
      const ok = await confirm('确认取消报名？', `取消后${who}名额会让给候补的邻居，需要时可以重新报名。`, '确认取消');
      if (!ok) return;
      try {
        await cancelSignup({ activityId: this.data.activityId, signupId }, { toast: false });
        wx.showToast({ title: '已取消报名', icon: 'success' });
        await this.load();
      } catch (err) {
        // The server's words say which rule applies (不能取消 / 已过取消时间 …).
        const text = isCloudError(err) ? err.serverMessage || err.message : '取消没有成功，请稍后再试';
        wx.showModal({ title: '没有取消', content: text, showCancel: false, confirmText: '知道了' });
      }
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const a = this.data.activity;
      return {
        title: a ? `${a.title}，一起来参加吧` : '家门口社区活动',
        path: `${ROUTES.activity}?activityId=${encodeURIComponent(this.data.activityId)}`,
      };
    },
  },
});

/**
 * 我的: my votes and activities, check-in, help, the 长辈模式 switch, and the entries for
 * organisers and administrators (the functions check who may use them). No cloud call.
 */
import { pageBehavior } from '../../behaviors/page';
import { hasElderChoice, setElderMode } from '../../utils/elder';
import { ROUTES, openPage, type Route } from '../../utils/nav';

type LinkName = 'myVotes' | 'myActivities' | 'checkin' | 'help' | 'organizer' | 'admin';

Component({
  behaviors: [pageBehavior],
  data: { followsSystem: false },
  methods: {
    onShow() {
      this.setData({ followsSystem: !hasElderChoice() && this.data.elder });
    },
    onElderChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const on = Boolean(e.detail.value);
      setElderMode(on);
      this.setData({ followsSystem: false });
      wx.showToast({ title: on ? '已开启长辈模式，字更大了' : '已关闭长辈模式', icon: 'none' });
    },
    onLink(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { to: LinkName }>) {
      const route: Route = ROUTES[e.currentTarget.dataset.to];
      openPage(route);
    },
  },
});

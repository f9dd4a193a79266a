/**
 * 组织者签到屏: a big rotating QR (a fresh signed token about every 30 s, drawn on a 2D
 * canvas), the countdown to the next one, the live count checked-in / signed-up, and the
 * screen kept on. Usable after one call (the token); the count follows lazily.
 */
import type { CheckinMode } from '../../../../typings/checkin';
import { loadErrorText, pageBehavior } from '../../../behaviors/page';
import { checkinStats, checkinToken, posterCode, verifyCode } from '../../../services/checkin';
import { isCloudError } from '../../../services/cloud';
import { drawQr, prepareQrCanvas, qrMatrix, type QrContext } from '../../../utils/qr';
import { ROUTES, openPage } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';

/** How often the count is refreshed while the screen is open. */
export const STATS_EVERY_MS = 5000;
const STEP_MS = 30_000;

interface ScreenData {
  state: ViewState;
  errorText: string;
  activityId: string;
  title: string;
  token: string;
  secondsLeft: number;
  checkedIn: number;
  signedUp: number;
  walkIns: number;
  countText: string;
  modeText: string;
  windowText: string;
  open: boolean;
  posterSrc: string;
  projectId: string;
}

const initial: ScreenData = {
  state: 'loading',
  errorText: '',
  activityId: '',
  title: '',
  token: '',
  secondsLeft: 0,
  checkedIn: 0,
  signedUp: 0,
  walkIns: 0,
  countText: '',
  modeText: '',
  windowText: '',
  open: true,
  posterSrc: '',
  projectId: '',
};

function modeText(mode: CheckinMode): string {
  return mode === 'geofence' ? '扫码或扫海报码均可签到（需在活动地点附近）' : '请居民用小程序“扫码签到”扫描此码';
}

/** Per screen instance: timers and the canvas, kept off `data` (not rendered). */
interface Runtime {
  refreshAt: number;
  tick?: number;
  stats?: number;
  ctx?: QrContext;
  size: number;
}
const runtimes = new WeakMap<object, Runtime>();

/**
 * A repeated scan is not an error at the door: a dialog with a title says the person is in
 * already and may go ahead; anything else is the server's own words.
 */
export function repeatedScanOrRefusal(e: unknown): void {
  if (!isCloudError(e)) return;
  if (e.code === 'ALREADY_CHECKED_IN') {
    wx.showModal({ title: '已经签到过了', content: `${e.message}。不用重复签到，请直接入场。`, showCancel: false, confirmText: '知道了' });
    return;
  }
  wx.showToast({ title: e.message, icon: 'none', duration: 3000 });
}

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const rt: Runtime = { refreshAt: 0, size: 0 };
      runtimes.set(this, rt);
      this.setData({ activityId: query.activityId ?? '' });
      wx.setKeepScreenOn({ keepScreenOn: true });
      void this.refreshToken().then(() => this.refreshStats());
      rt.tick = setInterval(() => this.onTick(), 1000) as unknown as number;
      rt.stats = setInterval(() => void this.refreshStats(), STATS_EVERY_MS) as unknown as number;
    },
    onUnload() {
      const rt = runtimes.get(this);
      if (rt?.tick !== undefined) clearInterval(rt.tick);
      if (rt?.stats !== undefined) clearInterval(rt.stats);
      wx.setKeepScreenOn({ keepScreenOn: false });
    },
    /** Once a second: the countdown, and a new token when it is due. */
    onTick() {
      const rt = runtimes.get(this);
      if (!rt || !rt.refreshAt) return;
      const left = Math.max(0, Math.ceil((rt.refreshAt - Date.now()) / 1000));
      if (left !== this.data.secondsLeft) this.setData({ secondsLeft: left });
      if (left === 0) void this.refreshToken();
    },
    async refreshToken(): Promise<void> {
      const rt = runtimes.get(this);
      if (!rt) return;
      rt.refreshAt = 0; // no second fetch while this one runs
      try {
        const t = await checkinToken(this.data.activityId);
        // The phone's clock may differ from the server's: wait between 5 and 30 seconds.
        const wait = Math.min(STEP_MS, Math.max(5000, Date.parse(t.refreshAt) - Date.now()));
        rt.refreshAt = Date.now() + wait;
        this.setData({
          state: 'ready',
          token: t.token,
          secondsLeft: Math.ceil(wait / 1000),
          modeText: modeText(t.mode),
          open: t.window.open,
          windowText: t.window.open ? '' : '现在不在签到时间内，居民扫码会被拒绝',
        });
        this.draw();
      } catch (e) {
        if (this.data.state !== 'ready') this.setData({ state: 'error', errorText: loadErrorText(e) });
        else rt.refreshAt = Date.now() + 5000; // keep the last code up and try again soon
      }
    },
    async refreshStats(): Promise<void> {
      if (this.data.state !== 'ready') return;
      try {
        const s = await checkinStats(this.data.activityId);
        this.setData({
          title: s.title,
          checkedIn: s.checkedIn,
          signedUp: s.signedUp,
          walkIns: s.walkIns,
          countText: `已签到 ${s.checkedIn} / 已报名 ${s.signedUp}`,
          projectId: s.projectId ?? '',
        });
        wx.setNavigationBarTitle?.({ title: `签到 · ${s.title}` });
      } catch {
        // The count is a convenience; the code keeps working.
      }
    },
    /** Draws the current token on the canvas (a 2D canvas node, sized for the device's pixels). */
    draw() {
      const rt = runtimes.get(this);
      if (!rt || !this.data.token) return;
      const paint = () => rt.ctx && drawQr(rt.ctx, qrMatrix(this.data.token), rt.size);
      if (rt.ctx) {
        paint();
        return;
      }
      prepareQrCanvas(this, '#qr', (canvas) => {
        rt.ctx = canvas.ctx;
        rt.size = canvas.size;
        paint();
      });
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.refreshToken().then(() => this.refreshStats());
    },
    /** 扫码核验: scan a resident's personal code (我的签到码) for a queue at the door. */
    onVerify() {
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode'],
        success: (r) => {
          void verifyCode(r.result, { toast: false })
            .then((res) => {
              wx.showToast({ title: `${res.name ?? '居民'} 签到成功${res.walkIn ? '（现场参加）' : ''}`, icon: 'none' });
              return this.refreshStats();
            })
            .catch((e: unknown) => repeatedScanOrRefusal(e));
        },
      });
    },
    onRoster() {
      openPage(ROUTES.roster, { activityId: this.data.activityId });
    },
    onReport() {
      if (this.data.projectId) openPage(ROUTES.projectReport, { projectId: this.data.projectId });
    },
    async onPoster() {
      try {
        const p = await posterCode(this.data.activityId);
        this.setData({ posterSrc: `data:image/png;base64,${p.pngBase64}` });
      } catch {
        // callCloud showed why.
      }
    },
    onClosePoster() {
      this.setData({ posterSrc: '' });
    },
  },
});

/**
 * 扫码签到: the resident scans the organizer's live QR (wx.scanCode), or arrives from the
 * poster's mini-program code (scene = activity id). A clear success screen names the
 * activity and the Beijing time. Opened empty it needs no cloud call; from a poster, one.
 */
import type { CheckinMode, ScanResult } from '../../../typings/checkin';
import { loadBehavior, loadInto, pageBehavior } from '../../behaviors/page';
import { checkinInfo, scanCheckin } from '../../services/checkin';
import { isCloudError } from '../../services/cloud';
import { askForTemplates } from '../../services/notify';
import { formatDateTime, formatRange } from '../../utils/time';
import type { ViewState } from '../../components/state-view/index';

type Phase = 'idle' | 'busy' | 'done' | 'failed';

interface CheckinData {
  state: ViewState;
  errorText: string;
  phase: Phase;
  /** Opened for an activity, or from a printed poster (its code): the activity, its time and how to check in. */
  activityId: string;
  posterCode: string;
  title: string;
  timeText: string;
  mode: CheckinMode | '';
  modeText: string;
  /** Success screen. */
  doneTitle: string;
  doneLine: string;
  doneNote: string;
  failText: string;
}

const initial: CheckinData = {
  state: 'ready',
  errorText: '',
  phase: 'idle',
  activityId: '',
  posterCode: '',
  title: '',
  timeText: '',
  mode: '',
  modeText: '',
  doneTitle: '',
  doneLine: '',
  doneNote: '',
  failText: '',
};

type Location = { latitude: number; longitude: number };

/** What the page was opened with: a printed poster's code (`scene`, URI-encoded, `k.…`) or an activity id. */
export function openedWith(query: Record<string, string | undefined>): { activityId: string; posterCode: string } {
  const raw = query.scene ?? query.activityId ?? '';
  let text: string;
  try {
    text = decodeURIComponent(raw).trim();
  } catch {
    text = raw.trim();
  }
  return /^k\.[A-Za-z0-9_-]{16}$/.test(text) ? { activityId: '', posterCode: text } : { activityId: text, posterCode: '' };
}

function modeText(mode: CheckinMode): string {
  return mode === 'geofence' ? '到达活动地点后，点“现场签到”即可（需要允许获取位置）' : '请扫描组织者手机上的签到码';
}

function scanQr(): Promise<string | null> {
  return new Promise((resolve) => wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'], success: (r) => resolve(r.result), fail: () => resolve(null) }));
}

function locate(): Promise<Location | null> {
  return new Promise((resolve) =>
    wx.getLocation({ type: 'gcj02', success: (r) => resolve({ latitude: r.latitude, longitude: r.longitude }), fail: () => resolve(null) }),
  );
}

function successOf(res: ScanResult) {
  if (res.signedOutAt) {
    return {
      doneTitle: '签退成功',
      doneLine: `${res.title}`,
      doneNote: `签退时间 ${formatDateTime(res.signedOutAt)}，服务时长 ${res.durationMin ?? 0} 分钟${res.countsAsHours ? '' : '（未达到计入时长的要求）'}`,
    };
  }
  return {
    doneTitle: '签到成功',
    doneLine: res.title,
    doneNote: `签到时间 ${formatDateTime(res.checkedInAt)}${res.walkIn ? ' · 现场参加' : ''}`,
  };
}

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const { activityId, posterCode } = openedWith(query);
      // From a poster it waits for the activity; opened plain it is the scan screen at once.
      const known = Boolean(activityId || posterCode);
      this.setData({ ...initial, activityId, posterCode, state: known ? 'loading' : 'ready' });
      if (known) void this.load();
    },
    /** From a poster: the activity's title, time and how to check in. */
    load(): Promise<void> {
      return loadInto(this, async () => {
        const { activityId, posterCode } = this.data;
        const info = await checkinInfo(posterCode ? { poster: posterCode } : { activityId }, { loading: false, toast: false });
        this.setData({
          state: 'ready',
          activityId: info.activityId,
          title: info.title,
          timeText: formatRange(info.startsAt, info.endsAt),
          mode: info.mode,
          modeText: info.window.open ? modeText(info.mode) : `签到时间：${formatRange(info.window.opensAt, info.window.closesAt)}`,
        });
      });
    },
    /** 扫码签到: the live QR's text is the token. */
    async onScan(): Promise<void> {
      if (this.data.phase === 'busy') return;
      // The subscription dialog may only open straight from the tap: ask for the 签到成功
      // message first (no dialog once the resident ticked 总是保持), then open the camera.
      await askForTemplates(['checkinThanks']).catch(() => null);
      const token = await scanQr();
      if (!token) return;
      await this.submit({ token, ...(this.data.activityId ? { activityId: this.data.activityId } : {}) });
    },
    /** 现场签到 from a poster: its code, and the phone inside the activity's geofence. */
    async onHere(): Promise<void> {
      if (this.data.phase === 'busy') return;
      await askForTemplates(['checkinThanks']).catch(() => null);
      const location = await locate();
      if (!location) {
        this.setData({ phase: 'failed', failText: '需要您的位置才能确认在现场，请在设置中允许获取位置，或扫描组织者的签到码' });
        return;
      }
      await this.submit({ token: this.data.posterCode, activityId: this.data.activityId, location });
    },
    async submit(params: { token?: string; activityId?: string; location?: Location }): Promise<void> {
      this.setData({ phase: 'busy', failText: '' });
      try {
        const res = await this.scanWithLocationIfAsked(params);
        this.setData({ phase: 'done', ...successOf(res) });
        wx.vibrateShort?.({ type: 'heavy' });
      } catch (e) {
        const code = isCloudError(e) ? e.code : '';
        if (code === 'ALREADY_CHECKED_IN') {
          this.setData({ phase: 'done', doneTitle: '您已经签到过了', doneLine: this.data.title, doneNote: isCloudError(e) ? e.message : '' });
          return;
        }
        this.setData({ phase: 'failed', failText: isCloudError(e) ? e.message : '签到没有成功，请再试一次' });
      }
    },
    /** A live QR of an activity that also checks location: ask for the place only then. */
    async scanWithLocationIfAsked(params: { token?: string; activityId?: string; location?: Location }): Promise<ScanResult> {
      try {
        return await scanCheckin(params, { toast: false });
      } catch (e) {
        if (!(isCloudError(e) && e.code === 'OUT_OF_RANGE' && !params.location)) throw e;
        const location = await locate();
        if (!location) throw e;
        return scanCheckin({ ...params, location }, { toast: false });
      }
    },
    onAgain() {
      this.setData({ phase: 'idle', failText: '' });
    },
  },
});

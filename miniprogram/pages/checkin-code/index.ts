/**
 * 我的签到码 (核验): the resident's personal signed code for one activity — their own or a
 * family member's sign-up — for the organizer to scan at the door. One cloud call.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../behaviors/page';
import { myCheckinCode } from '../../services/checkin';
import { drawQr, prepareQrCanvas, qrMatrix } from '../../utils/qr';
import type { ViewState } from '../../components/state-view/index';

interface CodeData {
  state: ViewState;
  errorText: string;
  activityId: string;
  signupId: string;
  title: string;
  name: string;
  code: string;
}

const initial: CodeData = { state: 'loading', errorText: '', activityId: '', signupId: '', title: '', name: '', code: '' };

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.activityId ?? '', signupId: query.signupId ?? '', title: query.title ? decodeURIComponent(query.title) : '' });
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const res = await myCheckinCode(this.data.activityId, this.data.signupId || undefined, { loading: false, toast: false });
        this.setData({ state: 'ready', code: res.code, name: res.name ?? '' });
        this.draw();
      });
    },
    draw() {
      prepareQrCanvas(this, '#code', ({ ctx, size }) => drawQr(ctx, qrMatrix(this.data.code), size));
    },
  },
});

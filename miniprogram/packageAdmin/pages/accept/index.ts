/**
 * 接受邀请: opened by scanning an invitation's mini-program code (scene `inv=<code>`) or from
 * 我的 to type the code. Anyone may open it; the server decides whether the code is good.
 */
import { pageBehavior } from '../../../behaviors/page';
import { acceptInvite } from '../../../services/role';
import { ROUTES, openPage } from '../../../utils/nav';

interface AcceptData {
  code: string;
  done: boolean;
  resultText: string;
  busy: boolean;
}

const initial: AcceptData = { code: '', done: false, resultText: '', busy: false };

/** The code carried by a scanned mini-program code: `scene=inv%3DABCD2345`. */
export function codeFromQuery(query: Record<string, string | undefined>): string {
  if (query.code) return query.code;
  const scene = query.scene ? decodeURIComponent(query.scene) : '';
  const m = /^inv=([A-Za-z0-9]+)$/.exec(scene);
  return m ? m[1] : '';
}

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ code: codeFromQuery(query) });
    },
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ code: e.detail.value });
    },
    async onAccept(): Promise<void> {
      const code = this.data.code.replace(/[\s-]/g, '');
      if (code.length < 4) {
        wx.showToast({ title: '请输入邀请码', icon: 'none' });
        return;
      }
      this.setData({ busy: true });
      try {
        const res = await acceptInvite(code);
        this.setData({ done: true, resultText: res.role === 'admin' ? '您已成为管理员' : '您已成为项目组织者' });
      } catch {
        // callCloud told why (已使用、已过期…).
      } finally {
        this.setData({ busy: false });
      }
    },
    onGo() {
      openPage(ROUTES.me);
    },
  },
});

/** 操作记录 (admin): the audit log, newest first, 20 at a time. */
import { loadErrorText, pageBehavior } from '../../../behaviors/page';
import { auditLog } from '../../../services/admin';
import { formatDateTime } from '../../../utils/time';
import type { ViewState } from '../../../components/state-view/index';
import type { AuditItem } from '../../../../typings/role';

interface AuditRow {
  id: string;
  what: string;
  who: string;
  when: string;
  detail: string;
}

interface AuditData {
  state: ViewState;
  errorText: string;
  rows: AuditRow[];
  next: number | null;
  more: boolean;
}

const initial: AuditData = { state: 'loading', errorText: '', rows: [], next: 0, more: false };

const ACTIONS: Record<string, string> = {
  'contest.create': '创建评选',
  'contest.update': '修改评选',
  'contest.status': '评选状态',
  'contest.publish': '公布结果',
  'project.create': '添加项目',
  'project.update': '修改项目',
  'project.reorder': '项目排序',
  'vote.void': '作废投票',
  'vote.reconcile': '核对票数',
  'activity.create': '创建活动',
  'activity.update': '修改活动',
  'activity.cancel': '取消活动',
  'role.grant': '授予权限',
  'role.revoke': '收回权限',
  'role.invite': '发出邀请',
  'role.accept': '接受邀请',
  'report.export': '导出表格',
};

function detailText(detail: Record<string, unknown> | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('，')
    .slice(0, 120);
}

export function auditRows(items: AuditItem[]): AuditRow[] {
  return items.map((i) => ({
    id: i.id,
    what: `${ACTIONS[i.action] ?? i.action} · ${i.target}`,
    who: i.actor ? `…${i.actor.slice(-6)}` : '系统',
    when: i.at ? formatDateTime(i.at) : '',
    detail: detailText(i.detail),
  }));
}

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load(true);
    },
    async load(first: boolean): Promise<void> {
      const offset = first ? 0 : this.data.next;
      if (offset === null) return;
      this.setData({ more: !first });
      try {
        const page = await auditLog(offset);
        const rows = (first ? [] : this.data.rows).concat(auditRows(page.items));
        this.setData({ state: rows.length ? 'ready' : 'empty', rows, next: page.next, more: false });
      } catch (e) {
        this.setData({ state: first ? 'error' : 'ready', errorText: loadErrorText(e), more: false });
      }
    },
    onRetry() {
      void this.load(true);
    },
    onMore() {
      void this.load(false);
    },
    onReachBottom() {
      if (this.data.next !== null && !this.data.more) void this.load(false);
    },
  },
});

/**
 * 操作记录 (admin): the audit log, newest first, 20 at a time, in words: who (a name), what
 * (a Chinese action), on what (a title) and the change (获奖名额 5 → 6). Filters by action,
 * person and contest, chosen from pickers the server fills.
 */
import { loadErrorText, pageBehavior } from '../../../behaviors/page';
import { auditLog, type AuditFilters } from '../../../services/role';
import { formatDateTime } from '../../../utils/time';
import type { ViewState } from '../../../components/state-view/index';
import type { AuditFilterOption, AuditItem } from '../../../../typings/role';

interface AuditRow {
  id: string;
  what: string;
  who: string;
  when: string;
  changes: string[];
  note: string;
}

/** One filter picker: its choices (the first is 全部) and the one chosen. */
interface FilterPicker {
  key: keyof AuditFilters;
  title: string;
  options: AuditFilterOption[];
  labels: string[];
  index: number;
}

interface AuditData {
  state: ViewState;
  errorText: string;
  rows: AuditRow[];
  next: number | null;
  more: boolean;
  pickers: FilterPicker[];
}

const ALL: AuditFilterOption = { value: '', label: '全部' };

const initial: AuditData = { state: 'loading', errorText: '', rows: [], next: 0, more: false, pickers: [] };

/** 获奖名额：5 → 6; a value set for the first time or cleared says so. */
export function changeText(c: { label: string; before: string; after: string }): string {
  if (c.before === '') return `${c.label}：设为 ${c.after}`;
  if (c.after === '') return `${c.label}：清除（原为 ${c.before}）`;
  return `${c.label}：${c.before} → ${c.after}`;
}

export function auditRows(items: AuditItem[]): AuditRow[] {
  return items.map((i) => {
    const on = i.targetTitle ? `${i.targetKind ? `${i.targetKind}「${i.targetTitle}」` : `「${i.targetTitle}」`}` : (i.targetKind ?? '');
    return {
      id: i.id,
      what: on ? `${i.actionLabel} · ${on}` : i.actionLabel,
      who: i.actorName,
      when: i.at ? formatDateTime(i.at) : '',
      changes: (i.changes ?? []).map(changeText),
      note: i.note ?? '',
    };
  });
}

function picker(key: keyof AuditFilters, title: string, options: AuditFilterOption[]): FilterPicker {
  const all = [ALL, ...options];
  return { key, title, options: all, labels: all.map((o) => o.label), index: 0 };
}

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load(true);
    },
    filters(): AuditFilters {
      const chosen: AuditFilters = { type: '', actor: '', contestId: '' };
      for (const p of this.data.pickers) chosen[p.key] = p.options[p.index]?.value ?? '';
      return chosen;
    },
    async load(first: boolean): Promise<void> {
      const offset = first ? 0 : this.data.next;
      if (offset === null) return;
      this.setData({ more: !first });
      try {
        const page = await auditLog(offset, this.filters());
        const rows = (first ? [] : this.data.rows).concat(auditRows(page.items));
        const update: Partial<AuditData> = { state: rows.length ? 'ready' : 'empty', rows, next: page.next, more: false };
        if (page.filters && !this.data.pickers.length) {
          update.pickers = [
            picker('type', '操作', page.filters.actions),
            picker('actor', '操作人', page.filters.people),
            picker('contestId', '评选', page.filters.contests),
          ];
        }
        this.setData(update);
      } catch (e) {
        this.setData({ state: first ? 'error' : 'ready', errorText: loadErrorText(e), more: false });
      }
    },
    onFilter(e: WechatMiniprogram.PickerChange<Record<string, never>, { index?: number }>) {
      const at = Number(e.currentTarget.dataset.index);
      const chosen = Number(e.detail.value);
      if (!Number.isInteger(at) || !Number.isInteger(chosen)) return;
      this.setData({ [`pickers[${at}].index`]: chosen, state: 'loading' });
      void this.load(true);
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

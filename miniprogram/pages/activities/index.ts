/**
 * 活动: upcoming activities first (soonest on top), then past ones. One cloud call (activity.list).
 * Filters: the activity types offered (chips; the server filters), and a project when opened
 * with ?projectId= (e.g. from a project's page).
 */
import { loadBehavior, loadInto, pageBehavior } from '../../behaviors/page';
import { listActivities } from '../../services/activity';
import { toActivityCard, type ActivityCardView } from '../../utils/cards';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface TypeChip {
  name: string;
  active: boolean;
}

interface ActivitiesData {
  state: ViewState;
  errorText: string;
  upcoming: ActivityCardView[];
  past: ActivityCardView[];
  /** Filters: '' = all. */
  type: string;
  projectId: string;
  types: TypeChip[];
}

const initial: ActivitiesData = { state: 'loading', errorText: '', upcoming: [], past: [], type: '', projectId: '', types: [] };

/** Chips for the types seen in an unfiltered list (kept while a filter narrows the list). */
function typeChips(names: string[], active: string): TypeChip[] {
  const unique = names.filter((n, i) => n && names.indexOf(n) === i);
  return [{ name: '全部', active: !active }, ...unique.map((name) => ({ name, active: name === active }))];
}

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ projectId: query.projectId ?? '', type: query.type ?? '' });
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const filter = { ...(this.data.projectId ? { projectId: this.data.projectId } : {}), ...(this.data.type ? { type: this.data.type } : {}) };
        const { items } = await listActivities(filter, { loading: false, toast: false });
        const now = Date.now();
        const sorted = items.slice().sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
        const cards = sorted.map((a) => toActivityCard(a, now));
        const upcoming = cards.filter((c) => !c.past);
        const past = cards.filter((c) => c.past).reverse();
        const seen = this.data.type ? this.data.types.slice(1).map((c) => c.name) : items.map((a) => a.type ?? '');
        const types = typeChips(seen.length ? seen : [this.data.type], this.data.type);
        this.setData({ state: cards.length || this.data.type ? 'ready' : 'empty', upcoming, past, types });
      });
    },
    onPickType(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { type?: string }>) {
      const picked = e.currentTarget.dataset.type ?? '';
      const type = picked === '全部' ? '' : picked;
      if (type === this.data.type) return;
      this.setData({ type, types: this.data.types.map((c) => ({ ...c, active: c.name === (type || '全部') })) });
      void this.load();
    },
    onClearProject() {
      this.setData({ projectId: '' });
      void this.load();
    },
    onOpenActivity(e: WechatMiniprogram.CustomEvent<{ activityId: string }>) {
      openPage(ROUTES.activity, { activityId: e.detail.activityId });
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const next = this.data.upcoming[0];
      return {
        title: next ? `社区活动：${next.title}，一起来参加吧` : '家门口社区活动，欢迎报名参加',
        path: ROUTES.activities,
      };
    },
  },
});

/**
 * 管理首页 (subpackage): the programme's figures (report.dashboard, one call), the entries of the
 * admin tools, and every contest. The functions refuse all of it to non-admins.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { listContests } from '../../../services/contest';
import { dashboard } from '../../../services/report';
import { toContestCard, type ContestCardView } from '../../../utils/cards';
import { ROUTES, openPage, type Route } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';
import type { DashboardFigures } from '../../../../typings/report';

interface Figure {
  label: string;
  value: number;
}

interface AdminData {
  state: ViewState;
  errorText: string;
  figures: Figure[];
  items: ContestCardView[];
}

const initial: AdminData = { state: 'loading', errorText: '', figures: [], items: [] };

/** The numbers the programme reports to its funders, in the order they read them. */
export function figuresOf(f: DashboardFigures): Figure[] {
  return [
    { label: '项目', value: f.projects },
    { label: '已办活动', value: f.activitiesHeld },
    { label: '受益人次', value: f.personTimes },
    { label: '受益人数', value: f.uniquePeople },
    { label: '有效票数', value: f.votes },
    { label: '投票人数', value: f.voters },
  ];
}

type LinkName = 'adminContest' | 'adminRoles' | 'adminAudit' | 'organizer';

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          void this.loadContests();
          const f = await dashboard();
          this.setData({ state: 'ready', figures: figuresOf(f) });
        },
        { spinner: true },
      );
    },
    async loadContests(): Promise<void> {
      try {
        const { items } = await listContests({ loading: false, toast: false });
        this.setData({ items: items.map((c) => toContestCard(c)) });
      } catch {
        this.setData({ items: [] });
      }
    },
    onLink(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { to: LinkName }>) {
      const route: Route = ROUTES[e.currentTarget.dataset.to];
      openPage(route);
    },
    onOpenContest(e: WechatMiniprogram.CustomEvent<{ contestId: string }>) {
      openPage(ROUTES.adminContest, { contestId: e.detail.contestId });
    },
  },
});

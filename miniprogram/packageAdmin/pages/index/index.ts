/**
 * 管理首页 (subpackage): the programme's figures (report.dashboard, one call) with the desks'
 * assisted ballots per staff member against the hourly limit, the entries of the admin tools,
 * and every contest. The functions refuse all of it to non-admins.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { listContests } from '../../../services/contest';
import { dashboard } from '../../../services/report';
import { toContestCard, type ContestCardView } from '../../../utils/cards';
import { ROUTES, openPage, type Route } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';
import type { DashboardFigures } from '../../../../typings/report';
import type { StaffWorkload } from '../../../../typings/voters';

interface Figure {
  label: string;
  value: number;
}

/** One staff member's desk ballots in words (线下投票登记), flagged when an hour went over the limit. */
interface StaffRow {
  key: string;
  name: string;
  contest: string;
  summary: string;
  overLimit: boolean;
}

interface AdminData {
  state: ViewState;
  errorText: string;
  figures: Figure[];
  assistedText: string;
  staff: StaffRow[];
  items: ContestCardView[];
}

const initial: AdminData = { state: 'loading', errorText: '', figures: [], assistedText: '', staff: [], items: [] };

/** "2026-01-09 10:00" → "1月9日 10:00". */
function hourText(hour: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2}) (\d{2}:\d{2})/.exec(hour);
  return m ? `${Number(m[1])}月${Number(m[2])}日 ${m[3]}` : hour;
}

/** Staff at the desks: who recorded how many ballots, this hour and at the busiest hour, against the limit. */
export function staffRowsOf(staff: StaffWorkload[]): StaffRow[] {
  return staff.map((s, i) => {
    const limit = s.perHour > 0 ? `/${s.perHour}` : '';
    const busiest = s.busiestHourBallots > 1 ? ` · 最多的一小时（${hourText(s.busiestHour)} 起）${s.busiestHourBallots} 张` : '';
    return {
      key: `${s.contestId}:${i}`,
      name: s.name,
      contest: s.contestTitle,
      summary: `共 ${s.ballots} 张 · 本小时 ${s.thisHour}${limit} 张${busiest}`,
      overLimit: s.overLimit,
    };
  });
}

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
          this.setData({
            state: 'ready',
            figures: figuresOf(f),
            assistedText: f.assistedVotes ? `其中线下登记 ${f.assistedVotes} 票` : '',
            staff: staffRowsOf(f.staff),
          });
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

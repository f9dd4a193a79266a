/**
 * 我的项目 (organizer): the projects I organize (role.me, one call), each with its activities
 * (loaded after), 新建活动, and links to an activity's editor, the 项目风采 (cover and photos) and
 * the project report.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { myRoles } from '../../../services/role';
import { listActivities } from '../../../services/activity';
import { formatDateTime } from '../../../utils/time';
import { ROUTES, openPage } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';
import type { ActivityView } from '../../../../typings/activity';

interface ActivityRow {
  activityId: string;
  title: string;
  when: string;
  seats: string;
  cancelled: boolean;
}

interface ProjectBlock {
  projectId: string;
  title: string;
  activities: ActivityRow[];
}

interface ProjectsData {
  state: ViewState;
  errorText: string;
  projects: ProjectBlock[];
}

const initial: ProjectsData = { state: 'loading', errorText: '', projects: [] };

export function activityRows(items: ActivityView[]): ActivityRow[] {
  return items.map((a) => ({
    activityId: a.activityId,
    title: a.title,
    when: formatDateTime(a.startsAt),
    seats: `${a.confirmed}/${a.capacity} 人`,
    cancelled: a.status === 'cancelled',
  }));
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onShow() {
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          const me = await myRoles();
          const projects = (me.projects ?? []).map((p) => ({ projectId: p.projectId, title: p.title || '未命名项目', activities: [] as ActivityRow[] }));
          this.setData({ state: projects.length ? 'ready' : 'empty', projects });
          projects.forEach((p, i) => void this.loadActivities(p.projectId, i));
        },
        { spinner: !this.data.projects.length },
      );
    },
    async loadActivities(projectId: string, index: number): Promise<void> {
      try {
        const { items } = await listActivities({ projectId }, { loading: false, toast: false });
        this.setData({ [`projects[${index}].activities`]: activityRows(items) });
      } catch {
        // The project still shows; its activities can be reached from the workbench.
      }
    },
    onNewActivity(e: Tap) {
      openPage(ROUTES.adminActivity, { projectId: e.currentTarget.dataset.id });
    },
    onOpenActivity(e: Tap) {
      openPage(ROUTES.adminActivity, { activityId: e.currentTarget.dataset.id });
    },
    onShowcase(e: Tap) {
      openPage(ROUTES.projectShowcase, { projectId: e.currentTarget.dataset.id });
    },
    onReport(e: Tap) {
      openPage(ROUTES.projectReport, { projectId: e.currentTarget.dataset.id });
    },
  },
});

/** Navigation helpers shared by pages. */

/** The app's pages a page may link to; one list so a rename is caught by tsc. */
export const ROUTES = {
  home: '/pages/home/index',
  activities: '/pages/activities/index',
  me: '/pages/me/index',
  help: '/pages/help/index',
  contest: '/pages/contest/index',
  voteProject: '/pages/vote-project/index',
  leaderboard: '/pages/leaderboard/index',
  activity: '/pages/activity/index',
  activitySignup: '/pages/activity-signup/index',
  checkin: '/pages/checkin/index',
  checkinCode: '/pages/checkin-code/index',
  myVotes: '/pages/my-votes/index',
  myActivities: '/pages/my-activities/index',
  checkinScreen: '/packageOrganizer/pages/checkin-screen/index',
  roster: '/packageOrganizer/pages/roster/index',
  staffDesk: '/packageOrganizer/pages/desk/index',
  judge: '/packageOrganizer/pages/judge/index',
  projectReport: '/packageOrganizer/pages/report/index',
  organizer: '/packageOrganizer/pages/index/index',
  admin: '/packageAdmin/pages/index/index',
  adminContest: '/packageAdmin/pages/contest/index',
  adminProject: '/packageAdmin/pages/project/index',
  projectShowcase: '/packageAdmin/pages/showcase/index',
  adminRoles: '/packageAdmin/pages/roles/index',
  adminAudit: '/packageAdmin/pages/audit/index',
  adminResults: '/packageAdmin/pages/results/index',
  adminRules: '/packageAdmin/pages/rules/index',
  acceptInvite: '/packageAdmin/pages/accept/index',
  adminActivity: '/packageAdmin/pages/activity/index',
  myProjects: '/packageAdmin/pages/projects/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

const TABS: readonly string[] = [ROUTES.home, ROUTES.activities, ROUTES.me];

function withQuery(url: string, query: Record<string, string> = {}): string {
  const q = Object.keys(query)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k])}`)
    .join('&');
  return q ? `${url}?${q}` : url;
}

/** Opens a page (tab pages by switchTab); a page not yet shipped says so instead of failing silently. */
export function openPage(route: Route, query: Record<string, string> = {}): void {
  if (TABS.indexOf(route) >= 0) {
    wx.switchTab({ url: route });
    return;
  }
  wx.navigateTo({
    url: withQuery(route, query),
    fail: () => wx.showToast({ title: '这个页面即将开放，敬请期待', icon: 'none' }),
  });
}

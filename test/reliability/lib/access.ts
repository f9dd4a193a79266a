/**
 * Who may call each action (API.md "who"). `privileged` = admin or organizer: a resident
 * without a grant must never succeed. `open` = anyone (residents included). `secret` = a
 * resident action that needs a secret the fuzz world never hands out (an invitation code, a
 * signed check-in token): success would mean a forged secret worked. A new action must be
 * classified here before the fuzz suite passes, so escalation checks never lag the contract.
 */
export type Access = 'open' | 'privileged' | 'secret';

export const ACCESS: Record<string, Record<string, Access>> = {
  contest: {
    create: 'privileged',
    addProject: 'privileged',
    setStatus: 'privileged',
    list: 'open',
    get: 'open',
    leaderboard: 'open',
    projectCode: 'open',
    seal: 'privileged',
    audit: 'open',
    // Anyone once the result is published; the fuzz world's contest is open, so admins only.
    auditFile: 'privileged',
    update: 'privileged',
    updateProject: 'privileged',
    reorderProjects: 'privileged',
    setShowcase: 'privileged',
    setScoring: 'privileged',
    closeScoring: 'privileged',
    // Judges only (a grant); a resident is refused.
    scoreSheet: 'privileged',
    score: 'privileged',
    // Nobody before the scoring closes (the fuzz world never closes it) but admins.
    scores: 'privileged',
    ranking: 'privileged',
  },
  vote: {
    cast: 'open',
    mine: 'open',
    reconcile: 'privileged',
    flags: 'privileged',
    void: 'privileged',
    // Staff only.
    assisted: 'privileged',
    desk: 'privileged',
    // Needs a phone code WeChat issued; the fuzz world never has one.
    verifyPhone: 'secret',
  },
  activity: {
    create: 'privileged',
    get: 'open',
    list: 'open',
    signup: 'open',
    cancel: 'open',
    roster: 'privileged',
    export: 'privileged',
    mine: 'open',
    approve: 'privileged',
    reject: 'privileged',
    update: 'privileged',
    cancelActivity: 'privileged',
    // Only after checking in; nobody in the fuzz world has.
    rate: 'secret',
  },
  checkin: {
    token: 'privileged',
    scan: 'secret',
    manual: 'privileged',
    myCode: 'open',
    verify: 'privileged',
    signOut: 'secret',
    stats: 'privileged',
    poster: 'privileged',
    configure: 'privileged',
    info: 'open',
  },
  // flush: admins, the timer, and functions holding the wake key; a resident's `wake` guess must fail.
  notify: { grant: 'open', mine: 'open', flush: 'privileged' },
  role: {
    grant: 'privileged',
    revoke: 'privileged',
    invite: 'privileged',
    accept: 'secret',
    me: 'open',
    list: 'privileged',
    audit: 'privileged',
    organizerOf: 'open',
    setName: 'privileged',
  },
  report: {
    totals: 'open',
    project: 'privileged',
    export: 'privileged',
    dashboard: 'privileged',
    programme: 'privileged',
    setOutcomes: 'privileged',
    outcomes: 'privileged',
    reviewOutcomes: 'privileged',
    programmePdf: 'privileged',
    importRoster: 'privileged',
  },
};

/** Admin-only actions (API.md): an organizer's grant must not reach them either. */
export const ADMIN_ONLY: Record<string, string[]> = {
  contest: ['create', 'addProject', 'setStatus', 'seal', 'update', 'updateProject', 'reorderProjects', 'setScoring', 'closeScoring', 'scores', 'ranking'],
  vote: ['reconcile', 'flags', 'void'],
  activity: ['export'],
  role: ['grant', 'revoke', 'invite', 'list', 'audit'],
  report: ['export', 'dashboard', 'programme', 'reviewOutcomes', 'programmePdf', 'importRoster'],
};

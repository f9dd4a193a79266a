/**
 * Every database collection the functions use, by one name each. Collections are not created
 * on write in the cloud (-502005 DATABASE_COLLECTION_NOT_EXIST): an environment is set up with
 * all of these before the functions run.
 */
export const COLLECTIONS = {
  // The vote (vote/README.md)
  contests: 'contests',
  projects: 'projects',
  /** The ledger: `_id` = contest:project:openid:day[:slot]; the unique `_id` is the dedup. */
  votes: 'votes',
  quotas: 'vote_quotas',
  shards: 'tally_shards',
  blocks: 'ledger_blocks',
  /** Append-only void records (one per voided vote, `_id` = the vote's), sealed into the chain. */
  voids: 'vote_voids',
  // Who may vote (voters/README.md)
  /** `_id` = openid: the phone that WeChat account verified, as a keyed hash; bound once. */
  voterPhones: 'voter_phones',
  /** `_id` = contest:phoneKey: one resident of a contest's roster (never a name or a phone). */
  roster: 'roster_entries',
  // Judges (judging/README.md)
  /** `_id` = contest:project:judge: one judge's scores of one project, written once. */
  judgeScores: 'judge_scores',
  // Activities and check-in (activity/README.md, checkin/model.ts)
  activities: 'activities',
  signups: 'signups',
  checkins: 'checkins',
  /** 居民评价: one per person per activity (activity/rating.ts); `_id` names nobody. */
  ratings: 'ratings',
  // The programme's results (report/outcomes.ts)
  /** The figures only organizers know, one per project (`_id` = projectId), with the admin's review. */
  outcomes: 'project_outcomes',
  // People and their rights
  roles: 'roles',
  invites: 'role_invites',
  audit: 'audit',
  // Notifications (notify/README.md)
  outbox: 'outbox',
  subscriptions: 'subscriptions',
  watches: 'notify_watches',
  reminderRuns: 'notify_reminder_runs',
  // Moderation
  mediaChecks: 'media_checks',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** A database index: its name and fields (ascending), as the environment's setup creates it. */
export interface IndexSpec {
  name: string;
  keys: string[];
  unique?: boolean;
}

/**
 * The indexes the queries need, per collection, beside `_id` (always indexed). The cloud
 * builds none by itself: `npm run admin -- setup` creates these; the local emulator reports
 * (in tests: refuses) a query on a large collection that none of them serves.
 */
export const INDEXES: Record<CollectionName, IndexSpec[]> = {
  contests: [{ name: 'status', keys: ['status', 'createdAt'] }],
  projects: [
    { name: 'contest', keys: ['contestId', 'order'] },
    { name: 'cover', keys: ['coverImage'] },
  ],
  votes: [
    { name: 'voter_day', keys: ['contestId', 'openid', 'day'] },
    { name: 'unsealed', keys: ['contestId', 'block'] },
    { name: 'receipt', keys: ['receipt'] },
  ],
  vote_quotas: [{ name: 'contest', keys: ['contestId', 'openid'] }],
  tally_shards: [{ name: 'contest', keys: ['contestId', 'projectId'] }],
  ledger_blocks: [{ name: 'chain', keys: ['contestId', 'seq'] }],
  vote_voids: [{ name: 'block', keys: ['contestId', 'block'] }],
  voter_phones: [],
  roster_entries: [],
  judge_scores: [{ name: 'contest', keys: ['contestId', 'judge'] }],
  activities: [
    { name: 'schedule', keys: ['status', 'startsAt', 'endsAt'] },
    { name: 'project', keys: ['projectId', 'startsAt'] },
    { name: 'cover', keys: ['coverImage'] },
    { name: 'poster', keys: ['posterCode'] },
  ],
  signups: [
    { name: 'queue', keys: ['activityId', 'status', 'seq'] },
    { name: 'mine', keys: ['openid', 'status', 'createdAt'] },
  ],
  checkins: [{ name: 'activity', keys: ['activityId', 'person'] }],
  ratings: [{ name: 'project', keys: ['projectId', 'activityId'] }],
  project_outcomes: [],
  roles: [{ name: 'admin', keys: ['admin'] }],
  role_invites: [{ name: 'open', keys: ['status', 'expiresAt'] }],
  audit: [
    { name: 'recent', keys: ['at'] },
    { name: 'by_action', keys: ['action', 'at'] },
    { name: 'by_target', keys: ['target', 'at'] },
  ],
  outbox: [{ name: 'due', keys: ['status', 'nextAttemptAt', 'createdAt'] }],
  subscriptions: [],
  notify_watches: [{ name: 'contest', keys: ['contestId', 'enqueued'] }],
  notify_reminder_runs: [],
  media_checks: [{ name: 'trace', keys: ['traceId'] }],
};

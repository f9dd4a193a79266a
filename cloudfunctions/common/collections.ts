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

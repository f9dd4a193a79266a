import type { PlannedActivity, VotingRules } from './contest';
import type { VoterRules } from './voters';

/** What an admin may change on a contest after creating it. */
export interface ContestPatch {
  title?: string;
  description?: string;
  voting?: VotingRules;
  topN?: number;
  blindHours?: number;
  hideCountsWhenFrozen?: boolean;
  /** Only before voting starts: who may vote changes which votes are duplicates. */
  voters?: Partial<VoterRules>;
  assistedPerHour?: number;
}

export interface ProjectPatch {
  title?: string;
  team?: string;
  community?: string;
  summary?: string;
  planned?: PlannedActivity[];
  /** Cloud fileID of the cover image (public: checked by mediaCheckAsync). */
  coverImage?: string;
}

/** Admin actions of the contest function that edit what was created (common/contest-admin.ts). */
export interface ContestAdminApi {
  update: { req: { contestId: string; patch: ContestPatch }; res: { contestId: string } };
  updateProject: { req: { projectId: string; patch: ProjectPatch }; res: { projectId: string } };
  /** The projects in the order they should be shown (all of the contest's projects, once each). */
  reorderProjects: { req: { contestId: string; projectIds: string[] }; res: { projectIds: string[] } };
}

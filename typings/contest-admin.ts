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
  /** Anti-刷票: at most `max` vote attempts per person in `windowSeconds`. */
  rateLimit?: { max: number; windowSeconds: number };
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
  /**
   * The project's organizer (or an admin): the cover and the gallery of activity photos
   * (cloud fileIDs). `coverImage: null` removes the cover; `gallery` replaces the whole list.
   * Every new image goes to mediaCheckAsync; a risky verdict takes it down later.
   */
  setShowcase: {
    req: { projectId: string; coverImage?: string | null; gallery?: string[] };
    res: ProjectShowcase & { projectId: string; checking: number };
  };
}

/**
 * Limits of a project's showcase, as a type: the functions and the mini-program each declare a
 * constant of this type, so the compiler keeps both at the same numbers.
 */
export interface ShowcaseLimits {
  galleryImages: 9;
  /** 5 MB per image (checked by the mini-program before uploading). */
  imageBytes: 5242880;
}

export interface ProjectShowcase {
  coverImage?: string;
  gallery: string[];
}

import type { IsoTime } from './envelope';
import type { ContestAdminApi } from './contest-admin';
import type { JudgingApi } from './judging';
import type { RosterStatus, VoterRules } from './voters';

export type ContestStatus = 'draft' | 'open' | 'frozen' | 'published';

export interface VotingRules {
  startsAt: IsoTime;
  endsAt: IsoTime;
  /** Votes a person may give one project per Asia/Shanghai day (default 1). */
  perProjectPerDay?: number;
  /** Votes a person may cast per day over all projects. */
  perDay?: number;
  /** Votes a person may cast over the whole contest. */
  total?: number;
}

/** How results are shown and how votes are guarded; every field has a default. */
export interface ContestSettings {
  /** Winners of 最佳人气奖: projects ranked 1..topN at publication (default 5; ties at the edge all win). */
  topN: number;
  /** Blind finish: counts and ranks hidden for the last N hours of voting (0 = never). */
  blindHours: number;
  /** Hide counts while the contest is frozen, until publication. */
  hideCountsWhenFrozen: boolean;
  /** Per-person vote attempts allowed in a sliding window (anti-刷票). */
  rateLimit: { max: number; windowSeconds: number };
  /** Who may vote: verified phones only, listed residents only (typings/voters.ts). */
  voters: VoterRules;
  /** Assisted ballots (vote.assisted) one staff member may record per hour. */
  assistedPerHour: number;
}

export interface ContestSummary {
  contestId: string;
  title: string;
  status: ContestStatus;
  startsAt: IsoTime;
  endsAt: IsoTime;
}

export interface ContestDetail extends ContestSummary {
  description?: string;
  voting: Required<Pick<VotingRules, 'perProjectPerDay'>> & VotingRules;
  settings: ContestSettings;
  /** True while counts and ranks are hidden from residents (blind finish or frozen). */
  countsHidden: boolean;
  /** When the blind finish starts, if the contest has one. */
  blindFrom?: IsoTime;
  /** The resident roster, when one was imported (report.importRoster). */
  roster?: RosterStatus;
  /** Whether judges score this contest (contest.setScoring) and whether their scoring has closed. */
  scoring?: { closed: boolean };
}

export interface PlannedActivity {
  type: string;
  sessions: number;
}

export interface ProjectCard {
  projectId: string;
  title: string;
  team: string;
  community?: string;
  summary?: string;
  planned?: PlannedActivity[];
  /** null while counts are hidden (blind finish, frozen with hidden counts). */
  votes: number | null;
  /** Current rank (ties share it); null while hidden. */
  rank?: number | null;
  /** Flagged at publication for the top N. */
  winner?: boolean;
  /** Cloud fileID of the cover (show it through a temporary URL). */
  coverImage?: string;
  /** Cloud fileIDs of the activity photos, in the organizer's order: only for the project `get` was asked about by `projectId`. */
  gallery?: string[];
  /** A temporary link to the cover (storage is not client-readable), valid for two hours. */
  coverUrl?: string;
  /**
   * Temporary links to the photos, only for the project `get` was asked about by `projectId`;
   * `galleryUrls[i]` shows `gallery[i]` (a photo whose file is gone is left out of both).
   */
  galleryUrls?: string[];
  /** Storage did not answer for the opened project: its pictures exist but have no links now (an editor must not save). */
  picturesUnavailable?: boolean;
}

export interface LeaderboardItem {
  /** Ties share a rank (1, 1, 3); null while counts are hidden. */
  rank: number | null;
  projectId: string;
  title: string;
  team?: string;
  community?: string;
  votes: number | null;
  winner?: boolean;
}

/** What the voting page needs about the caller, in the same call as the contest. */
export interface VoterView {
  votesLeftToday: number;
  /** Votes the caller gave each project today (Asia/Shanghai day). */
  votedToday: Record<string, number>;
  /** Votes the caller may still give over the whole contest, when it has a total quota. */
  votesLeftTotal?: number;
  /** The caller's Asia/Shanghai day, YYYY-MM-DD. */
  day: string;
  isAdmin: boolean;
  /** The caller's verified phone (vote.verifyPhone), masked; absent while unverified. */
  phoneMasked?: string;
  /** In a contest that needs a verified phone: false until the caller has verified one. */
  phoneVerified?: boolean;
  /** In a roster-only contest: whether the caller's verified phone is on the resident roster. */
  onRoster?: boolean;
}

/** One sealed block of the vote ledger: its hash covers its rows and the previous block's hash. */
export interface LedgerBlockView {
  seq: number;
  rows: number;
  prevHash: string;
  hash: string;
  sealedAt: IsoTime;
}

/** One ledger row as published in the audit file (the voter as a salted hash). */
export interface AuditRow {
  block: number;
  receipt: string;
  projectId: string;
  day: string;
  at: IsoTime;
  voter: string;
  /** `assisted`: recorded at a desk by a staff member (vote.assisted); absent for a vote cast in the mini-program. */
  source?: 'assisted';
  /** The staff member who recorded an assisted ballot, as a salted hash like `voter`. */
  staff?: string;
}

export interface AuditVoid {
  receipt: string;
  reason: string;
  at: IsoTime;
  /** The sealed block whose hash covers this void (absent until sealed). */
  block?: number;
}

export interface ContestApi extends ContestAdminApi, JudgingApi {
  create: {
    req: {
      title: string;
      description?: string;
      voting: VotingRules;
      draft?: boolean;
      topN?: number;
      blindHours?: number;
      hideCountsWhenFrozen?: boolean;
      rateLimit?: { max: number; windowSeconds: number };
      /** Verified phones only / listed residents only (default: neither). */
      voters?: Partial<VoterRules>;
      /** Assisted ballots per staff member per hour (default 120). */
      assistedPerHour?: number;
    };
    res: { contestId: string };
  };
  addProject: {
    req: { contestId: string; title: string; team: string; community?: string; summary?: string; planned?: PlannedActivity[] };
    res: { projectId: string };
  };
  setStatus: {
    req: { contestId: string; status: Exclude<ContestStatus, 'draft'> };
    res: { status: ContestStatus; sealed?: { blocks: number; rows: number } };
  };
  list: {
    req: { status?: ContestStatus };
    res: { items: ContestSummary[] };
  };
  get: {
    /**
     * By contest, or by one of its projects (a mini-program code carries only the project); with
     * both, the contest's projects and that project's gallery links (its detail page).
     */
    req: { contestId?: string; projectId?: string };
    res: { contest: ContestDetail; projects: ProjectCard[]; me: VoterView; now: IsoTime };
  };
  leaderboard: {
    req: { contestId: string; limit?: number };
    /** `hidden`: this answer carries no counts (residents during a blind finish or a hidden freeze; admins always see them). */
    res: {
      items: LeaderboardItem[];
      hidden: boolean;
      status: ContestStatus;
      total: number | null;
      /** Judges scored this contest and the result is published: contest.ranking has the mixed final ranking for everyone. */
      judged?: boolean;
    };
  };
  /** A mini-program code (PNG, base64) that opens the project's page: for the 拉票海报. */
  projectCode: {
    req: { projectId: string; width?: number };
    res: { contentType: string; base64: string; scene: string; page: string };
  };
  /** Admin: seal the ledger rows not yet in a block (also done by a timer and at freeze). */
  seal: { req: { contestId: string }; res: { blocks: number; rows: number; head: LedgerBlockView | null } };
  /** The chain head: anyone can compare it with the published audit file. */
  /** The ledger's head. While counts are hidden, residents get `hidden: true` and no sizes (head null, 0, 0). */
  audit: { req: { contestId: string }; res: { head: LedgerBlockView | null; blocks: number; unsealed: number; hidden?: boolean } };
  /** The published audit file: every sealed row (voter salted-hashed), blocks and voids. Anyone after publication; admins any time. */
  auditFile: {
    req: { contestId: string; fromBlock?: number; limitBlocks?: number };
    res: { blocks: LedgerBlockView[]; rows: AuditRow[]; voids: AuditVoid[]; tally: Record<string, number>; nextBlock: number | null };
  };
}

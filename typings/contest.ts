import type { IsoTime } from './envelope';

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
}

export interface LeaderboardItem {
  rank: number;
  projectId: string;
  title: string;
  votes: number | null;
  winner?: boolean;
}

export interface ContestApi {
  create: {
    req: { title: string; description?: string; voting: VotingRules; draft?: boolean };
    res: { contestId: string };
  };
  addProject: {
    req: { contestId: string; title: string; team: string; community?: string; summary?: string; planned?: PlannedActivity[] };
    res: { projectId: string };
  };
  setStatus: {
    req: { contestId: string; status: Exclude<ContestStatus, 'draft'> };
    res: { status: ContestStatus };
  };
  list: {
    req: { status?: ContestStatus };
    res: { items: ContestSummary[] };
  };
  get: {
    req: { contestId: string };
    res: { contest: ContestDetail; projects: ProjectCard[]; me: { votesLeftToday: number } };
  };
  leaderboard: {
    req: { contestId: string; limit?: number };
    res: { items: LeaderboardItem[] };
  };
}

/**
 * 评审打分 and the mixed final ranking: judges score each project on weighted criteria; the
 * final ranking mixes the online vote, the assisted (on-site) ballots and the judges' average
 * by configured weights. 最佳人气奖 stays the vote alone (contest.leaderboard).
 */
import type { ContestStatus } from './contest';
import type { IsoTime } from './envelope';

export interface Criterion {
  /** Stable key (c1, c2 …) the scores are stored under. */
  key: string;
  name: string;
  /** Percent of a judge's total; the criteria's weights add up to 100. */
  weight: number;
}

/** Percent of the final score from each part; they add up to 100. */
export interface PartWeights {
  online: number;
  onsite: number;
  judges: number;
}

export interface ScoringView {
  criteria: Criterion[];
  weights: PartWeights;
  /** Each criterion is scored in whole points from 0 to this. */
  scoreMax: number;
  /** Set when the admin closed scoring (or at publication); judges then see each other's scores. */
  closedAt?: IsoTime;
  /** The formula in words, shown with the results. */
  formula: string;
}

/** A judge's own score of one project. */
export interface MyScore {
  scores: Record<string, number>;
  /** Σ weight × score / scoreMax: 0..100. */
  total: number;
  at: IsoTime;
}

export interface SheetProject {
  projectId: string;
  title: string;
  team: string;
  community?: string;
  /** A project of the judge's own team (they organize it): not theirs to score. */
  ownTeam: boolean;
  mine: MyScore | null;
  /** Admins: how many judges scored it so far (never the scores before closing). */
  judged?: number;
}

/** One project's part of the final score: the raw figure and its normalised points (0..100). */
export interface RankingPart {
  raw: number;
  points: number;
}

export interface RankingItem {
  rank: number;
  projectId: string;
  title: string;
  team: string;
  online: RankingPart;
  onsite: RankingPart;
  /** raw: the average of the judges' totals (0..100); judgesCount: how many judges scored it. */
  judges: RankingPart & { count: number };
  /** Σ part weight × points / 100, rounded to 2 decimals (ties share a rank). */
  total: number;
}

export interface JudgeScores {
  projectId: string;
  title: string;
  /** Each judge's total for the project, judges named 评委1, 评委2 … (the same numbering throughout). */
  byJudge: { judge: string; total: number; scores: Record<string, number> }[];
  average: number | null;
}

export interface JudgingApi {
  /** Admin: criteria (weights add up to 100) and the weights of the three parts; not once a judge has scored. */
  setScoring: {
    req: { contestId: string; criteria: { name: string; weight: number }[]; weights: PartWeights };
    res: ScoringView;
  };
  /** Admin: close the scoring (also done at publication); judges can then see all scores. */
  closeScoring: { req: { contestId: string }; res: ScoringView };
  /** A judge's sheet (or an admin's progress view): the projects, what the caller scored, what is their own team's. */
  scoreSheet: {
    req: { contestId: string };
    res: { contest: { contestId: string; title: string; status: ContestStatus }; scoring: ScoringView; projects: SheetProject[]; isAdmin: boolean };
  };
  /** A judge scores one project on every criterion, once. */
  score: {
    req: { contestId: string; projectId: string; scores: Record<string, number> };
    res: { projectId: string; total: number };
  };
  /** Every judge's scores: judges and admins once scoring has closed; everyone after publication. */
  scores: { req: { contestId: string }; res: { scoring: ScoringView; items: JudgeScores[] } };
  /** The mixed final ranking with each project's parts and total: admins once scoring has closed, everyone after publication. */
  ranking: {
    req: { contestId: string };
    res: { scoring: ScoringView; items: RankingItem[]; status: ContestStatus; asOf: IsoTime };
  };
}

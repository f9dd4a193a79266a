import type { IsoTime } from './envelope';

export interface VoteApi {
  cast: {
    req: { contestId: string; projectId: string };
    res: { projectId: string; votes: number | null; votesLeftToday: number; receipt?: string };
  };
  mine: {
    req: { contestId: string };
    res: { items: { projectId: string; day: string; at: IsoTime; receipt?: string }[] };
  };
}

/** Ranking of projects by votes: ties share a rank (1, 1, 3); the top N are winners at publication. */

export interface Tallied {
  projectId: string;
  votes: number;
  /** Stable order among equals (the order projects were added). */
  order: number;
}

export interface Ranked extends Tallied {
  rank: number;
  winner: boolean;
}

/** Highest `score` first (ties in `order`), equal scores sharing a rank: 1, 1, 3 (standard competition ranking). */
export function rankBy<T extends { order: number }>(items: T[], score: (item: T) => number): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => score(b) - score(a) || a.order - b.order);
  let rank = 0;
  return sorted.map((item, i) => {
    if (i === 0 || score(item) !== score(sorted[i - 1])) rank = i + 1;
    return { ...item, rank };
  });
}

export function rankByVotes<T extends Tallied>(items: T[], topN: number, published: boolean): (T & { rank: number; winner: boolean })[] {
  return rankBy(items, (item) => item.votes).map((item) => ({ ...item, winner: published && item.rank <= topN && item.votes > 0 }));
}

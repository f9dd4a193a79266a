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

export function rankByVotes<T extends Tallied>(items: T[], topN: number, published: boolean): (T & { rank: number; winner: boolean })[] {
  const sorted = [...items].sort((a, b) => b.votes - a.votes || a.order - b.order);
  let rank = 0;
  return sorted.map((item, i) => {
    if (i === 0 || item.votes !== sorted[i - 1].votes) rank = i + 1;
    return { ...item, rank, winner: published && rank <= topN && item.votes > 0 };
  });
}

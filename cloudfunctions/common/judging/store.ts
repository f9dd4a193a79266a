/** Judges' scores (`judge_scores`, `_id` = contest:project:judge, written once) and the scoring's closing. */
import type { Database, Doc } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { asDate } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { forgetContest } from '../vote/store';

export interface ScoreDoc {
  _id: string;
  contestId: string;
  projectId: string;
  /** The judge's OPENID. */
  judge: string;
  scores: Record<string, number>;
  total: number;
  at: Date;
}

/** One judge's scores of one project: the deterministic `_id` makes "once" an insert that cannot happen twice. */
export function scoreId(contestId: string, projectId: string, judge: string): string {
  return `${contestId}:${projectId}:${judge}`;
}

export function scoreFromDoc(doc: Doc): ScoreDoc {
  const scores: Record<string, number> = {};
  for (const [key, value] of Object.entries((doc.scores ?? {}) as Doc)) scores[key] = Number(value);
  return {
    _id: String(doc._id),
    contestId: String(doc.contestId),
    projectId: String(doc.projectId),
    judge: String(doc.judge),
    scores,
    total: Number(doc.total ?? 0),
    at: asDate(doc.at),
  };
}

export async function scoresOfContest(db: Database, contestId: string, judge?: string): Promise<ScoreDoc[]> {
  const docs = await fetchAll(db, COLLECTIONS.judgeScores, judge ? { contestId, judge } : { contestId });
  return docs.map(scoreFromDoc);
}

export async function anyScore(db: Database, contestId: string): Promise<boolean> {
  return (await db.collection(COLLECTIONS.judgeScores).where({ contestId }).limit(1).get()).data.length > 0;
}

/** Closes the scoring once (the first close wins; a second leaves its time as it was). */
export async function closeScoringAt(db: Database, contestId: string, now: Date): Promise<void> {
  await db
    .collection(COLLECTIONS.contests)
    .where({ _id: contestId, 'scoring.closedAt': db.command.exists(false) })
    .update({ data: { 'scoring.closedAt': now } });
  forgetContest(contestId);
}

/** Request schemas of the contest and vote actions (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';

export const id = z.string().min(1).max(64);
/** An ISO 8601 instant with an offset (the contract's time format). */
export const isoTime = z.string().max(40).refine((s) => /T.*(Z|[+-]\d\d:?\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), '时间格式不正确');
const count = (max: number) => z.number().int().min(1).max(max);

export const votingRules = z.object({
  startsAt: isoTime,
  endsAt: isoTime,
  perProjectPerDay: count(100).optional(),
  perDay: count(1000).optional(),
  total: count(100_000).optional(),
});

export const createContest = z.object({
  title: z.string().trim().min(1).max(100),
  description: z.string().max(2000).optional(),
  voting: votingRules,
  draft: z.boolean().optional(),
  topN: count(100).optional(),
  blindHours: z.number().min(0).max(24 * 30).optional(),
  hideCountsWhenFrozen: z.boolean().optional(),
  rateLimit: z.object({ max: count(10_000), windowSeconds: count(86_400) }).optional(),
});

export const addProject = z.object({
  contestId: id,
  title: z.string().trim().min(1).max(100),
  team: z.string().trim().min(1).max(100),
  community: z.string().trim().min(1).max(50).optional(),
  summary: z.string().max(2000).optional(),
  planned: z.array(z.object({ type: z.string().trim().min(1).max(30), sessions: z.number().int().min(0).max(1000) })).max(30).optional(),
});

export const setStatus = z.object({ contestId: id, status: z.enum(['open', 'frozen', 'published']) });
export const listContests = z.object({ status: z.enum(['draft', 'open', 'frozen', 'published']).optional() });
export const byContest = z.object({ contestId: id });
export const getContest = z
  .object({ contestId: id.optional(), projectId: id.optional() })
  .refine((v) => v.contestId !== undefined || v.projectId !== undefined, { message: '请指定评选或项目', path: ['contestId'] });
export const leaderboard = z.object({ contestId: id, limit: z.number().int().min(1).max(1000).optional() });
export const projectCode = z.object({ projectId: id, width: z.number().int().min(280).max(1280).optional() });
export const auditFile = z.object({
  contestId: id,
  fromBlock: z.number().int().min(1).optional(),
  limitBlocks: z.number().int().min(1).max(50).optional(),
});

export const castVote = z.object({ contestId: id, projectId: id });
export const reconcile = z.object({ contestId: id.optional() });
export const flags = z.object({ contestId: id, windowMinutes: z.number().int().min(1).max(24 * 60).optional() });
export const voidVotes = z
  .object({
    contestId: id,
    voteIds: z.array(z.string().min(1).max(300)).max(1000).optional(),
    receipts: z.array(z.string().min(1).max(20)).max(1000).optional(),
    reason: z.string().trim().min(2).max(200),
  })
  .refine((v) => (v.voteIds?.length ?? 0) + (v.receipts?.length ?? 0) > 0, { message: '请指定要作废的投票', path: ['voteIds'] });

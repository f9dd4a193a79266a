/** Request schemas of the contest function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { count, freeText, id, isoTime } from '../common/schemas';

export const votingRules = z.object({
  startsAt: isoTime,
  endsAt: isoTime,
  perProjectPerDay: count(100).optional(),
  perDay: count(1000).optional(),
  total: count(100_000).optional(),
});

export const createContest = z.object({
  title: freeText(100, { min: 1 }),
  description: freeText(2000, { multiline: true }).optional(),
  voting: votingRules,
  draft: z.boolean().optional(),
  topN: count(100).optional(),
  blindHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .optional(),
  hideCountsWhenFrozen: z.boolean().optional(),
  rateLimit: z.object({ max: count(10_000), windowSeconds: count(86_400) }).optional(),
  voters: z.object({ verifiedPhone: z.boolean().optional(), rosterOnly: z.boolean().optional() }).strict().optional(),
  assistedPerHour: count(1000).optional(),
});

export const addProject = z.object({
  contestId: id,
  title: freeText(100, { min: 1 }),
  team: freeText(100, { min: 1 }),
  community: freeText(50, { min: 1 }).optional(),
  summary: freeText(2000, { multiline: true }).optional(),
  planned: z
    .array(z.object({ type: freeText(30, { min: 1 }), sessions: z.number().int().min(0).max(1000) }))
    .max(30)
    .optional(),
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

// Edits after creation (common/vote/contest-admin.ts)

export const updateContestSchema = z.object({
  contestId: id,
  patch: createContest
    .pick({
      title: true,
      description: true,
      voting: true,
      topN: true,
      blindHours: true,
      hideCountsWhenFrozen: true,
      rateLimit: true,
      voters: true,
      assistedPerHour: true,
    })
    .partial()
    .strict(),
});

export const updateProjectSchema = z.object({
  projectId: id,
  patch: addProject
    .pick({ title: true, team: true, community: true, summary: true, planned: true })
    .extend({ coverImage: z.string().min(1).max(400).optional() })
    .partial()
    .strict(),
});

export const reorderProjectsSchema = z.object({ contestId: id, projectIds: z.array(id).min(1).max(500) });

/** The showcase (common/vote/showcase.ts): stored fileIDs; the limits are checked there, with a clear message. */
export const setShowcaseSchema = z.object({
  projectId: id,
  coverImage: z.string().max(400).nullable().optional(),
  gallery: z.array(z.string().min(1).max(400)).max(50).optional(),
});

// Judges and the mixed ranking (common/judging/)

const percent = z.number().int().min(0).max(100);
export const setScoring = z.object({
  contestId: id,
  criteria: z
    .array(z.object({ name: freeText(20, { min: 1 }), weight: percent }))
    .min(1)
    .max(10),
  weights: z.object({ online: percent, onsite: percent, judges: percent }).strict(),
});
export const score = z.object({
  contestId: id,
  projectId: id,
  scores: z.record(z.string().min(1).max(10), z.number().int().min(0).max(100)),
});

/** Request schemas of the contest edit actions (common/contest-admin.ts). */
import { z } from 'zod';
import { addProject, createContest, id } from '../common/vote/schemas';

export const updateContestSchema = z.object({
  contestId: id,
  patch: createContest.pick({ title: true, description: true, voting: true, topN: true, blindHours: true, hideCountsWhenFrozen: true }).partial().strict(),
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

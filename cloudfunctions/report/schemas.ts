/** Request schemas of the report function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { freeText, id } from '../common/schemas';

export const byProject = z.object({ projectId: id });
export const byContest = z.object({ contestId: id });
export const dashboard = z.object({ contestId: id.optional() });

/** Whole numbers an organizer types: none negative, none absurd (a typo of extra zeros is refused). */
const whole = (max: number) => z.number().int().min(0).max(max);

export const setOutcomes = z.object({
  projectId: id,
  resourcesYuan: z.number().min(0).max(100_000_000).multipleOf(0.01).optional(),
  eventsSolved: whole(100_000).optional(),
  publicity: z.object({ pieces: whole(100_000), views: whole(1_000_000_000) }).optional(),
});

export const reviewOutcomes = z.object({ projectId: id, approve: z.boolean(), note: freeText(200, { multiline: true }).optional() });

/** The fileID of the uploaded roster (.xlsx): cloud://… in the cloud, a stored path locally. */
export const importRoster = z.object({ contestId: id, fileID: z.string().min(1).max(1000) });

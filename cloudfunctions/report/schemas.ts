/** Request schemas of the report function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { id } from '../common/schemas';

export const byProject = z.object({ projectId: id });
export const byContest = z.object({ contestId: id });
export const dashboard = z.object({ contestId: id.optional() });
/** The fileID of the uploaded roster (.xlsx): cloud://… in the cloud, a stored path locally. */
export const importRoster = z.object({ contestId: id, fileID: z.string().min(1).max(1000) });

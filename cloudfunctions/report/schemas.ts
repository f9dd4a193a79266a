/** Request schemas of the report function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { id } from '../common/schemas';

export const byProject = z.object({ projectId: id });
export const byContest = z.object({ contestId: id });
export const dashboard = z.object({ contestId: id.optional() });

/** Request schemas of the vote function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { freeText, id } from '../common/schemas';

export const byContest = z.object({ contestId: id });
export const castVote = z.object({ contestId: id, projectId: id });
export const reconcile = z.object({ contestId: id.optional() });
export const flags = z.object({
  contestId: id,
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});
export const voidVotes = z
  .object({
    contestId: id,
    voteIds: z.array(z.string().min(1).max(300)).max(1000).optional(),
    receipts: z.array(z.string().min(1).max(20)).max(1000).optional(),
    reason: freeText(200, { min: 2 }),
  })
  .refine((v) => (v.voteIds?.length ?? 0) + (v.receipts?.length ?? 0) > 0, { message: '请指定要作废的投票', path: ['voteIds'] });

/** A resident at a desk: the name is read back and checked, the phone becomes a keyed hash (voters/phone-key.ts). */
export const assisted = z.object({
  contestId: id,
  projectId: id,
  voter: z.object({ name: z.string().max(40), phone: z.string().max(20) }),
});
/** The one-time code WeChat's phone-number button gives the page. */
export const verifyPhone = z.object({ code: z.string().trim().min(1).max(256), contestId: id.optional() });

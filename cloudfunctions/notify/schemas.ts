/** Request schemas of the notify function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { TEMPLATE_KEYS, type NotifyApi } from '../../typings';
import { id } from '../common/schemas';

const templateKey = z.enum(TEMPLATE_KEYS);
const answer = z.enum(['accept', 'reject', 'ban']);

export const grant = z.object({
  // WeChat's answer also carries errMsg and unknown template ids: only our keys count.
  results: z.record(z.string(), z.unknown()).transform((raw) => {
    const out: NotifyApi['grant']['req']['results'] = {};
    for (const key of TEMPLATE_KEYS) {
      const parsed = answer.safeParse(raw[key]);
      if (parsed.success) out[key] = parsed.data;
    }
    return out;
  }),
  alwaysAccepted: z.array(templateKey).max(TEMPLATE_KEYS.length).optional(),
  contestId: id.optional(),
}) as unknown as z.ZodType<NotifyApi['grant']['req']>;

export const flush = z.object({ wake: z.string().max(200).optional() });

import { z } from 'zod';
import { TEMPLATE_KEYS, type NotifyApi } from '../../typings';
import { action, createFunction } from '../common/handler';
import { everyMinute, flush, grant, mine } from '../common/notify/actions';

const templateKey = z.enum(TEMPLATE_KEYS);
const answer = z.enum(['accept', 'reject', 'ban']);

const grantSchema = z.object({
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
  contestId: z.string().min(1).max(64).optional(),
}) as unknown as z.ZodType<NotifyApi['grant']['req']>;

const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;
const flushSchema = z.object({ wake: z.string().max(200).optional() });

export const main = createFunction(
  'notify',
  {
    grant: action(grantSchema, (p, ctx) => grant(ctx, p)),
    mine: action(none, (_p, ctx) => mine(ctx)),
    flush: action(flushSchema, (p, ctx) => flush(ctx, p)),
  },
  {
    'every-minute': (ctx) => everyMinute(ctx),
  },
);

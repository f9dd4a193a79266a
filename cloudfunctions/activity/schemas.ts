/** Shapes of the activity function's params; the rules in common/ check meaning (times in order…). */
import { z } from 'zod';
import { freeText, id, isoTime } from '../common/schemas';
/** Machine text (phones, fileIDs, filters): not shown as typed, so not cleaned. */
const text = (max: number) => z.string().max(max);
/** Text others read (titles, names, notes, answers): invisible and bidi characters stripped. */
const words = (max: number, opts: { min?: number; multiline?: boolean } = {}) => freeText(max, opts);

export const location = z.object({
  name: words(50, { min: 1 }),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  radiusM: z.number().min(10).max(5000).optional(),
});

export const cancelRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('untilDeadline') }),
  z.object({ kind: z.literal('beforeStart'), hours: z.number().min(0).max(720) }),
]);

export const formField = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/),
  label: words(20, { min: 1 }),
  kind: z.enum(['text', 'number', 'single', 'multi']),
  required: z.boolean().optional(),
  options: z
    .array(words(20, { min: 1 }))
    .max(20)
    .optional(),
  maxLength: z.number().int().min(1).max(500).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

const answers = z.record(z.string().max(32), z.union([words(500, { multiline: true }), z.number(), z.array(words(20)).max(20)]));

const person = z.object({
  name: words(40),
  phone: text(20),
  note: words(400, { multiline: true }).optional(),
  answers: answers.optional(),
});

const editable = {
  title: words(50, { min: 1 }),
  startsAt: isoTime,
  endsAt: isoTime,
  capacity: z.number().int().min(1).max(10_000),
  type: words(20).optional(),
  signupEndsAt: isoTime.optional(),
  location: location.optional(),
  description: words(2000, { multiline: true }).optional(),
  coverImage: text(500).optional(),
  approval: z.boolean().optional(),
  requiresSignup: z.boolean().optional(),
  fields: z.array(formField).max(10).optional(),
  cancelRule: cancelRule.optional(),
};

export const createSchema = z.object({
  ...editable,
  projectId: id.optional(),
  status: z.enum(['draft', 'published']).optional(),
});

export const updateSchema = z.object({
  activityId: id,
  patch: z.object(editable).partial().strict(),
  status: z.enum(['draft', 'published']).optional(),
});

export const byActivity = z.object({ activityId: id });

export const listSchema = z.object({
  projectId: id.optional(),
  type: text(20).optional(),
  from: isoTime.optional(),
  includeDrafts: z.boolean().optional(),
  managed: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

export const signupSchema = z.object({
  activityId: id,
  form: person.optional(),
  forOther: person.optional(),
});

export const cancelSchema = z.object({ activityId: id, signupId: id.optional() });

export const reviewSchema = z.object({ activityId: id, signupId: id });

export const cancelActivitySchema = z.object({ activityId: id, reason: words(100).optional() });

export const mineSchema = z.object({ from: isoTime.optional() });

/** 居民评价: 1–5 whole stars, an optional short comment. */
export const rateSchema = z.object({ activityId: id, stars: z.number().int().min(1).max(5), comment: words(200, { multiline: true }).optional() });

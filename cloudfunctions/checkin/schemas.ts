/** Shapes of the checkin function's params; meaning (windows, tokens, places) is checked in common/checkin. */
import { z } from 'zod';
import { id, personName } from '../common/schemas';
/**
 * A rotating token or personal code. Whatever a camera read is passed on as it is: a QR that is
 * not ours is a TOKEN_INVALID ("scan the code on site"), not a malformed request.
 */
const code = z.string().min(1).max(1000);

export const byActivity = z.object({ activityId: id });

/** The check-in page: opened for an activity, or from a printed poster (its code). */
export const infoSchema = z
  .object({ activityId: id.optional(), poster: z.string().min(1).max(64).optional() })
  .refine((p) => p.activityId !== undefined || p.poster !== undefined, { message: 'activityId or poster', path: ['activityId'] });

export const scanSchema = z
  .object({
    token: code.optional(),
    activityId: id.optional(),
    location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
    name: personName.optional(),
  })
  .refine((p) => p.token !== undefined || p.activityId !== undefined, { message: 'token or activityId', path: ['token'] });

export const manualSchema = z.object({ activityId: id, signupId: id });

export const myCodeSchema = z.object({ activityId: id, signupId: id.optional() });

export const verifySchema = z.object({ code, activityId: id.optional() });

export const signOutSchema = z
  .object({ token: code.optional(), activityId: id.optional(), signupId: id.optional() })
  .refine((p) => p.token !== undefined || (p.activityId !== undefined && p.signupId !== undefined), { message: 'token or roster entry', path: ['token'] });

export const posterSchema = z.object({ activityId: id, width: z.number().int().min(280).max(1280).optional() });

export const configureSchema = z.object({
  activityId: id,
  settings: z
    .object({
      opensBeforeMin: z.number().int().min(0).max(1440).optional(),
      closesAfterMin: z.number().int().min(0).max(1440).optional(),
      signOut: z.boolean().optional(),
      minShare: z.number().gt(0).max(1).optional(),
    })
    .strict(),
});

/** Request schemas of the role function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { id, openid, personName } from '../common/schemas';

const roleName = z.enum(['admin', 'organizer', 'staff', 'judge']);

export const roleChange = z.object({
  openid,
  role: roleName,
  projectId: id.optional(),
  activityId: id.optional(),
  contestId: id.optional(),
  name: personName.optional(),
});

/** A grant may name the person (the roles list and the audit log show it). */
export const grant = roleChange.extend({ name: personName.optional() });

export const invite = z.object({
  role: roleName,
  projectId: id.optional(),
  contestId: id.optional(),
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .optional(),
  qr: z.boolean().optional(),
  name: personName.optional(),
});

export const accept = z.object({ code: z.string().min(4).max(32), name: personName.optional() });

export const setName = z.object({ openid: openid.optional(), name: personName });

export const audit = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
  type: z.string().min(1).max(64).optional(),
  target: id.optional(),
  contestId: id.optional(),
  actor: openid.optional(),
});

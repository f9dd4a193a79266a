/** Request schemas of the role function (zod): bad input → BAD_REQUEST, nothing written. */
import { z } from 'zod';
import { id, openid } from '../common/schemas';

const roleName = z.enum(['admin', 'organizer', 'staff', 'judge']);
/** The name staff and judges are shown by (e.g. 王阿姨（居委）). */
const personName = z.string().trim().min(1).max(20).optional();

export const roleChange = z.object({
  openid,
  role: roleName,
  projectId: id.optional(),
  activityId: id.optional(),
  contestId: id.optional(),
  name: personName,
});

export const invite = z.object({
  role: roleName,
  projectId: id.optional(),
  contestId: id.optional(),
  name: personName,
  ttlHours: z.number().int().min(1).max(24 * 14).optional(),
  qr: z.boolean().optional(),
});

export const accept = z.object({ code: z.string().min(4).max(32) });

export const audit = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
  type: z.string().min(1).max(64).optional(),
  target: id.optional(),
});

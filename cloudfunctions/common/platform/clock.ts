/**
 * The one place domain code reads the time. In the cloud it is the machine's clock; the
 * local functions host may set DOORSTEP_NOW per call (X-Now) so tests can move time.
 */
export function now(): Date {
  const fixed = process.env.DOORSTEP_NOW;
  if (fixed) {
    const t = Date.parse(fixed);
    if (!Number.isNaN(t)) return new Date(t);
  }
  return new Date();
}

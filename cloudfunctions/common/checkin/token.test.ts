import { STEP_MS, signPersonalCode, signToken, stepOf, verifyPersonalCode, verifyToken } from './token';

const SECRET = 'unit-test-secret-0123456789';
const ACTIVITY = '6565a1b2c3d4e5f60718293a4b5c6d7e';
/** A step boundary: 2026-03-05T02:00:00Z is a multiple of 30 s. */
const BOUNDARY = new Date('2026-03-05T02:00:00.000Z');
const at = (ms: number) => new Date(BOUNDARY.getTime() + ms);

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code ?? 'THROWN';
  }
}

describe('rotating token', () => {
  it('is short and URL-safe, and names its activity', () => {
    const { token } = signToken(SECRET, ACTIVITY, BOUNDARY);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(token.length).toBeLessThanOrEqual(80);
    expect(verifyToken(SECRET, token, BOUNDARY)).toEqual({ activityId: ACTIVITY, step: stepOf(BOUNDARY) });
  });

  it('is accepted in its own step and the next, refused from the one after', () => {
    const { token, expiresAt, refreshAt } = signToken(SECRET, ACTIVITY, at(STEP_MS - 1));
    expect(codeOf(() => verifyToken(SECRET, token, at(STEP_MS - 1)))).toBe('OK');
    expect(codeOf(() => verifyToken(SECRET, token, at(STEP_MS)))).toBe('OK');
    expect(codeOf(() => verifyToken(SECRET, token, at(2 * STEP_MS - 1)))).toBe('OK');
    expect(codeOf(() => verifyToken(SECRET, token, at(2 * STEP_MS)))).toBe('TOKEN_EXPIRED');
    expect(codeOf(() => verifyToken(SECRET, token, at(10 * STEP_MS)))).toBe('TOKEN_EXPIRED');
    expect(refreshAt).toEqual(at(STEP_MS));
    expect(expiresAt).toEqual(at(2 * STEP_MS));
  });

  it('rotates at each step boundary', () => {
    expect(signToken(SECRET, ACTIVITY, at(-1)).token).not.toBe(signToken(SECRET, ACTIVITY, BOUNDARY).token);
    expect(signToken(SECRET, ACTIVITY, BOUNDARY).token).toBe(signToken(SECRET, ACTIVITY, at(STEP_MS - 1)).token);
  });

  it('refuses a token from the future (a clock cannot run ahead of the issuer)', () => {
    const { token } = signToken(SECRET, ACTIVITY, at(STEP_MS));
    expect(codeOf(() => verifyToken(SECRET, token, BOUNDARY))).toBe('TOKEN_INVALID');
  });

  it('refuses forgeries: other secret, altered step, swapped activity, junk', () => {
    const { token } = signToken(SECRET, ACTIVITY, BOUNDARY);
    const [id, step, mac] = token.split('.');
    const other = signToken(SECRET, 'another-activity', BOUNDARY).token.split('.');
    expect(codeOf(() => verifyToken('another-secret-0123456789', token, BOUNDARY))).toBe('TOKEN_INVALID');
    expect(codeOf(() => verifyToken(SECRET, `${id}.${(parseInt(step, 36) + 1).toString(36)}.${mac}`, at(STEP_MS)))).toBe('TOKEN_INVALID');
    expect(codeOf(() => verifyToken(SECRET, `${other[0]}.${step}.${mac}`, BOUNDARY))).toBe('TOKEN_INVALID');
    expect(codeOf(() => verifyToken(SECRET, `${id}.${step}.${mac.slice(0, -2)}AA`, BOUNDARY))).toBe('TOKEN_INVALID');
    for (const junk of ['', 'abc', 'a.b', 'a.b.c.d', '!!.1.x', `${id}.zz!.${mac}`]) {
      expect(codeOf(() => verifyToken(SECRET, junk, BOUNDARY))).toBe('TOKEN_INVALID');
    }
  });
});

describe('personal code (核验)', () => {
  it('binds activity and person, and refuses tampering', () => {
    const code = signPersonalCode(SECRET, ACTIVITY, 'oResident1:other-1');
    expect(verifyPersonalCode(SECRET, code)).toEqual({ activityId: ACTIVITY, personKey: 'oResident1:other-1' });
    const parts = code.split('.');
    const forged = [parts[0], parts[1], Buffer.from('oSomeoneElse').toString('base64url'), parts[3]].join('.');
    expect(codeOf(() => verifyPersonalCode(SECRET, forged))).toBe('TOKEN_INVALID');
    expect(codeOf(() => verifyPersonalCode('another-secret-0123456789', code))).toBe('TOKEN_INVALID');
    expect(codeOf(() => verifyPersonalCode(SECRET, signToken(SECRET, ACTIVITY, BOUNDARY).token))).toBe('TOKEN_INVALID');
  });

  it('is not accepted as a rotating token', () => {
    expect(codeOf(() => verifyToken(SECRET, signPersonalCode(SECRET, ACTIVITY, 'o1'), BOUNDARY))).toBe('TOKEN_INVALID');
  });
});

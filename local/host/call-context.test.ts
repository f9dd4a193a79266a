import { installEnvProxy, runWithEnv } from './call-context';

describe('per-call environment', () => {
  beforeAll(() => installEnvProxy());

  it('gives concurrent calls their own variables and leaves the process environment alone', async () => {
    const seen: string[] = [];
    const call = (openid: string, delay: number) =>
      runWithEnv({ WX_OPENID: openid }, async () => {
        await new Promise((r) => setTimeout(r, delay));
        seen.push(`${openid}=${process.env.WX_OPENID}`);
      });
    await Promise.all([call('a', 20), call('b', 5), call('c', 10)]);
    expect(seen.sort()).toEqual(['a=a', 'b=b', 'c=c']);
    expect(process.env.WX_OPENID).toBeUndefined();
  });

  it('lists call variables among the keys and keeps writes to the process environment', async () => {
    process.env.DOORSTEP_TEST_VAR = 'outer';
    await runWithEnv({ ONLY_IN_CALL: '1' }, async () => {
      expect(Object.keys(process.env)).toContain('ONLY_IN_CALL');
      expect('ONLY_IN_CALL' in process.env).toBe(true);
      expect(process.env.DOORSTEP_TEST_VAR).toBe('outer');
    });
    expect('ONLY_IN_CALL' in process.env).toBe(false);
    process.env.DOORSTEP_TEST_VAR = 'again';
    expect(process.env.DOORSTEP_TEST_VAR).toBe('again');
    delete process.env.DOORSTEP_TEST_VAR;
    expect(process.env.DOORSTEP_TEST_VAR).toBeUndefined();
  });
});

describe('the environment proxy behaves like process.env', () => {
  beforeAll(() => installEnvProxy());

  it('keeps its methods and string form, and follows names defined without assignment', () => {
    expect(typeof process.env.hasOwnProperty).toBe('function');
    expect(() => String(process.env)).not.toThrow();
    Object.defineProperty(process.env, 'DOORSTEP_DEFINED', { value: 'yes', enumerable: true, configurable: true, writable: true });
    expect(process.env.DOORSTEP_DEFINED).toBe('yes');
    delete process.env.DOORSTEP_DEFINED;
    expect(process.env.DOORSTEP_DEFINED).toBeUndefined();
  });
});

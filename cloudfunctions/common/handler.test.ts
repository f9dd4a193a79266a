import { z } from 'zod';
import { action, createFunction, type ActionTable } from './handler';
import { AppError } from './errors';

// A function shaped like the contract's `role` function, with test behaviour.
const seen: unknown[] = [];
const main = createFunction(
  'role',
  {
    grant: action(z.object({ openid: z.string(), role: z.enum(['admin', 'organizer']), projectId: z.string().optional() }), async (p, ctx) => {
      seen.push({ params: p, caller: ctx.openid });
      if (p.openid === 'boom') throw new Error('unexpected');
      if (p.openid === 'nope') throw new AppError('FORBIDDEN');
      return { openid: p.openid, roles: [p.role] };
    }),
    revoke: action(z.object({ openid: z.string(), role: z.enum(['admin', 'organizer']) }), async (p) => ({ openid: p.openid, roles: [] })),
    // The role function has more actions; this test needs two of them.
  } as unknown as ActionTable<'role'>,
  { nightly: async () => 'ran' },
);

describe('createFunction', () => {
  beforeEach(() => {
    seen.length = 0;
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    process.env.WX_OPENID = 'caller-1';
  });
  afterAll(() => {
    delete process.env.WX_OPENID;
    delete process.env.WX_CONTEXT_KEYS;
  });

  it('runs the action with validated params and the caller from the WeChat context', async () => {
    const res = await main({ action: 'grant', openid: 'x', role: 'admin', extra: 1 });
    expect(res).toEqual({ ok: true, data: { openid: 'x', roles: ['admin'] } });
    expect(seen).toEqual([{ params: { openid: 'x', role: 'admin' }, caller: 'caller-1' }]);
  });

  it('answers BAD_REQUEST for an unknown action, a non-object event and invalid params, without running anything', async () => {
    for (const event of [
      { action: 'nope' },
      { action: '__proto__' },
      { action: { toString: [] } },
      { action: Object.create(null) },
      null,
      'x',
      [1],
      { action: 'grant', openid: { $gt: '' }, role: 'admin' },
    ]) {
      const res = await main(event);
      expect(res).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    }
    expect(seen).toEqual([]);
  });

  it('turns AppError into its envelope and an unexpected throw into INTERNAL', async () => {
    expect(await main({ action: 'grant', openid: 'nope', role: 'admin' })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '您没有权限进行此操作',
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main({ action: 'grant', openid: 'boom', role: 'admin' })).toMatchObject({ ok: false, code: 'INTERNAL' });
  });

  it('runs timer jobs only for trigger events without a caller', async () => {
    delete process.env.WX_OPENID;
    expect(await main({ Type: 'Timer', TriggerName: 'nightly' })).toEqual({ ok: true, data: 'ran' });
    process.env.WX_OPENID = 'resident';
    expect(await main({ Type: 'Timer', TriggerName: 'nightly' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });
});

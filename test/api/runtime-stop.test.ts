/**
 * Stopping the runtime lets the calls functions started in the background finish: publishing a
 * result asks notify to flush without waiting for it, and that call must not meet a closed
 * runtime (it failed and logged after the test had ended, which fails the whole jest run).
 */
import { ADMIN, expectOk, startTestRuntime } from '../helpers/runtime';

test('stop() waits for the notify flush a publication started without waiting', async () => {
  const rt = await startTestRuntime();
  const host = rt.runtime.host;
  const calls: { name: string; action: unknown; outcome?: 'ok' | 'failed' }[] = [];
  const invoke = host.invoke.bind(host);
  host.invoke = async (name, event, caller) => {
    const call: (typeof calls)[number] = { name, action: (event as { action?: unknown }).action };
    calls.push(call);
    try {
      const res = await invoke(name, event, caller);
      call.outcome = 'ok';
      return res;
    } catch (e) {
      call.outcome = 'failed';
      throw e;
    }
  };
  const warnings: unknown[][] = [];
  const warn = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
  try {
    const now = Date.now();
    const as = { openid: ADMIN };
    const { contestId } = expectOk(
      await rt.api(
        'contest',
        'create',
        { title: '停止测试', voting: { startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() } },
        as,
      ),
    );
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, as));
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, as));
    await rt.stop();
    expect(calls.filter((c) => c.name === 'notify')).toEqual([{ name: 'notify', action: 'flush', outcome: 'ok' }]);
    expect(warnings.filter((w) => String(w[0]).includes('flush request failed'))).toEqual([]);
  } finally {
    warn.mockRestore();
  }
});

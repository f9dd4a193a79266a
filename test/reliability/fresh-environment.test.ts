/**
 * A rehearsal of the README's deploy steps on an environment as empty as a new CloudBase one:
 * the strict emulator with no collection, no index, no rule. Only the steps the README writes
 * down are run (their local equivalents), then one resident's day: a vote, a sign-up, a
 * check-in, and the timer-driven send of the confirmation. If the documented steps miss
 * anything (a collection, an index a query needs, a trigger), this fails.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { functionNames } from '../../build/functions';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);
const NOW = new Date('2026-05-10T02:00:00Z'); // 10:00 in Beijing

let rt: TestRuntime;

/** The command lines of the README's deploy section, in order. */
function deploySteps(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Deploy to a CloudBase environment'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

interface Rc {
  functions: { name: string; triggers?: { name: string }[] }[];
}
const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as Rc;
/** Timer triggers the README's `tcb fn trigger create <fn>` lines create. */
const created = new Map<string, string[]>();

beforeAll(async () => {
  rt = await startTestRuntime({ setup: false });
}, 60_000);
afterAll(async () => {
  await rt?.stop();
});

it('an empty environment refuses to work before the documented steps', async () => {
  const res = await rt.api('contest', 'list', {}, { openid: 'someone' });
  expect(res).toMatchObject({ ok: false, code: 'INTERNAL' });
});

it('the README deploy steps, run locally, set the environment up', async () => {
  const steps = deploySteps();
  expect(steps.some((s) => s.endsWith('npm run admin -- setup'))).toBe(true);
  for (const step of steps) {
    if (step.startsWith('cp ')) continue; // configuration: the local runtime has its development values
    if (step === 'npm run build') {
      // Built by npm test already; the artefacts are what the next step deploys.
      for (const fn of functionNames()) expect(fs.existsSync(path.join(ROOT, 'cloudfunctions', fn, 'index.js'))).toBe(true);
    } else if (step === 'tcb fn deploy --all') {
      // The functions host serves the built index.js of every function cloudbaserc.json lists.
      expect(rt.runtime.host.functions().sort()).toEqual(rc.functions.map((f) => f.name).sort());
    } else if (step.startsWith('tcb fn trigger create ')) {
      const fn = step.split(' ').pop() as string;
      created.set(
        fn,
        (rc.functions.find((f) => f.name === fn)?.triggers ?? []).map((t) => t.name),
      );
    } else if (step.endsWith('npm run admin -- setup')) {
      // The same command; without TCB_ENV it targets the local runtime at PORT.
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(rt.runtime.port) };
      delete env.TCB_ENV;
      const { stdout } = await run(process.execPath, [require.resolve('tsx/cli'), 'scripts/admin.ts', 'setup'], { cwd: ROOT, env, timeout: 120_000 });
      expect(stdout).toMatch(/collections \(\d+ created\)/);
    } else {
      throw new Error(`the rehearsal does not know the README step "${step}": teach it, or fix the README`);
    }
  }
  // Every function with a timer in its config got its trigger from the README's steps.
  for (const f of rc.functions) if (f.triggers?.length) expect(created.get(f.name)).toEqual(f.triggers.map((t) => t.name));
}, 180_000);

it('then one resident votes, signs up, checks in, and the timer sends the confirmation', async () => {
  const as = (openid: string) => ({ openid, now: NOW });
  const { contestId } = expectOk(
    await rt.api(
      'contest',
      'create',
      { title: '微创投人气奖', voting: { startsAt: '2026-05-09T00:00:00+08:00', endsAt: '2026-05-14T00:00:00+08:00' } },
      as(ADMIN),
    ),
  );
  const { projectId } = expectOk(
    await rt.api('contest', 'addProject', { contestId, title: '社区花园', team: '花园队', planned: [{ type: '共建劳动', sessions: 3 }] }, as(ADMIN)),
  );
  expect(expectOk(await rt.api('vote', 'cast', { contestId, projectId }, as('resident-1'))).votes).toBe(1);

  const { activityId } = expectOk(
    await rt.api(
      'activity',
      'create',
      {
        title: '花园共建劳动',
        type: '共建劳动',
        projectId,
        startsAt: '2026-05-10T09:30:00+08:00',
        endsAt: '2026-05-10T11:30:00+08:00',
        capacity: 20,
        location: { name: '社区花园' },
      },
      as(ADMIN),
    ),
  );
  expectOk(await rt.api('notify', 'grant', { results: { signupConfirmed: 'accept' } }, as('resident-1')));
  const morning = { openid: 'resident-1', now: new Date(NOW.getTime() - 2 * 3600_000) }; // 08:00, before the start
  expect(expectOk(await rt.api('activity', 'signup', { activityId, form: { name: '张阿姨', phone: '13800138000' } }, morning)).status).toBe('confirmed');
  const { token } = expectOk(await rt.api('checkin', 'token', { activityId }, as(ADMIN)));
  expect(expectOk(await rt.api('checkin', 'scan', { token }, as('resident-1'))).walkIn).toBe(false);

  // The send is the every-minute timer's (created by the README's trigger step).
  expect(created.get('notify')).toContain('every-minute');
  expectOk(await rt.call('notify', { Type: 'Timer', TriggerName: 'every-minute' }, { now: NOW }));
  const sent = (await rt.outbox()).filter((o) => o.api === 'subscribeMessage.send' && o.params.touser === 'resident-1');
  expect(sent.length).toBeGreaterThanOrEqual(1);
  expect(expectOk(await rt.api('report', 'project', { projectId }, as(ADMIN))).totals.personTimes).toBe(1);
}, 120_000);

/**
 * One deploy route carries everything: `tcb fn deploy` reads cloudbaserc.json (runtime,
 * timeout, memory, environment, triggers), a DevTools upload reads each function's
 * config.json (triggers, open-API permissions). Both must say the same, or one route deploys
 * functions without their timers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { functionNames } from '../../build/functions';

const ROOT = path.resolve(__dirname, '..', '..');

interface Trigger {
  name: string;
  type: string;
  config: string;
}
interface RcFunction {
  name: string;
  runtime?: string;
  timeout?: number;
  memorySize?: number;
  envVariables?: Record<string, string>;
  triggers?: Trigger[];
}

const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: RcFunction[] };
const configOf = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')) as { triggers?: Trigger[]; permissions?: unknown };
const norm = (t: Trigger) => ({ name: t.name, type: t.type, config: t.config.trim().split(/\s+/).join(' ') });

it('lists every deployable function, and nothing else', () => {
  expect(rc.functions.map((f) => f.name).sort()).toEqual(functionNames());
});

it.each(functionNames())('%s: the same timer triggers in config.json and cloudbaserc.json', (name) => {
  const fromRc = (rc.functions.find((f) => f.name === name)?.triggers ?? []).map(norm);
  const fromConfig = (configOf(name).triggers ?? []).map(norm);
  expect(fromRc).toEqual(fromConfig);
  // CloudBase cron: seven fields (second … year), at most one trigger per function.
  for (const t of fromRc) expect(t.config.split(' ')).toHaveLength(7);
  expect(fromRc.length).toBeLessThanOrEqual(1);
});

it.each(functionNames())('%s: runtime, timeout, memory and environment are declared (DevTools would give 3 s)', (name) => {
  const f = rc.functions.find((x) => x.name === name) as RcFunction;
  expect(f.runtime).toMatch(/^Nodejs\d+/);
  expect(f.timeout).toBeGreaterThanOrEqual(10);
  expect(f.memorySize).toBeGreaterThanOrEqual(256);
  expect(f.envVariables?.ADMIN_OPENIDS).toBe('{{env.ADMIN_OPENIDS}}');
});

it('gives the long jobs the time they take: the sender, the export, reconcile at publication', () => {
  const timeout = (n: string) => rc.functions.find((f) => f.name === n)?.timeout ?? 0;
  expect(timeout('notify')).toBeGreaterThanOrEqual(20); // its run budget is 12 s
  expect(timeout('report')).toBeGreaterThanOrEqual(60);
  expect(timeout('vote')).toBeGreaterThanOrEqual(30);
  expect(timeout('contest')).toBeGreaterThanOrEqual(30);
});

/**
 * Hostile-input fuzzing of every function and action in the contract map (typings/api.ts),
 * as residents over HTTP. For each call: an error envelope or a valid success, never a 500 or
 * an INTERNAL; nothing written when the call fails; a privileged action never succeeds for a
 * resident; spoofed identity fields never reach the store; no prototype pollution.
 *
 * Size: FUZZ_RUNS bodies per action (default 25 — CI); FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { ERROR_CODES } from '../../typings/envelope';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { ACCESS, ADMIN_ONLY } from './lib/access';
import { readApiSurface, type ActionSpec } from './lib/api-surface';
import { SPOOF, actionBody, nonObjectBody, type Json } from './lib/hostile';
import { NOW, ORGANIZER, RESIDENT, buildWorld, changedCollections, fingerprint, settle, storeText, type World } from './lib/world';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const KNOWN_CODES = new Set<string>(ERROR_CODES.filter((c) => c !== 'INTERNAL'));
const SURFACE = readApiSurface();

const residents = fc.constantFrom(RESIDENT, 'resident-fuzz-1', 'resident-fuzz-2', 'resident-fuzz-3');

interface Reply {
  status: number;
  body: unknown;
}

let rt: TestRuntime;
let world: World;
let built: string[];
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const outcomes: Record<string, Record<string, number>> = {};

async function post(fn: string, body: Json, openid: string): Promise<Reply> {
  const res = await fetch(`${rt.url}/api/call/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid, 'x-now': NOW },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

function describeCall(fn: string, body: Json, reply: Reply): string {
  const shown = JSON.stringify(body).slice(0, 600);
  return `${fn} ${shown}\n  -> HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 400)}`;
}

/** The checks every call must pass; throws with the offending call described. `adminOnly`: the caller is an organizer. */
async function callAndCheck(spec: Pick<ActionSpec, 'fn' | 'action'>, body: Json, openid: string, adminOnly = false): Promise<void> {
  const before = fingerprint(rt);
  const reply = await post(spec.fn, body, openid);
  const fail = (why: string): never => {
    throw new Error(`${why}\n  as ${openid}: ${describeCall(spec.fn, body, reply)}`);
  };
  if (reply.status >= 500) fail(`HTTP ${reply.status}`);
  const env = reply.body as { ok?: unknown; code?: unknown; message?: unknown; data?: unknown };
  if (typeof env !== 'object' || env === null || typeof env.ok !== 'boolean') fail('not an envelope');
  const key = `${spec.fn}.${spec.action}`;
  const tally = (outcomes[key] ??= {});
  if (env.ok === false) {
    tally[String(env.code)] = (tally[String(env.code)] ?? 0) + 1;
    if (typeof env.code !== 'string' || !KNOWN_CODES.has(env.code)) fail(`unexpected error code ${String(env.code)}`);
    if (typeof env.message !== 'string' || env.message.length === 0) fail('error without a message');
    const changed = changedCollections(before, fingerprint(rt));
    if (changed.length > 0) fail(`a failed call changed the store: ${changed.join(', ')}`);
  } else {
    tally.OK = (tally.OK ?? 0) + 1;
    if (!('data' in env)) fail('success without data');
    const access = ACCESS[spec.fn]?.[spec.action];
    if (adminOnly) fail('ESCALATION: an organizer succeeded at an admin-only action');
    if (access === 'privileged' && openid !== ORGANIZER) fail('ESCALATION: a resident succeeded at a privileged action');
    if (access === 'secret') fail('FORGERY: a resident succeeded without the secret it needs');
    if (storeText(rt).includes(SPOOF)) fail('a spoofed identity field reached the store');
    await settle(rt);
  }
  const nowKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  if (nowKeys.join() !== protoKeys.join()) fail(`Object.prototype polluted: ${nowKeys.filter((k) => !protoKeys.includes(k)).join(', ')}`);
}

beforeAll(async () => {
  rt = await startTestRuntime();
  built = rt.runtime.host.functions();
  world = await buildWorld(rt, built);
  await settle(rt);
}, 120_000);

afterAll(async () => {
  if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify(outcomes, null, 1));
  await rt?.stop();
});

test('every action of the contract is classified for the escalation check', () => {
  const unclassified = SURFACE.filter((a) => ACCESS[a.fn]?.[a.action] === undefined).map((a) => `${a.fn}.${a.action}`);
  expect(unclassified).toEqual([]);
});

const cases = SURFACE.map((a) => [`${a.fn}.${a.action}`, a] as const);

describe.each(cases)('%s', (_name, spec) => {
  test('hostile bodies: envelope, no write on failure, no escalation', async () => {
    if (!built.includes(spec.fn)) return; // not built yet: nothing to call
    await fc.assert(
      fc.asyncProperty(actionBody(spec.action, spec.fields, world.known), residents, (body, openid) => callAndCheck(spec, body, openid)),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});

const adminOnly = SURFACE.filter((a) => ADMIN_ONLY[a.fn]?.includes(a.action)).map((a) => [`${a.fn}.${a.action}`, a] as const);

describe.each(adminOnly)('%s as an organizer', (_name, spec) => {
  test('never succeeds', async () => {
    if (!built.includes(spec.fn)) return;
    await fc.assert(
      fc.asyncProperty(actionBody(spec.action, spec.fields, world.known), (body) => callAndCheck(spec, body, ORGANIZER, true)),
      { numRuns: Math.max(5, Math.round(RUNS / 3)), seed: SEED, endOnFailure: true },
    );
  });
});

test('a resident cannot fire a timer trigger by sending its event shape', async () => {
  const triggers = ['reconcile', 'seal', 'every-minute', 'flush', 'remind', 'cleanup'];
  for (const fn of built) {
    for (const TriggerName of triggers) {
      await callAndCheck({ fn, action: '(timer)' }, { Type: 'Timer', TriggerName, Time: NOW }, RESIDENT);
      const reply = await post(fn, { Type: 'Timer', TriggerName, Time: NOW }, RESIDENT);
      expect({ fn, TriggerName, ok: (reply.body as { ok?: unknown }).ok }).toEqual({ fn, TriggerName, ok: false });
    }
  }
});

test('bodies that are not objects, and unknown actions, are refused by every function', async () => {
  const fns = built;
  expect(fns.length).toBeGreaterThan(0);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...fns), nonObjectBody, residents, (fn, body, openid) => callAndCheck({ fn, action: '(none)' }, body, openid)),
    { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
  );
});

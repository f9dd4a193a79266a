/**
 * The security rules checked against real stored data: after sign-ups with phone numbers (the
 * fuzz world), no collection that a resident's client may read holds a phone number, and every
 * collection the runtime created has a rule file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { NOW, RESIDENT, buildWorld, settle, type World } from './lib/world';

const RULES_DIR = path.resolve(__dirname, '..', '..', 'database-rules');
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

function readRule(c: string): { read?: unknown } | undefined {
  const file = path.join(RULES_DIR, `${c}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { read?: unknown }) : undefined;
}

let rt: TestRuntime;
let world: World;

/** The emulator keeps its own records (the open-API outbox) in `_`-prefixed collections: not the app's. */
const appCollections = () => rt.runtime.emulator.db.collections().filter((c) => !c.startsWith('_'));

beforeAll(async () => {
  rt = await startTestRuntime();
  world = await buildWorld(rt, rt.runtime.host.functions());
  // A blind finish: frozen with counts hidden, after some votes and sign-ups (the world's).
  await rt.call('contest', { action: 'update', contestId: world.contestId, patch: { hideCountsWhenFrozen: true } }, { openid: ADMIN, now: NOW });
  await rt.call('contest', { action: 'setStatus', contestId: world.contestId, status: 'frozen' }, { openid: ADMIN, now: NOW });
  await settle(rt);
}, 120_000);

afterAll(async () => {
  await rt?.stop();
});

test('the world holds phone numbers somewhere (the check below is not vacuous)', () => {
  const db = rt.runtime.emulator.db;
  const withPhones = db.collections().filter((c) => PHONE.test(JSON.stringify(db.find(c))));
  expect(withPhones.length).toBeGreaterThan(0);
});

test('every collection in the store has a rule file', () => {
  const missing = appCollections().filter((c) => readRule(c) === undefined);
  expect(missing).toEqual([]);
});

test('no client-readable collection holds a phone number', () => {
  const db = rt.runtime.emulator.db;
  const leaks = appCollections()
    .filter((c) => readRule(c)?.read !== false)
    .filter((c) => PHONE.test(JSON.stringify(db.find(c))));
  expect(leaks).toEqual([]);
});

test('no client-readable collection holds an openid or a vote count', () => {
  const db = rt.runtime.emulator.db;
  const openids = [RESIDENT, ADMIN, 'resident-fuzz-1'];
  const readable = appCollections().filter((c) => readRule(c)?.read !== false);
  const leaks = readable.filter((c) => {
    const text = JSON.stringify(db.find(c));
    return openids.some((o) => text.includes(o)) || /"(votes|tally|counts|frozenCounts|createdBy)"\s*:/.test(text);
  });
  expect(leaks).toEqual([]);
});

/**
 * The security rules checked against real stored data: after sign-ups with phone numbers (the
 * fuzz world), no collection that a resident's client may read holds a phone number, and every
 * collection the runtime created has a rule file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { buildWorld } from './lib/world';

const RULES_DIR = path.resolve(__dirname, '..', '..', 'database-rules');
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

function readRule(c: string): { read?: unknown } | undefined {
  const file = path.join(RULES_DIR, `${c}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { read?: unknown }) : undefined;
}

let rt: TestRuntime;

/** The emulator keeps its own records (the open-API outbox) in `_`-prefixed collections: not the app's. */
const appCollections = () => rt.runtime.emulator.db.collections().filter((c) => !c.startsWith('_'));

beforeAll(async () => {
  rt = await startTestRuntime();
  await buildWorld(rt, rt.runtime.host.functions());
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

/**
 * The database security rules (database-rules/<collection>.json) against the collections the
 * cloud functions actually use: none forgotten, no client writes, and nothing that holds
 * personal data (phones, openids, hidden counts) readable by other residents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { scanCollections, type CollectionScan } from '../../scripts/db-collections';

const RULES_DIR = path.resolve(__dirname, '..', '..', 'database-rules');
const OPERATIONS = new Set(['read', 'write', 'create', 'update', 'delete']);

/**
 * Collections a resident's client may read. None: the mini-program reads through the functions
 * only, so nothing a client SDK could query holds counts or people (a draft's projects, the
 * counts frozen at a blind finish, `createdBy` openids). Adding a name here is a privacy
 * decision: its documents must never hold phone numbers, openids or hidden vote counts.
 */
const PUBLIC_READ = new Set<string>();

/** Collections known to hold phone numbers (sign-up forms, rosters, messages to residents). */
const HOLDS_PHONES = ['signups', 'checkins', 'outbox'];

/** Owner-only read: the one non-public expression allowed. */
const OWNER_ONLY = /^\s*doc\._?openid\s*==\s*auth\.openid\s*$/;

type RuleValue = boolean | string;

function loadRules(): Map<string, Record<string, RuleValue>> {
  const rules = new Map<string, Record<string, RuleValue>>();
  for (const file of fs.readdirSync(RULES_DIR)) {
    if (!file.endsWith('.json')) continue;
    rules.set(file.slice(0, -'.json'.length), JSON.parse(fs.readFileSync(path.join(RULES_DIR, file), 'utf8')) as Record<string, RuleValue>);
  }
  return rules;
}

function worldReadable(rule: Record<string, RuleValue>): boolean {
  const read = rule.read;
  if (read === false) return false;
  if (typeof read === 'string' && OWNER_ONLY.test(read)) return false;
  return true;
}

describe('database security rules', () => {
  let scan: CollectionScan;
  const rules = loadRules();

  beforeAll(() => {
    scan = scanCollections();
  });

  test('every collection name in the functions resolves (nothing hidden behind a dynamic name)', () => {
    expect(scan.unresolved).toEqual([]);
    expect(scan.names.length).toBeGreaterThan(5);
  });

  test('every collection the functions use has a rule file', () => {
    const missing = scan.names.filter((c) => !rules.has(c)).map((c) => `${c} (used at ${scan.uses[c].slice(0, 3).join(', ')})`);
    expect(missing).toEqual([]);
  });

  test('rule files are well formed: read and write given, values boolean or expression', () => {
    for (const [name, rule] of rules) {
      expect({ name, keys: Object.keys(rule).filter((k) => !OPERATIONS.has(k)) }).toEqual({ name, keys: [] });
      expect({ name, hasRead: 'read' in rule, hasWrite: 'write' in rule }).toEqual({ name, hasRead: true, hasWrite: true });
      for (const v of Object.values(rule)) expect(['boolean', 'string']).toContain(typeof v);
    }
  });

  test('no client writes anywhere: every write goes through a cloud function', () => {
    for (const [name, rule] of rules) {
      for (const op of ['write', 'create', 'update', 'delete']) {
        if (op in rule) expect({ name, op, value: rule[op] }).toEqual({ name, op, value: false });
      }
    }
  });

  test('only the public collections are readable by other residents', () => {
    const readable = [...rules]
      .filter(([, r]) => worldReadable(r))
      .map(([n]) => n)
      .sort();
    expect(readable.filter((n) => !PUBLIC_READ.has(n))).toEqual([]);
  });

  test('no collection holding phone numbers is world-readable', () => {
    for (const c of HOLDS_PHONES) {
      const rule = rules.get(c);
      expect({ c, present: rule !== undefined }).toEqual({ c, present: true });
      if (rule) expect({ c, worldReadable: worldReadable(rule) }).toEqual({ c, worldReadable: false });
      expect(PUBLIC_READ.has(c)).toBe(false);
    }
  });

  test('the README documents every rule file', () => {
    const readme = fs.readFileSync(path.join(RULES_DIR, 'README.md'), 'utf8');
    const undocumented = [...rules.keys()].filter((c) => !readme.includes(`\`${c}\``));
    expect(undocumented).toEqual([]);
  });
});

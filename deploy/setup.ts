/**
 * Sets an environment up for the functions: every collection they use, every index their
 * queries need (both declared in cloudfunctions/common/collections.ts), the database security
 * rules (database-rules/<collection>.json) and the storage rule. A fresh CloudBase environment
 * has none of these (reads and writes on a missing collection fail with -502005), so this runs
 * once after the functions are deployed, and again whenever a collection or index is added;
 * it is idempotent. `npm start` and the tests run the same steps against the local emulator.
 *
 * Collections are created with @cloudbase/node-sdk (as the functions reach the database);
 * indexes and rules go through the environment's management API (EnvironmentAdmin: the cloud's
 * through @cloudbase/manager-node, the local emulator's `POST /manager`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS, INDEXES, type CollectionName } from '../cloudfunctions/common/collections';

const RULES_DIR = path.join(__dirname, '..', 'database-rules');

/**
 * Storage: only the uploader and admins read a file directly. Everything the functions store
 * (exports with names and phones, posters, checked images) reaches people as a short-lived
 * temporary URL the function hands out, never as a readable storage path.
 */
export const STORAGE_ACL = 'PRIVATE';

/** The management calls setup makes, in the cloud API's names and shapes. */
export interface EnvironmentAdmin {
  /** Where this points, for the log. */
  readonly target: string;
  /** A cloud API action (`DescribeTable`, `UpdateTable`, `ModifySafeRule`, …); answers its Response. */
  call(action: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** What setup needs of a database: collection creation (node-sdk's `db.createCollection`). */
export interface CollectionCreator {
  createCollection(name: string): Promise<unknown>;
}

export interface SetupReport {
  collectionsCreated: string[];
  indexesCreated: string[];
  rulesSet: number;
  storageAcl: string;
}

export function collectionNames(): CollectionName[] {
  return Object.values(COLLECTIONS).sort() as CollectionName[];
}

/** A collection's security rule file, as the JSON string the API takes. */
export function ruleOf(collection: string): string {
  const file = path.join(RULES_DIR, `${collection}.json`);
  if (!fs.existsSync(file)) throw new Error(`no security rule for collection ${collection}: add database-rules/${collection}.json`);
  return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** createCollection fails on a collection that exists in the cloud (the emulator just answers): either way it is there. */
async function ensureCollection(db: CollectionCreator, name: string, admin: EnvironmentAdmin): Promise<boolean> {
  const exists = await admin.call('CheckTableExists', { TableName: name });
  if (exists.Exists === true) return false;
  try {
    await db.createCollection(name);
  } catch (e) {
    if (!/exist/i.test(e instanceof Error ? e.message : String(e))) throw e;
    return false;
  }
  return true;
}

async function existingIndexes(admin: EnvironmentAdmin, collection: string): Promise<Set<string>> {
  const table = await admin.call('DescribeTable', { TableName: collection });
  const list = Array.isArray(table.Indexes) ? (table.Indexes as { Name?: unknown }[]) : [];
  return new Set(list.map((i) => String(i.Name)));
}

export async function setUpEnvironment(db: CollectionCreator, admin: EnvironmentAdmin, log: (msg: string) => void = () => undefined): Promise<SetupReport> {
  const report: SetupReport = { collectionsCreated: [], indexesCreated: [], rulesSet: 0, storageAcl: STORAGE_ACL };
  for (const name of collectionNames()) {
    if (await ensureCollection(db, name, admin)) report.collectionsCreated.push(name);
    const have = await existingIndexes(admin, name);
    const missing = INDEXES[name].filter((ix) => !have.has(ix.name));
    if (missing.length) {
      await admin.call('UpdateTable', {
        TableName: name,
        CreateIndexes: missing.map((ix) => ({
          IndexName: ix.name,
          MgoKeySchema: { MgoIsUnique: ix.unique === true, MgoIndexKeys: ix.keys.map((k) => ({ Name: k, Direction: '1' })) },
        })),
      });
      report.indexesCreated.push(...missing.map((ix) => `${name}.${ix.name}`));
    }
    await admin.call('ModifySafeRule', { CollectionName: name, AclTag: 'CUSTOM', Rule: ruleOf(name) });
    report.rulesSet++;
  }
  await admin.call('ModifyStorageSafeRule', { AclTag: STORAGE_ACL });
  log(
    `[setup] ${admin.target}: ${collectionNames().length} collections (${report.collectionsCreated.length} created), ` +
      `${report.indexesCreated.length} indexes created, ${report.rulesSet} security rules, storage ${STORAGE_ACL}`,
  );
  return report;
}

/** The local emulator's management API (`POST <base>/manager`). */
export function localAdmin(baseUrl: string): EnvironmentAdmin {
  return {
    target: `local emulator ${baseUrl}`,
    async call(action, params) {
      const res = await fetch(`${baseUrl}/manager`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Action: action, ...params }),
      });
      const body = (await res.json()) as { Response: Record<string, unknown> & { Error?: { Code: string; Message: string } } };
      if (body.Response.Error) throw new Error(`${action}: ${body.Response.Error.Code} ${body.Response.Error.Message}`);
      return body.Response;
    },
  };
}

/** The part of @cloudbase/manager-node used here (loaded only for a real environment). */
interface ManagerApp {
  database: {
    checkCollectionExists(name: string): Promise<{ Exists: boolean }>;
    describeCollection(name: string): Promise<{ Indexes?: { Name: string }[] }>;
    updateCollection(name: string, info: { CreateIndexes: unknown[] }): Promise<unknown>;
  };
  storage: { setStorageAcl(acl: string, rule?: unknown): Promise<unknown> };
  commonService(service?: string, version?: string): { call(req: { Action: string; Param: Record<string, unknown> }): Promise<Record<string, unknown>> };
}

/** A real CloudBase environment, through @cloudbase/manager-node with an account's API keys. */
export function cloudAdmin(envId: string, secretId: string, secretKey: string): EnvironmentAdmin {
  const CloudBase = require('@cloudbase/manager-node') as new (cfg: { envId: string; secretId: string; secretKey: string }) => ManagerApp;
  const app = new CloudBase({ envId, secretId, secretKey });
  const actions: Record<string, (p: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    CheckTableExists: (p) => app.database.checkCollectionExists(String(p.TableName)) as Promise<Record<string, unknown>>,
    DescribeTable: (p) => app.database.describeCollection(String(p.TableName)) as Promise<Record<string, unknown>>,
    UpdateTable: async (p) => ({ done: await app.database.updateCollection(String(p.TableName), { CreateIndexes: p.CreateIndexes as unknown[] }) }),
    ModifySafeRule: (p) => app.commonService().call({ Action: 'ModifySafeRule', Param: { EnvId: envId, ...p } }),
    ModifyStorageSafeRule: async (p) => ({ done: await app.storage.setStorageAcl(String(p.AclTag)) }),
  };
  return {
    target: `CloudBase environment ${envId}`,
    call(action, params) {
      const run = actions[action];
      if (!run) throw new Error(`setup does not call ${action} on a real environment`);
      return run(params);
    },
  };
}

/** node-sdk's database at a given endpoint (the local emulator's `/admin`). */
export function sdkDatabaseAt(adminUrl: string): CollectionCreator {
  const tcb = require('@cloudbase/node-sdk') as { init(cfg: Record<string, unknown>): { database(): CollectionCreator } };
  return tcb.init({ env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: adminUrl }).database();
}

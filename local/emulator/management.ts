/**
 * The environment's management API, the part of CloudBase's cloud API (tcb.tencentcloudapi.com,
 * version 2018-06-08, and the document database's table API) that sets an environment up:
 * collections, indexes, database security rules and the storage rule. In the cloud these calls
 * go through @cloudbase/manager-node with an account's keys; here `POST /manager` takes the same
 * actions and parameters as JSON (`{ Action, ...params }`) and answers `{ Response: {...} }`.
 *
 * Indexes and rules are stored in system collections (`_indexes`, `_rules`), journaled like
 * everything else. An index makes its first field an index of the store (what the query
 * planner uses, and what decides whether a large scan is "unindexed").
 */
import crypto from 'crypto';
import { Doc } from './ejson';
import { Engine } from './engine';

export const INDEXES_COLLECTION = '_indexes';
export const RULES_COLLECTION = '_rules';

export type AclTag = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM';
const ACL_TAGS: AclTag[] = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM'];

export interface IndexSpec {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
}

class ManagementError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (what: string) => new ManagementError('ResourceNotFound', what);
const invalid = (what: string) => new ManagementError('InvalidParameter', what);

function text(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw invalid(`${name} is required`);
  return v;
}

function isSystem(name: string): boolean {
  return name.startsWith('_');
}

export class Management {
  constructor(private readonly engine: Engine) {}

  private get store() {
    return this.engine.store;
  }

  /** One action; the reply's `Response` (or its `Error`). Writes are durable when it resolves. */
  async handle(body: Record<string, unknown>): Promise<{ Response: Record<string, unknown> }> {
    const RequestId = crypto.randomBytes(8).toString('hex');
    try {
      const action = text(body, 'Action');
      const data = this.run(action, body);
      await this.engine.durable();
      return { Response: { RequestId, ...data } };
    } catch (e) {
      const err = e instanceof ManagementError ? e : new ManagementError('InternalError', (e as Error).message);
      return { Response: { RequestId, Error: { Code: err.code, Message: err.message } } };
    }
  }

  /**
   * Whether a client (the mini-program, not a function) may read stored files directly, by the
   * storage rule: everyone reads under READONLY / ADMINWRITE (and before any rule is set, the
   * cloud's default); under PRIVATE / ADMINONLY only the uploader or an admin does, and no
   * client uploads here, so nobody; CUSTOM by its `read` when that is a plain boolean.
   */
  clientMayRead(): boolean {
    const doc = this.store.get(RULES_COLLECTION, 'storage');
    if (!doc) return true;
    if (doc.AclTag === 'READONLY' || doc.AclTag === 'ADMINWRITE') return true;
    if (doc.AclTag !== 'CUSTOM' || typeof doc.Rule !== 'string') return false;
    return (JSON.parse(doc.Rule) as { read?: unknown }).read === true;
  }

  private run(action: string, p: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'CreateTable':
        return this.createTable(text(p, 'TableName'));
      case 'CheckTableExists':
        return { Exists: this.store.has(text(p, 'TableName')) };
      case 'DescribeTable':
        return this.describeTable(text(p, 'TableName'));
      case 'ListTables':
        return {
          Tables: this.store
            .names()
            .filter((n) => !isSystem(n))
            .sort()
            .map((TableName) => ({ TableName })),
        };
      case 'UpdateTable':
        return this.updateTable(text(p, 'TableName'), p.CreateIndexes);
      case 'ModifySafeRule': {
        const collection = text(p, 'CollectionName');
        this.requireTable(collection);
        return this.setRule(`db:${collection}`, p);
      }
      case 'DescribeSafeRule':
        return this.rule(`db:${text(p, 'CollectionName')}`);
      case 'ModifyStorageSafeRule':
        return this.setRule('storage', p);
      case 'DescribeStorageSafeRule':
        return this.rule('storage');
      default:
        throw new ManagementError('InvalidAction', `action ${action} is not supported`);
    }
  }

  private requireTable(name: string): void {
    if (!this.store.has(name)) throw notFound(`collection ${name} does not exist`);
  }

  private createTable(name: string): Record<string, unknown> {
    if (isSystem(name) || !/^[A-Za-z][\w-]{0,63}$/.test(name)) throw invalid(`invalid collection name ${name}`);
    if (this.store.has(name)) throw new ManagementError('ResourceInUse', `collection ${name} already exists`);
    this.engine.createCollection(name);
    return {};
  }

  private describeTable(name: string): Record<string, unknown> {
    this.requireTable(name);
    const indexes = this.engine.store.find(INDEXES_COLLECTION, { collection: name }).map((d) => ({
      Name: d.name,
      Keys: (d.keys as string[]).map((k) => ({ Name: k, Direction: '1' })),
      Unique: d.unique === true,
    }));
    return { IndexNum: indexes.length + 1, Indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }, ...indexes] };
  }

  private updateTable(name: string, create: unknown): Record<string, unknown> {
    this.requireTable(name);
    const specs = Array.isArray(create) ? (create as IndexSpec[]) : [];
    for (const spec of specs) {
      const keys = spec?.MgoKeySchema?.MgoIndexKeys?.map((k) => k.Name) ?? [];
      if (typeof spec?.IndexName !== 'string' || !spec.IndexName || keys.length === 0 || keys.some((k) => typeof k !== 'string' || !k)) {
        throw invalid('each index needs IndexName and MgoKeySchema.MgoIndexKeys');
      }
      const doc: Doc = { _id: `${name}:${spec.IndexName}`, collection: name, name: spec.IndexName, keys, unique: spec.MgoKeySchema.MgoIsUnique === true };
      // The cloud drops and recreates an index that exists: the same here.
      this.engine.write([{ c: INDEXES_COLLECTION, id: doc._id as string, doc }]);
      this.engine.ensureIndex(name, keys[0]);
    }
    return {};
  }

  private setRule(id: string, p: Record<string, unknown>): Record<string, unknown> {
    const tag = text(p, 'AclTag') as AclTag;
    if (!ACL_TAGS.includes(tag)) throw invalid(`AclTag must be one of ${ACL_TAGS.join(', ')}`);
    const rule = p.Rule;
    if (tag === 'CUSTOM') {
      if (typeof rule !== 'string') throw invalid('Rule is required when AclTag is CUSTOM');
      try {
        JSON.parse(rule);
      } catch {
        throw invalid('Rule must be JSON');
      }
    }
    const doc: Doc = { _id: id, AclTag: tag, ...(tag === 'CUSTOM' ? { Rule: rule as string } : {}) };
    this.engine.write([{ c: RULES_COLLECTION, id, doc }]);
    return {};
  }

  private rule(id: string): Record<string, unknown> {
    const doc = this.store.get(RULES_COLLECTION, id);
    return doc ? { AclTag: doc.AclTag, Rule: doc.Rule ?? null } : { AclTag: null, Rule: null };
  }
}

/**
 * The slice of wx-server-sdk's database API this project uses, typed the way it behaves with
 * promises (the SDK's own typings mix in callback overloads that return void, and leave
 * `db.command` untyped).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Doc = Record<string, any>;

export interface QueryResult<T = Doc> {
  data: T[];
}
export interface UpdateResult {
  stats: { updated: number };
}
export interface RemoveResult {
  stats: { removed: number };
}
export interface AddResult {
  _id: string;
}

export interface DocumentRef {
  get(): Promise<{ data: Doc }>;
  update(opts: { data: Doc }): Promise<UpdateResult>;
  set(opts: { data: Doc }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  remove(): Promise<RemoveResult>;
}

export interface Query {
  where(cond: Doc): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean | 0 | 1>): Query;
  get(): Promise<QueryResult>;
  count(): Promise<{ total: number }>;
  update(opts: { data: Doc }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface Aggregate {
  match(cond: Doc): Aggregate;
  group(spec: Doc): Aggregate;
  sort(spec: Doc): Aggregate;
  limit(n: number): Aggregate;
  skip(n: number): Aggregate;
  project(spec: Doc): Aggregate;
  lookup(spec: Doc): Aggregate;
  unwind(spec: Doc | string): Aggregate;
  count(field: string): Aggregate;
  addFields(spec: Doc): Aggregate;
  end(): Promise<{ list: Doc[] }>;
}

export interface Collection extends Query {
  doc(id: string): DocumentRef;
  /** One document, or an array of them (one request; answers `ids`). */
  add(opts: { data: Doc | Doc[] }): Promise<AddResult>;
  aggregate(): Aggregate;
}

export interface Transaction {
  collection(name: string): { doc(id: string): DocumentRef; add(opts: { data: Doc }): Promise<AddResult> };
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

/**
 * What `db.command` builds: an opaque operator the SDK serialises into the request. It goes
 * where a field's value goes, in a `where` condition or an update's `data`.
 */
export interface DbOperator {
  readonly __dbOperator?: never;
}

type Scalar = string | number | boolean | Date | null;

/** The query and update operators of `db.command` used here. */
export interface Command {
  eq(value: unknown): DbOperator;
  neq(value: unknown): DbOperator;
  lt(value: number | Date | string): DbOperator;
  lte(value: number | Date | string): DbOperator;
  gt(value: number | Date | string): DbOperator;
  gte(value: number | Date | string): DbOperator;
  in(values: Scalar[]): DbOperator;
  nin(values: Scalar[]): DbOperator;
  exists(present: boolean): DbOperator;
  /** Both forms: `_.and([condA, condB])` over documents, `_.and(opA, opB)` on one field. */
  and(conditions: (Doc | DbOperator)[]): DbOperator;
  and(...operators: DbOperator[]): DbOperator;
  or(conditions: (Doc | DbOperator)[]): DbOperator;
  or(...operators: DbOperator[]): DbOperator;
  inc(by: number): DbOperator;
  set(value: unknown): DbOperator;
  remove(): DbOperator;
  push(value: unknown): DbOperator;
  pull(value: unknown): DbOperator;
  addToSet(value: unknown): DbOperator;
  /** Aggregation expressions (`$.sum`, `$.first` …). */
  aggregate: AggregateCommand;
}

export interface AggregateCommand {
  sum(expr: number | string | Doc): Doc;
  first(expr: string | Doc): Doc;
}

export interface Database {
  collection(name: string): Collection;
  command: Command;
  serverDate(opts?: { offset?: number }): unknown;
  startTransaction(): Promise<Transaction>;
  runTransaction<T>(fn: (tx: Transaction) => Promise<T>, times?: number): Promise<T>;
  createCollection(name: string): Promise<unknown>;
}

/**
 * HTTP front: the SDK's single endpoint (`POST /admin?env=…&seqId=…`, JSON or multipart with
 * an `action` field) and the storage URLs handed out by getUploadMetadata/getTempFileURL.
 *
 * Every reply — success or error — is sent only after the journal holds everything written
 * so far, so nothing a client has seen can be lost by a crash.
 */
import crypto from 'crypto';
import http from 'http';
import { DatabaseActions } from './database';
import { Engine } from './engine';
import { EmulatorError, invalidAction, invalidParam, toCloudError } from './errors';
import { Faults } from './faults';
import { Management } from './management';
import { boundaryOf, parseMultipart } from './multipart';
import { decodeRequest, encodeResponse } from './openapi';
import { Outbox, camelParams } from './outbox';
import { Storage } from './storage';
import { callWxApi } from './wxapis';
import type { PhoneCodes } from './phone-codes';

const MAX_BODY = 64 << 20;
const JSON_TYPE = 'application/json; charset=utf-8';

export type InvokeFunction = (name: string, data: unknown, sessionToken: string) => Promise<unknown>;

export interface DispatcherDeps {
  engine: Engine;
  database: DatabaseActions;
  outbox: Outbox;
  phoneCodes?: PhoneCodes;
  storage: Storage;
  faults: Faults;
  management: Management;
  invokeFunction?: InvokeFunction;
  publicUrl?: () => string;
  serverTime?: (sessionToken: string) => number | undefined;
  log: (msg: string) => void;
}

type Reply = { kind: 'json'; body: Record<string, unknown> } | { kind: 'binary'; body: Buffer };

// Unique per process run without a random draw per request (that showed up in profiles).
const runId = crypto.randomBytes(4).toString('hex');
let seq = 0;
const requestId = (): string => `local-${runId}-${(seq++).toString(36)}`;

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(invalidParam('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request's fields: JSON body, or multipart fields (file-like parts kept as buffers). */
function parseFields(req: http.IncomingMessage, raw: Buffer): Record<string, unknown> {
  const ctype = req.headers['content-type'] ?? '';
  if (/multipart\/form-data/i.test(ctype)) {
    const boundary = boundaryOf(ctype);
    if (!boundary) throw invalidParam('multipart body without boundary');
    const fields: Record<string, unknown> = {};
    for (const p of parseMultipart(raw, boundary)) {
      fields[p.name] = p.filename !== undefined || p.contentType === 'application/octet-stream' ? p.data : p.data.toString('utf8');
    }
    return fields;
  }
  try {
    const parsed = JSON.parse(raw.toString('utf8') || '{}') as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('body must be an object');
    return parsed as Record<string, unknown>;
  } catch (e) {
    throw invalidParam(`request body is not valid JSON: ${(e as Error).message}`);
  }
}

export class Dispatcher {
  requests = 0;
  byAction: Record<string, number> = {};

  constructor(private readonly d: DispatcherDeps) {}

  private baseUrl(req: http.IncomingMessage): string {
    return this.d.publicUrl?.() ?? `http://${req.headers.host ?? '127.0.0.1'}`;
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path.startsWith('/storage/')) {
        await this.d.storage.serve(req, res, () => readBody(req));
        return;
      }
      if (path === '/manager' && req.method === 'POST') {
        send(res, 200, JSON_TYPE, JSON.stringify(await this.d.management.handle(parseFields(req, await readBody(req)))));
        return;
      }
      if (!path.startsWith('/admin')) {
        send(res, 404, JSON_TYPE, JSON.stringify({ code: 'NOT_FOUND', message: `no route ${path}` }));
        return;
      }
      const reply = await this.serveAdmin(req);
      if (reply.kind === 'binary') send(res, 200, 'application/octet-stream', reply.body);
      else send(res, 200, JSON_TYPE, JSON.stringify(reply.body));
    } catch (e) {
      // Only transport-level failures get here; API errors are replies.
      this.d.log(`[emulator] request failed: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent) send(res, 500, JSON_TYPE, JSON.stringify({ code: 'SYS_ERR', message: (e as Error).message }));
      else res.end();
    }
  }

  private async serveAdmin(req: http.IncomingMessage): Promise<Reply> {
    const id = requestId();
    let reply: Reply;
    try {
      const fields = parseFields(req, await readBody(req));
      const action = typeof fields.action === 'string' ? fields.action : '';
      this.requests++;
      this.byAction[action] = (this.byAction[action] ?? 0) + 1;
      const target = [fields.collectionName, fields.function_name, fields.apiName].find((x) => typeof x === 'string') as string | undefined;
      const fault = this.d.faults.match(action, target);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.error) throw fault.error;
      reply = await this.dispatch(action, fields, req, id);
    } catch (e) {
      const err = toCloudError(e);
      if (!(e instanceof EmulatorError)) this.d.log(`[emulator] unexpected error: ${(e as Error).stack ?? String(e)}`);
      reply = { kind: 'json', body: { requestId: id, code: err.code, message: err.message } };
    }
    await this.d.engine.durable();
    return reply;
  }

  private async dispatch(action: string, f: Record<string, unknown>, req: http.IncomingMessage, id: string): Promise<Reply> {
    const token = typeof f.tcb_sessionToken === 'string' ? f.tcb_sessionToken : '';
    if (action.startsWith('database.')) {
      const clock = this.d.serverTime;
      const now = clock ? (): number => clock(token) ?? Date.now() : Date.now;
      const r = await this.d.database.handle(action, f, now);
      return { kind: 'json', body: { requestId: id, data: r.data, ...(r.top ?? {}) } };
    }
    switch (action) {
      case 'functions.invokeFunction':
        return { kind: 'json', body: { requestId: id, data: await this.invoke(f, token) } };
      case 'wx.openApi':
        return this.openApi(f, token);
      case 'storage.getUploadMetadata':
        return { kind: 'json', body: { requestId: id, data: this.d.storage.uploadMetadata(envOf(f), String(f.path ?? ''), this.baseUrl(req)) } };
      case 'storage.batchGetDownloadUrl':
        return { kind: 'json', body: { requestId: id, data: { download_list: this.d.storage.downloadUrls(f.file_list, this.baseUrl(req)) } } };
      case 'storage.batchDeleteFile':
        return { kind: 'json', body: { requestId: id, data: { delete_list: this.d.storage.delete(f.fileid_list) } } };
      default:
        throw invalidAction(action);
    }
  }

  private async invoke(f: Record<string, unknown>, token: string): Promise<Record<string, unknown>> {
    const name = f.function_name;
    if (typeof name !== 'string' || !name) throw invalidParam('function_name is required');
    if (!this.d.invokeFunction) throw new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `[ResourceNotFound.Function] function ${name} not found`);
    let data: unknown = {};
    const raw = f.request_data;
    if (typeof raw === 'string' && raw !== '') {
      try {
        data = JSON.parse(raw) as unknown;
      } catch {
        throw invalidParam('request_data is not JSON');
      }
    }
    let result: unknown;
    try {
      result = await this.d.invokeFunction(name, data, token);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const message = e instanceof Error ? e.message : String(e);
      // The host signals an unknown function with an error class named …NotFound.
      const notFound = e instanceof Error && /NotFound/.test(e.constructor.name);
      throw new EmulatorError(
        typeof code === 'string' ? code : 'FUNCTIONS_EXECUTE_FAIL',
        notFound ? `[ResourceNotFound.Function] function ${name} not found` : message,
      );
    }
    return { response_data: JSON.stringify(result ?? null) };
  }

  private openApi(f: Record<string, unknown>, token: string): Reply {
    const api = typeof f.apiName === 'string' ? f.apiName : '';
    if (!api) throw invalidParam('apiName is required');
    const bytes = Buffer.isBuffer(f.requestData) ? f.requestData : Buffer.from(String(f.requestData ?? ''), 'latin1');
    let params: Record<string, unknown>;
    try {
      params = decodeRequest(bytes);
    } catch (e) {
      throw invalidParam(`requestData is not a CommApiData message: ${(e as Error).message}`);
    }
    const reply = callWxApi(api, params, { phoneCodes: this.d.phoneCodes });
    const errCode = typeof reply.json?.errcode === 'number' ? reply.json.errcode : 0;
    this.d.outbox.record({ api, params: camelParams(params), at: new Date().toISOString(), errCode, sessionToken: token || undefined });
    if (reply.binary) return { kind: 'binary', body: encodeResponse(reply.binary.data, reply.binary.contentType) };
    return { kind: 'binary', body: encodeResponse(Buffer.from(JSON.stringify(reply.json ?? {})), 'application/json; charset=utf-8') };
  }
}

function envOf(f: Record<string, unknown>): string {
  return typeof f.envName === 'string' && f.envName && !f.envName.startsWith('$') ? f.envName : 'local';
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export { invalidAction };

/**
 * The functions host: POST /api/call/<fn> runs a cloud function's built index.js as the
 * cloud would, inside its own call context (OPENID from X-Openid, clock from X-Now).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { installEnvProxy, runWithEnv } from './call-context';
import { FunctionLoader, listFunctions } from './functions';
import { SessionRegistry, type CallerContext } from './sessions';
import { HttpError, header, readBody, sendJson } from './http-util';
import { isIsoInstant } from '../../cloudfunctions/common/schemas';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HostOptions {
  functionsDir: string;
  /** Per-function environment variables (from cloudbaserc.json, resolved). */
  functionEnv: Record<string, Record<string, string>>;
  appId?: string;
  envId?: string;
  log?: (msg: string) => void;
}

export class FunctionNotFound extends Error {}

export class FunctionsHost {
  readonly sessions = new SessionRegistry();
  private readonly loader: FunctionLoader;
  private readonly log: (msg: string) => void;
  /** Variables every function sees (e.g. the SDK endpoint of this runtime). */
  private commonEnv: Record<string, string> = {};
  /** Calls running now, and when the last one ended: what `idle()` waits on. */
  private running = 0;
  private lastEnded = 0;

  constructor(private readonly opts: HostOptions) {
    installEnvProxy();
    this.loader = new FunctionLoader(opts.functionsDir);
    this.log = opts.log ?? ((msg) => console.error(msg));
  }

  setCommonEnv(vars: Record<string, string>): void {
    this.commonEnv = { ...vars };
  }

  functions(): string[] {
    return listFunctions(this.opts.functionsDir);
  }

  reload(): void {
    this.loader.reload();
  }

  /**
   * Resolves once no call has run for `quietMs`: a call a function started without waiting for
   * it (the notify flush after a sign-up or a publication) gets to finish before the runtime
   * closes under it. Gives up after `maxMs`.
   */
  async idle(quietMs = 250, maxMs = 5000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline && (this.running > 0 || Date.now() - this.lastEnded < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Runs one function call as `caller`; rejects with FunctionNotFound for an unknown name. */
  async invoke(name: string, event: unknown, caller: CallerContext): Promise<unknown> {
    if (!this.loader.has(name)) throw new FunctionNotFound(name);
    this.running++;
    try {
      return await this.run(name, event, caller);
    } finally {
      this.running--;
      this.lastEnded = Date.now();
    }
  }

  private async run(name: string, event: unknown, caller: CallerContext): Promise<unknown> {
    const main = this.loader.load(name);
    const token = this.sessions.open(caller);
    const vars: Record<string, string> = {
      ...this.commonEnv,
      ...(this.opts.functionEnv[name] ?? {}),
      WX_OPENID: caller.openid,
      WX_APPID: this.opts.appId ?? 'wx0000000000000000',
      WX_UNIONID: '',
      WX_CLIENTIP: '127.0.0.1',
      // getWXContext() reads exactly the variables listed here, as the cloud sets them.
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_ENV',
      WX_ENV: this.opts.envId ?? 'local',
      TCB_ENV: this.opts.envId ?? 'local',
      SCF_FUNCTIONNAME: name,
      TCB_SESSIONTOKEN: token,
      // The SDK forwards only the context variables listed here.
      TCB_CONTEXT_KEYS: 'TCB_SESSIONTOKEN',
      DOORSTEP_NOW: caller.now ?? '',
    };
    try {
      return await runWithEnv(vars, () => main(event, { function_name: name, request_id: token }));
    } finally {
      this.sessions.close(token);
    }
  }

  /** Called by the emulator when a function calls another: same caller, same clock. */
  invokeFromSession = (name: string, event: unknown, sessionToken: string): Promise<unknown> => {
    const caller = this.sessions.lookup(sessionToken) ?? { openid: '' };
    return this.invoke(name, event, caller);
  };

  /** HTTP: POST /api/call/<fn>. Always answers JSON; a throwing function is a 500, never a crash. */
  async handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    try {
      if (req.method !== 'POST') throw new HttpError(405, 'BAD_REQUEST', '请用 POST 调用云函数（use POST）');
      if (!this.loader.has(name)) throw new HttpError(404, 'NOT_FOUND', `没有名为 ${name} 的云函数（no cloud function named ${name}）`);
      const event = parseEvent(await readBody(req, MAX_BODY_BYTES));
      const now = header(req, 'x-now');
      if (now !== undefined && !isIsoInstant(now))
        throw new HttpError(400, 'BAD_REQUEST', 'X-Now 须为2000年至2100年之间带时区的 ISO 8601 时间（X-Now must be an ISO time, 2000–2100）');
      const result = await this.invoke(name, event, { openid: header(req, 'x-openid') ?? '', now });
      sendJson(res, 200, result ?? null);
    } catch (e) {
      if (e instanceof HttpError) {
        sendJson(res, e.status, { ok: false, code: e.code, message: e.message });
        return;
      }
      this.log(`[host] ${name} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      sendJson(res, 500, { ok: false, code: 'INTERNAL', message: `云函数出错了（${e instanceof Error ? e.message : String(e)}）` });
    }
  }
}

function parseEvent(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', '请求内容不是 JSON（request body is not JSON）');
  }
}

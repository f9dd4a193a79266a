/**
 * The local runtime on one port: the CloudBase emulator (/admin, /storage), the functions host
 * (/api/call/<fn>, /api/outbox, /api/phone-code, /api/health) and the web preview (everything else).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openEmulator, type Emulator } from './emulator';
import { FunctionsHost } from './host';
import { readFunctionEnv } from './host/functions';
import { readTimerTriggers, TimerScheduler } from './host/timers';
import { readBody, sendJson } from './host/http-util';
import { quietSdkSocketWarnings } from './host/sdk-warnings';
import { CLOUDBASERC, FUNCTIONS_DIR, LOCAL_FUNCTION_ENV_DEFAULTS, ROOT_DIR, type SeedMode } from './config';
import { DEMO_ADMIN, seedDemo, type SeedCall, type SeedEnvelope } from './seed/demo';
import { localAdmin, sdkDatabaseAt, setUpEnvironment } from '../deploy/setup';
import { storageUploader } from './seed/upload';

export interface RuntimeOptions {
  port?: number;
  host?: string;
  dataDir: string;
  seed?: SeedMode;
  /** Overrides of function environment variables (e.g. ADMIN_OPENIDS for a test). */
  env?: Record<string, string>;
  /** Fire the functions' timer triggers (config.json) on schedule; tests drive timers themselves. */
  timers?: boolean;
  /** Serve the web preview and automator endpoint (default true). */
  preview?: boolean;
  quiet?: boolean;
  /**
   * Run the environment's setup (collections, indexes, rules) at start (default true). Off, the
   * emulator is as empty as a new cloud environment: for rehearsing the documented deploy steps.
   */
  setup?: boolean;
  /** What a query no declared index serves does (the emulator's `unindexed`; tests refuse it). */
  unindexed?: 'log' | 'refuse' | 'ignore';
}

export interface Runtime {
  url: string;
  port: number;
  emulator: Emulator;
  host: FunctionsHost;
  server: http.Server;
  stop(): Promise<void>;
}

interface PreviewModule {
  createPreview(opts: { rootDir: string }): { handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> };
  attachAutomator?(server: http.Server, path?: string): void;
}

function loadPreview(): PreviewModule | undefined {
  const entry = path.join(__dirname, 'preview', 'index.ts');
  if (!existsSync(entry)) return undefined;
  return require('./preview') as PreviewModule;
}

function sdkEndpointVars(port: number): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    // Tells the SDK it runs on Tencent Cloud, so it skips probing the cloud's metadata address
    // (two timed-out lookups, ~60 ms) before every request.
    TENCENTCLOUD: 'true',
  };
}

/** The seed calls functions in-process, as an admin of this runtime (ADMIN_OPENIDS) unless told otherwise. */
function hostSeedCall(host: FunctionsHost, admin: string): SeedCall {
  const available = new Set(host.functions());
  return async (fn, data, openid = admin, at) => {
    if (!available.has(fn)) return { ok: false, code: 'NOT_BUILT', message: `${fn} is not built` };
    return (await host.invoke(fn, data, { openid, now: at?.toISOString() })) as SeedEnvelope;
  };
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The runtime trusts X-Openid, so only this machine may call it: on loopback the Host must be a
 * loopback name (a DNS-rebinding page names its own host), and a browser's Origin must be the
 * runtime itself (another site's page in the same browser sends its own).
 */
export function fromThisMachine(req: http.IncomingMessage, boundHost: string | undefined): boolean {
  const host = req.headers.host ?? '';
  if (boundHost === undefined && !LOOPBACK_NAMES.has(host.replace(/:\d+$/, ''))) return false;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const log = opts.quiet ? () => undefined : (msg: string) => console.log(msg);
  quietSdkSocketWarnings(opts.quiet ? () => undefined : undefined);
  const resolveEnv = (name: string) => opts.env?.[name] ?? process.env[name] ?? LOCAL_FUNCTION_ENV_DEFAULTS[name];
  const functionEnv = readFunctionEnv(CLOUDBASERC, resolveEnv);
  let port = opts.port ?? 3000;
  let ready = false;
  const host = new FunctionsHost({ functionsDir: FUNCTIONS_DIR, functionEnv, log: (m) => console.error(m) });
  const emulator = await openEmulator({
    dataDir: opts.dataDir,
    invokeFunction: host.invokeFromSession,
    publicUrl: () => `http://127.0.0.1:${port}`,
    // db.serverDate() in a call reads that call's clock (X-Now), like the domain code does.
    serverTime: (token: string) => {
      const at = host.sessions.lookup(token)?.now;
      return at ? Date.parse(at) : undefined;
    },
    log,
    unindexed: opts.unindexed,
  });
  const preview = opts.preview === false ? undefined : loadPreview()?.createPreview({ rootDir: ROOT_DIR });

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      console.error('[runtime] request failed', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'INTERNAL', message: 'internal error' });
      else res.end();
    });
  });
  server.keepAliveTimeout = 30_000;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!fromThisMachine(req, opts.host)) return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: 'only pages served by this runtime may call it' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    if (p.startsWith('/admin') || p.startsWith('/storage/') || p === '/manager') return emulator.handle(req, res);
    if (p.startsWith('/api/call/')) return host.handleCall(req, res, decodeURIComponent(p.slice('/api/call/'.length)));
    if (p === '/api/outbox' && req.method === 'GET') return sendJson(res, 200, { items: emulator.outbox() });
    if (p === '/api/phone-code' && req.method === 'POST') return issuePhoneCode(req, res);
    // Ready once set up and seeded: a script waiting for the runtime waits for this, not the port.
    if (p === '/api/health') return sendJson(res, ready ? 200 : 503, { ok: ready, ready, functions: host.functions() });
    if (preview && (await preview.handle(req, res))) return;
    sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: `nothing at ${p}` });
  }

  /** Local-only: what WeChat's phone-number button gives a page, `{ phone }` → `{ code }`. */
  async function issuePhoneCode(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let phone: unknown;
    try {
      phone = (JSON.parse((await readBody(req, 1024)).toString('utf8')) as { phone?: unknown }).phone;
      return sendJson(res, 200, { code: emulator.issuePhoneCode(String(phone)) });
    } catch {
      return sendJson(res, 400, { ok: false, code: 'BAD_REQUEST', message: 'body must be { "phone": "<11-digit mainland mobile>" }' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, opts.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // The SDK reads its endpoint from the environment at each request: calls of this runtime
  // point here (per call, so two runtimes in one test process do not mix).
  host.setCommonEnv(sdkEndpointVars(port));
  for (const [k, v] of Object.entries(sdkEndpointVars(port))) process.env[k] ??= v;
  if (preview) loadPreview()?.attachAutomator?.(server, '/automator');

  const url = `http://127.0.0.1:${port}`;
  // The same setup a real environment gets (README: deploy): a missing collection or index fails here first.
  if (opts.setup !== false) await setUpEnvironment(sdkDatabaseAt(`${url}/admin`), localAdmin(url), log);
  if ((opts.seed ?? 'none') === 'demo') {
    const admins = (resolveEnv('ADMIN_OPENIDS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!admins.length) throw new Error('ADMIN_OPENIDS is empty: the demo data is written by an admin (set it in .env)');
    const admin = admins.includes(DEMO_ADMIN) ? DEMO_ADMIN : admins[0];
    await seedDemo({ call: hostSeedCall(host, admin), log, upload: storageUploader(url) });
  }
  ready = true;
  const timers = opts.timers
    ? new TimerScheduler(
        readTimerTriggers(FUNCTIONS_DIR),
        (t, at) => host.invoke(t.fn, { Type: 'Timer', TriggerName: t.name, Time: at.toISOString() }, { openid: '' }),
        (m) => console.error(m),
      )
    : undefined;
  timers?.start();

  return {
    url,
    port,
    emulator,
    host,
    server,
    async stop() {
      timers?.stop();
      // What the last calls started in the background (a notify flush) finishes first.
      await host.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}

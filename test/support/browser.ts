/**
 * Journeys through miniprogram-automator: against the web preview in headless Chromium (the
 * local runtime in a child process), or against WeChat DevTools when WX_DEVTOOLS_CLI is set.
 * `journeyAvailability()` says whether and why journeys can run, so a test file can skip loudly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page as BrowserPage } from 'playwright-core';
import automator from 'miniprogram-automator';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import { ROOT, postJson, runtimeAvailable, spawnRuntime, type RuntimeProcess } from './runtime-process';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Target = 'devtools' | 'preview';

export interface Availability {
  ok: boolean;
  target: Target;
  reason: string;
}

export function journeyAvailability(functions: string[] = ['contest', 'activity']): Availability {
  if (process.env.WX_DEVTOOLS_CLI) return { ok: true, target: 'devtools', reason: `WeChat DevTools at ${process.env.WX_DEVTOOLS_CLI}` };
  if (!fs.existsSync(CHROMIUM_PATH))
    return { ok: false, target: 'preview', reason: `Chromium not found at ${CHROMIUM_PATH} (run: npx tsx scripts/ensure-chromium.ts as root)` };
  if (!runtimeAvailable(functions))
    return { ok: false, target: 'preview', reason: `the local runtime or the built functions (${functions.join(', ')}) are missing (run: npm run build)` };
  return { ok: true, target: 'preview', reason: 'web preview in headless Chromium' };
}

/** A function's answer as the journeys read it. */
export interface Reply<T> {
  ok: boolean;
  data: T;
  code?: string;
}

export interface Session {
  target: Target;
  miniProgram: MiniProgram;
  /** The local runtime (preview target only). */
  runtime?: RuntimeProcess;
  /** The browser page showing the preview (preview target only). */
  page?: BrowserPage;
  /** Switches who is using the phone (preview: reloads the preview as that persona). */
  usePersona(openid: string): Promise<void>;
  /** Calls a function of the local runtime as `openid`, to set up data (preview target only). */
  call<T = unknown>(fn: string, openid: string, data: Record<string, unknown>): Promise<Reply<T>>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<{ context: BrowserContext; userDataDir: string }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: false,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return { context, userDataDir };
}

/** Runs `use` in a fresh headless Chromium, then closes it and removes its profile. */
export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const { context, userDataDir } = await launchChromium();
  try {
    return await use(context);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function waitForPreview(page: BrowserPage): Promise<void> {
  await page.waitForFunction(() => Boolean((globalThis as unknown as { __preview?: { ready: boolean } }).__preview?.ready), undefined, { timeout: 30_000 });
}

export async function startSession(opts: { seed?: 'demo' | 'none'; persona?: string } = {}): Promise<Session> {
  if (process.env.WX_DEVTOOLS_CLI) {
    const miniProgram = await automator.launch({ cliPath: process.env.WX_DEVTOOLS_CLI, projectPath: ROOT });
    return {
      target: 'devtools',
      miniProgram,
      async usePersona() {
        // DevTools runs as the logged-in WeChat account: personas do not apply.
      },
      call() {
        return Promise.reject(new Error('calls to the local runtime need the preview target'));
      },
      async close() {
        await miniProgram.close();
      },
    };
  }
  const runtime = await spawnRuntime(opts.seed ?? 'none');
  const { context, userDataDir } = await launchChromium();
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn(`[preview page error] ${e.message}`));
    const open = async (persona: string) => {
      await page.goto(`${runtime.url}/?shot=1&persona=${encodeURIComponent(persona)}`);
      await waitForPreview(page);
    };
    await open(opts.persona ?? 'resident-a');
    const miniProgram = await automator.connect({ wsEndpoint: `${runtime.url.replace(/^http/, 'ws')}/automator` });
    return {
      target: 'preview',
      miniProgram,
      runtime,
      page,
      async usePersona(openid) {
        await open(openid);
      },
      call: <T>(fn: string, openid: string, data: Record<string, unknown>) =>
        postJson(`${runtime.url}/api/call/${fn}`, data, { 'x-openid': openid }) as Promise<Reply<T>>,
      async close() {
        miniProgram.disconnect();
        await context.close();
        await runtime.stop();
        fs.rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context.close();
    await runtime.stop();
    throw e;
  }
}

/**
 * The gate every journey file opens with: warns once when journeys cannot run, and gives the
 * `test` to use (skipped with the reason in its title when unavailable). `previewOnly` journeys
 * seed data through the local runtime, so they do not run against real DevTools. `start`
 * launches the file's mini-program (startSession), closed again after the file's journeys.
 */
export function journeyGate(functions?: string[], opts: { previewOnly?: boolean } = {}) {
  const availability = journeyAvailability(functions);
  if (!availability.ok) console.warn(`e2e journeys skipped: ${availability.reason}`);
  const runs = availability.ok && (!opts.previewOnly || availability.target === 'preview');
  // Every session a file starts is closed after its journeys (a file may start more than one).
  const sessions: Session[] = [];
  afterAll(async () => {
    for (const s of sessions.splice(0)) await s.close();
  }, 60_000);
  return {
    journey: runs ? test : test.skip,
    title: (name: string) => (availability.ok ? name : `${name} — SKIPPED: ${availability.reason}`),
    async start(sessionOpts: Parameters<typeof startSession>[0]): Promise<Session> {
      const session = await startSession(sessionOpts);
      sessions.push(session);
      return session;
    },
  };
}

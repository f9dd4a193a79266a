/**
 * Test harness: an emulator on a random port with a temp data dir, and the SDK environment
 * pointing at it. Call `startEmulator()` before requiring wx-server-sdk / @cloudbase/node-sdk.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { Emulator, EmulatorOptions, openEmulator } from '../../local/emulator';

export interface Harness {
  emulator: Emulator;
  port: number;
  url: string;
  dataDir: string;
  /** Creates collections as an environment's setup does (the emulator, like the cloud, has none until then). */
  createCollections(...names: string[]): Promise<void>;
  close(): Promise<void>;
}

/** CreateTable through the emulator's management API; one that exists already is fine. */
export async function createCollections(url: string, names: string[]): Promise<void> {
  for (const TableName of names) {
    const res = await fetch(`${url}/manager`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Action: 'CreateTable', TableName }),
    });
    const err = ((await res.json()) as { Response: { Error?: { Code: string; Message: string } } }).Response.Error;
    if (err && err.Code !== 'ResourceInUse') throw new Error(`CreateTable ${TableName}: ${err.Message}`);
  }
}

export function tempDir(prefix = 'doorstep-emu-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Points the SDKs (of this process) at `port`. */
export function pointSdkAt(port: number): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` });
  process.env.TENCENTCLOUD_SECRETID = 'local';
  process.env.TENCENTCLOUD_SECRETKEY = 'local';
  process.env.SILENCE = 'true';
  // Otherwise the SDK probes a cloud metadata host once per process to detect where it runs.
  process.env.TENCENTCLOUD = 'true';
}

export async function startEmulator(opts: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const dataDir = opts.dataDir ?? tempDir();
  let port = 0;
  const emulator = await openEmulator({ dataDir, log: () => undefined, publicUrl: () => `http://127.0.0.1:${port}`, ...opts });
  const server = http.createServer((req, res) => void emulator.handle(req, res));
  // Long keep-alive: a client reusing a socket the server is just closing gets ECONNRESET.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 2048, resolve));
  const addr = server.address();
  port = addr && typeof addr === 'object' ? addr.port : 0;
  pointSdkAt(port);
  return {
    emulator,
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    createCollections: (...names) => createCollections(`http://127.0.0.1:${port}`, names),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The wx-server-sdk module, loaded after the environment points at the emulator. */
export function loadWxSdk(): WxCloud {
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: 'local' });
  return cloud;
}

/** The slice of wx-server-sdk the tests use (its own typings are loose). */
export interface WxCloud {
  init(opts: { env: string }): void;
  database(opts?: Record<string, unknown>): WxDb;
  callFunction(opts: { name: string; data?: unknown }): Promise<{ result: unknown; requestID?: string }>;
  uploadFile(opts: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(opts: { fileID: string }): Promise<{ fileContent: Buffer }>;
  getTempFileURL(opts: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number }> }>;
  deleteFile(opts: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number }> }>;
  openapi: Record<string, Record<string, (params: Record<string, unknown>) => Promise<Record<string, unknown>>>>;
}

/* The SDK's query builder is dynamic; tests treat it as such. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WxDb = any;

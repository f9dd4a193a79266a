/**
 * Durability: the standalone server is killed with SIGKILL at random instants while clients
 * write; after a restart every acknowledged write must be there. A torn or corrupt journal
 * tail is dropped with a warning and the store still starts.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { WxDb, createCollections, pointSdkAt, tempDir } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'local/emulator/server.ts');

interface Server {
  child: ChildProcess;
  output: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = addr && typeof addr === 'object' ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The collections this file writes, created (once; later starts find them) as an environment's setup does. */
const COLLECTIONS = ['acked', 'tally', 'torn'];

async function startServer(dataDir: string, port: number, compactBytes = 0): Promise<Server> {
  const server = await spawnServer(dataDir, port, compactBytes);
  await createCollections(`http://127.0.0.1:${port}`, COLLECTIONS);
  return server;
}

function spawnServer(dataDir: string, port: number, compactBytes: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DOORSTEP_DATA_DIR: dataDir,
        ...(compactBytes ? { DOORSTEP_COMPACT_BYTES: String(compactBytes) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server: Server = { child, output: '' };
    const timer = setTimeout(() => reject(new Error(`server did not start: ${server.output}`)), 30_000);
    const onData = (b: Buffer): void => {
      server.output += b.toString();
      if (/listening on \d+/.test(server.output)) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      if (!/listening/.test(server.output)) {
        clearTimeout(timer);
        reject(new Error(`server exited (${code}): ${server.output}`));
      }
    });
  });
}

function kill9(s: Server): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGKILL');
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let dataDir: string;
let port: number;
let db: WxDb;
let server: Server | undefined;

beforeAll(async () => {
  dataDir = tempDir('doorstep-durable-');
  port = await freePort();
  pointSdkAt(port);

  const tcb = require('@cloudbase/node-sdk') as { init(o: Record<string, unknown>): { database(): WxDb } };
  db = tcb.init({ env: 'local', timeout: 10_000 }).database();
});

afterAll(async () => {
  if (server) await kill9(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('kill -9 at random instants loses no acknowledged write', async () => {
  const ackedIds = new Set<string>();
  let ackedIncs = 0;
  let attemptedIncs = 0;
  // A small compaction threshold: compactions run every few dozen writes, so kills land both
  // mid-compaction and between compactions.
  const COMPACT_BYTES = 12_000;
  server = await startServer(dataDir, port, COMPACT_BYTES);
  await db.collection('tally').add({ _id: 'counter', n: 0 });
  const unexpected: string[] = [];
  for (let round = 0; round < 4; round++) {
    let stop = false;
    let killing = false;
    const writer = async (w: number): Promise<void> => {
      for (let k = 0; !stop; k++) {
        const id = `r${round}-w${w}-${k}`;
        try {
          if (k % 2 === 0) {
            await db.collection('acked').add({ _id: id, round, w, k, at: new Date() });
            ackedIds.add(id);
          } else {
            attemptedIncs++;
            await db
              .collection('tally')
              .doc('counter')
              .update({ n: db.command.inc(1) });
            ackedIncs++;
          }
        } catch (e) {
          // The server died under us: this write was not acknowledged. Before the kill, any
          // failure (e.g. a journal error) is a bug.
          if (!killing) unexpected.push(String((e as Error).message ?? e));
          return;
        }
      }
    };
    const writers = Array.from({ length: 16 }, (_x, w) => writer(w));
    await sleep(200 + Math.floor(Math.random() * 600));
    killing = true;
    await kill9(server);
    stop = true;
    await Promise.all(writers);
    server = await startServer(dataDir, port, COMPACT_BYTES);
    const stored = new Set<string>();
    for (let skip = 0; ; skip += 1000) {
      const page = await db.collection('acked').skip(skip).limit(1000).get();
      page.data.forEach((d: { _id: string }) => stored.add(d._id));
      if (page.data.length < 1000) break;
    }
    const lost = [...ackedIds].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    const { data } = await db.collection('tally').doc('counter').get();
    expect(data[0].n).toBeGreaterThanOrEqual(ackedIncs);
    expect(data[0].n).toBeLessThanOrEqual(attemptedIncs);
  }
  expect(unexpected).toEqual([]);
  expect(ackedIds.size).toBeGreaterThan(100);
  expect(fs.existsSync(path.join(dataDir, 'snapshot.jsonl'))).toBe(true); // compactions happened
}, 90_000);

test('a torn or corrupt journal tail is dropped with a warning; the store starts', async () => {
  // A server of its own without the small compaction threshold of the test above: a
  // compaction right before the kill would leave the newest journal empty, with no record to tear.
  if (server) await kill9(server);
  server = await startServer(dataDir, port);
  await db.collection('torn').add({ _id: 'before', v: 1 });
  await kill9(server);
  const journal = fs
    .readdirSync(dataDir)
    .filter((f) => /^journal-\d+\.log$/.test(f))
    .sort()
    .pop();
  expect(journal).toBeDefined();
  const file = path.join(dataDir, journal as string);
  expect(fs.readFileSync(file, 'utf8')).toContain('"before"');
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const last = lines[lines.length - 1];

  // Half a record (crash mid-write).
  fs.appendFileSync(file, last.slice(0, Math.floor(last.length / 2)));
  server = await startServer(dataDir, port);
  expect(server.output).toMatch(/WARNING journal .*incomplete last record/);
  expect((await db.collection('torn').doc('before').get()).data[0]).toEqual({ _id: 'before', v: 1 });
  await db.collection('torn').add({ _id: 'after-1', v: 2 });
  await kill9(server);

  // A whole line whose checksum does not match (bit rot / garbage).
  fs.appendFileSync(file, `00000000 7 {"s":1}\n`);
  server = await startServer(dataDir, port);
  expect(server.output).toMatch(/WARNING journal .*checksum mismatch/);
  expect((await db.collection('torn').where({}).get()).data.map((d: { _id: string }) => d._id).sort()).toEqual(['after-1', 'before']);
  await db.collection('torn').add({ _id: 'after-2', v: 3 });
  expect((await db.collection('torn').count()).total).toBe(3);
}, 60_000);

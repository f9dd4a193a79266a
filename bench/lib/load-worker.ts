/**
 * The crowd of bench/client.ts `load`: keep-alive HTTP calls to the functions host with a
 * fixed number in flight, timed from the first call to the last reply.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { callHeaders, type CallSpec, type Envelope, type LoadRequest, type LoadResult } from './client';
import { pool } from '../harness';

const req = workerData as LoadRequest;
const target = new URL(req.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: req.concurrency });

function post(call: CallSpec): Promise<Envelope> {
  const body = JSON.stringify(call.data);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `/api/call/${call.fn}`,
        method: 'POST',
        agent,
        headers: { ...callHeaders(call.openid, req.now), 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope);
          } catch (e) {
            reject(e as Error);
          }
        });
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

async function main(): Promise<void> {
  const start = performance.now();
  const replies = await pool(req.calls.length, req.concurrency, (i) => post(req.calls[i]));
  const result: LoadResult = { replies, ms: performance.now() - start };
  agent.destroy();
  parentPort?.postMessage(result);
}

void main();

/**
 * npm run admin -- <command>: programme maintenance with @cloudbase/node-sdk.
 *
 * Against the local runtime by default (http://127.0.0.1:$PORT), or against a real CloudBase
 * environment when TCB_ENV and TENCENTCLOUD_SECRETID/SECRETKEY are set.
 *
 *   setup               create every collection and index, set security and storage rules
 *                       (idempotent; a new environment needs it once after `tcb fn deploy`)
 *   status              documents per collection
 *   reconcile           recount the vote ledger and repair tallies (the vote timer job)
 *   seed                load the demo programme (local runtime only)
 *   export <contestId>  build the .xlsx report and print its fileID (local runtime only)
 */
import tcb from '@cloudbase/node-sdk';
import { cloudAdmin, collectionNames, localAdmin, setUpEnvironment, type CollectionCreator } from '../deploy/setup';

const ADMIN_PERSONA = 'admin-1';

interface Target {
  local: boolean;
  baseUrl: string;
  app: ReturnType<typeof tcb.init>;
}

function connect(): Target {
  const real = Boolean(process.env.TCB_ENV && process.env.TENCENTCLOUD_SECRETID && process.env.TENCENTCLOUD_SECRETKEY);
  const baseUrl = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  if (!real) {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${baseUrl}/admin` });
    process.env.TENCENTCLOUD_SECRETID = 'local';
    process.env.TENCENTCLOUD_SECRETKEY = 'local';
  }
  const app = tcb.init({
    env: process.env.TCB_ENV ?? 'local',
    secretId: process.env.TENCENTCLOUD_SECRETID,
    secretKey: process.env.TENCENTCLOUD_SECRETKEY,
  });
  return { local: !real, baseUrl, app };
}

async function status(t: Target): Promise<void> {
  const db = t.app.database();
  for (const name of collectionNames()) {
    const res = (await db.collection(name).count()) as { total?: number };
    console.log(`${name.padEnd(14)} ${res.total ?? 0}`);
  }
}

/** A timer trigger's event: functions run it as a trusted job (no resident OPENID). */
async function reconcile(t: Target): Promise<void> {
  const res = await t.app.callFunction({ name: 'vote', data: { Type: 'Timer', TriggerName: 'reconcile' } });
  console.log(JSON.stringify(res.result, null, 2));
}

/** Admin actions need an admin's OPENID; locally the host lets us call as the admin persona. */
async function callAsLocalAdmin(t: Target, fn: string, data: Record<string, unknown>): Promise<unknown> {
  if (!t.local) throw new Error('this command needs an admin OPENID: run it from the mini-program admin pages in a real environment');
  const res = await fetch(`${t.baseUrl}/api/call/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': ADMIN_PERSONA },
    body: JSON.stringify(data),
  });
  return res.json();
}

async function setup(t: Target): Promise<void> {
  const admin = t.local
    ? localAdmin(t.baseUrl)
    : cloudAdmin(String(process.env.TCB_ENV), String(process.env.TENCENTCLOUD_SECRETID), String(process.env.TENCENTCLOUD_SECRETKEY));
  const report = await setUpEnvironment(t.app.database() as unknown as CollectionCreator, admin, (m) => console.log(m));
  console.log(JSON.stringify(report, null, 2));
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const t = connect();
  switch (command) {
    case 'setup':
      return setup(t);
    case 'status':
      return status(t);
    case 'reconcile':
      return reconcile(t);
    case 'seed': {
      const { seedOverHttp } = await import('./seed-over-http');
      return seedOverHttp(t.baseUrl);
    }
    case 'export': {
      if (!args[0]) throw new Error('usage: npm run admin -- export <contestId>');
      console.log(JSON.stringify(await callAsLocalAdmin(t, 'report', { action: 'export', contestId: args[0] }), null, 2));
      return;
    }
    default:
      console.log('usage: npm run admin -- setup | status | reconcile | seed | export <contestId>');
      process.exitCode = command ? 2 : 0;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

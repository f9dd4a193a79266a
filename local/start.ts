/**
 * npm start: build, serve the local runtime (emulator + functions host + web preview) with
 * demo data, print the URLs. `--watch` (npm run dev) rebuilds functions on change.
 */
import { buildAll, watchFunctions } from '../build';
import { readSettings } from './config';
import { startRuntime } from './runtime';

async function main(): Promise<void> {
  const watch = process.argv.includes('--watch');
  const settings = readSettings();
  await buildAll();
  const runtime = await startRuntime({ port: settings.port, dataDir: settings.dataDir, seed: settings.seed, timers: true });
  if (watch) await watchFunctions(() => runtime.host.reload());
  const lines = [
    '',
    '家门口 Doorstep — local runtime is up',
    `  Web preview (phone view):   ${runtime.url}/`,
    `  Functions host:             POST ${runtime.url}/api/call/<function>   (headers X-Openid, X-Now)`,
    `  Sent WeChat messages:       ${runtime.url}/api/outbox`,
    `  Health:                     ${runtime.url}/api/health`,
    `  CloudBase emulator (SDKs):  TCB_CONTEXT_CNFG='{"URL":"${runtime.url}/admin"}'`,
    `  Data dir:                   ${settings.dataDir}`,
    '  Timer triggers (reminders, reconcile) run on their config.json schedules.',
    '',
    `Try: curl -s -X POST ${runtime.url}/api/call/contest -H 'X-Openid: resident-a' -d '{"action":"list"}'`,
    'Ctrl-C stops it.',
    '',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

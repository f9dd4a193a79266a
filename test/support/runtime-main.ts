/**
 * The local runtime in its own process, for tests that cannot host it in-process (the jsdom
 * page tests, browser journeys) or must kill it (crash tests). Listens on 127.0.0.1 (any free
 * port), prints `LOADED <load report JSON>` then `READY <url>`, stops on SIGTERM.
 * Args: <dataDir> [demo|none (default demo)] [--no-preview]. Function env overrides come from
 * the environment (ADMIN_OPENIDS), fault injection from DOORSTEP_FAULTS.
 */
import { startRuntime } from '../../local/runtime';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [dataDir, seed] = args.filter((a) => !a.startsWith('--'));
  if (!dataDir) throw new Error('usage: runtime-main.ts <dataDir> [demo|none] [--no-preview]');
  const rt = await startRuntime({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    seed: seed === 'none' ? 'none' : 'demo',
    preview: !args.includes('--no-preview'),
    quiet: true,
  });
  process.stdout.write(`LOADED ${JSON.stringify(rt.emulator.loadReport())}\n`);
  process.stdout.write(`READY ${rt.url}\n`);
  const stop = () => {
    rt.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

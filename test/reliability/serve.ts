/**
 * The local runtime in its own process, for crash tests that kill it: listens on 127.0.0.1
 * (any free port), no demo data, prints `LOADED <load report JSON>` then `READY <url>`, and
 * stops on SIGTERM. Args: <dataDir>. Function env overrides come from the environment
 * (ADMIN_OPENIDS); fault injection from DOORSTEP_FAULTS.
 */
import { startRuntime } from '../../local/runtime';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: serve.ts <dataDir>');
  const rt = await startRuntime({ port: 0, host: '127.0.0.1', dataDir, seed: 'none', preview: false, quiet: true });
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

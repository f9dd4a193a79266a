/**
 * Runs the local runtime in its own process for tests whose environment is not plain Node
 * (the jsdom page tests): prints `READY <url>` once listening, stops on SIGTERM.
 * Args: <dataDir> <seed: demo|none>
 */
import { startRuntime } from '../../local/runtime';

async function main(): Promise<void> {
  const [dataDir, seed] = process.argv.slice(2);
  const rt = await startRuntime({ port: 0, dataDir, seed: seed === 'none' ? 'none' : 'demo', quiet: true });
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

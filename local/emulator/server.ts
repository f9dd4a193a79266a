/**
 * Standalone emulator server (for tests and outside tools): serves only the emulator.
 *   PORT (default 3001; 0 = any free port), DOORSTEP_DATA_DIR (default .doorstep/emulator),
 *   DOORSTEP_COMPACT_BYTES (journal size that triggers compaction; default 128 MiB).
 * Prints `emulator listening on <port>` once ready.
 */
import http from 'http';
import { openEmulator } from './index';

async function main(): Promise<void> {
  const dataDir = process.env.DOORSTEP_DATA_DIR ?? '.doorstep/emulator';
  let port = Number(process.env.PORT ?? 3001);
  const compactBytes = process.env.DOORSTEP_COMPACT_BYTES ? Number(process.env.DOORSTEP_COMPACT_BYTES) : undefined;
  const emulator = await openEmulator({ dataDir, compactBytes, publicUrl: () => `http://127.0.0.1:${port}` });
  const report = emulator.loadReport();
  console.log(
    `emulator loaded ${report.snapshotDocs} snapshot documents + ${report.journalRecords} journal records in ${report.ms} ms` +
      (report.warnings.length ? ` (warnings: ${report.warnings.join('; ')})` : ''),
  );
  const server = http.createServer((req, res) => void emulator.handle(req, res));
  // Long keep-alive: a client reusing a socket the server is just closing gets ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', 2048, () => {
    const addr = server.address();
    if (addr && typeof addr === 'object') port = addr.port;
    console.log(`emulator listening on ${port}`);
  });
  const stop = (): void => {
    server.close();
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

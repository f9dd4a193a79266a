/**
 * node-sdk (inside wx-server-sdk) adds a 'connect' listener to each request's socket unless
 * the request reused one (`req.reusedSocket`). A request that waited for one of its agent's
 * 100 sockets is handed a used socket without that flag, so with more than 100 database calls
 * in flight in one process (the concurrency tests) listeners gather on busy sockets until
 * they close, and Node prints a MaxListenersExceededWarning per socket: hundreds of lines
 * about the SDK, none about us. This filter drops exactly that warning, says so once, and
 * passes every other warning to Node's own printer.
 */
const SDK_SOCKET_WARNING = /connect listeners added to \[Socket\]/;

let installed = false;

export function quietSdkSocketWarnings(log: (msg: string) => void = (m) => console.error(m)): void {
  if (installed) return;
  installed = true;
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  let noted = false;
  process.on('warning', (warning: Error) => {
    if (warning.name === 'MaxListenersExceededWarning' && SDK_SOCKET_WARNING.test(warning.message)) {
      if (!noted) log('[runtime] more than 100 database calls in flight: node-sdk socket listener warnings are not printed (see local/host/sdk-warnings.ts)');
      noted = true;
      return;
    }
    for (const print of printers) print.call(process, warning);
  });
}

import type http from 'node:http';
export function attachAutomator(server: http.Server, path = '/automator'): void {
  void server;
  void path;
}

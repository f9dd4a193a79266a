/** Placeholder replaced below. */
import type { PreviewApi } from './runtime';
export function startAutomatorClient(api: PreviewApi): void {
  void api;
}

/** Modules and globals the preview's browser code reaches without their own typings. */
declare function require(id: string): unknown;

interface Window {
  __gwx?: (path: string) => unknown;
  __webview_engine_version__?: number;
}

/**
 * The slice of the mini-program's `wx` global that services/cloud.ts and services/notify.ts use, for the Node-side
 * type check of tests that import it (the full miniprogram-api-typings would redefine Node's
 * globals for the whole program). The page harness installs the runtime stub.
 */
declare const wx: {
  showLoading(options: { title: string; mask?: boolean }): void;
  hideLoading(): void;
  showToast(options: { title: string; icon?: 'success' | 'error' | 'loading' | 'none'; duration?: number }): void;
  // services/notify.ts
  requestSubscribeMessage(options: { tmplIds: string[]; success?: (res: Record<string, string>) => void; fail?: (err: { errMsg: string }) => void }): void;
  getSetting(options: {
    withSubscriptions?: boolean;
    success?: (res: { subscriptionsSetting?: { mainSwitch: boolean; itemSettings?: Record<string, unknown> } }) => void;
    fail?: (err: { errMsg: string }) => void;
  }): void;
  cloud: {
    callFunction(options: { name: string; data: Record<string, unknown> }): Promise<{ result?: unknown }>;
  };
};

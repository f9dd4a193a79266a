import type { Database } from './database';
import cloud from 'wx-server-sdk';

let initialised = false;

/** wx-server-sdk, initialised once per function instance (not per call, not at load). */
export function getCloud(): typeof cloud {
  if (!initialised) {
    // DYNAMIC_CURRENT_ENV: the environment the function runs in (typed as a string by mistake).
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

export type { Database } from './database';

let database: Database | undefined;

export function getDb(): Database {
  if (!database) database = getCloud().database() as unknown as Database;
  return database;
}

/** The caller's identity: OPENID from the WeChat context, never a field of the request. */
export function callerOpenid(): string {
  const openid: unknown = getCloud().getWXContext().OPENID;
  // The SDK turns all-digit values into numbers; an OPENID is always text to us.
  return openid === undefined || openid === null ? '' : String(openid);
}

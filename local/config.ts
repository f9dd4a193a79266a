/** Settings of the local runtime (API.md "The local runtime"), read from the environment. */
import path from 'node:path';

export const ROOT_DIR = path.resolve(__dirname, '..');
export const FUNCTIONS_DIR = path.join(ROOT_DIR, 'cloudfunctions');
export const CLOUDBASERC = path.join(ROOT_DIR, 'cloudbaserc.json');

export type SeedMode = 'demo' | 'none';

export interface LocalSettings {
  port: number;
  dataDir: string;
  seed: SeedMode;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const port = Number(env.PORT ?? 3000);
  return {
    port: Number.isInteger(port) && port >= 0 ? port : 3000,
    dataDir: path.resolve(env.DOORSTEP_DATA_DIR ?? path.join(ROOT_DIR, '.doorstep')),
    seed: env.DOORSTEP_SEED === 'none' ? 'none' : 'demo',
  };
}

/**
 * Values for the `{{env.X}}` placeholders of cloudbaserc.json when running locally: the process
 * environment wins, else these development defaults (never used in the cloud).
 */
export const LOCAL_FUNCTION_ENV_DEFAULTS: Record<string, string> = {
  ENV_ID: 'local',
  ADMIN_OPENIDS: 'admin-1',
  CHECKIN_SECRET: 'local-development-checkin-secret',
  AUDIT_SALT: 'local-development-audit-salt',
  VOTER_SECRET: 'local-development-voter-secret',
  NOTIFY_WAKE_KEY: 'local-development-notify-wake-key',
};

/**
 * Unit tests call the domain code directly, outside a function's environment: they get the
 * local runtime's development secrets (local/config.ts), as the functions do when run locally.
 */
import { LOCAL_FUNCTION_ENV_DEFAULTS } from '../../local/config';

for (const name of ['AUDIT_SALT', 'CHECKIN_SECRET', 'VOTER_SECRET']) process.env[name] ??= LOCAL_FUNCTION_ENV_DEFAULTS[name];

/**
 * Secrets the deployment sets as the functions' environment variables (cloudbaserc.json,
 * `.env`). A missing or short one is a deployment mistake: the function refuses to run with
 * it (INTERNAL, logged) rather than sign or hash with something guessable. The local runtime
 * sets development values.
 */
export const MIN_SECRET_LENGTH = 16;

export function requiredSecret(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const secret = env[name];
  if (!secret || secret.length < MIN_SECRET_LENGTH) throw new Error(`${name} is not configured (at least ${MIN_SECRET_LENGTH} characters)`);
  return secret;
}

/**
 * Loads the deployable artefact of each cloud function (cloudfunctions/<name>/index.js) and
 * runs it the way the cloud does: main(event, context), with the function's environment.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type FunctionMain = (event: unknown, context: unknown) => Promise<unknown>;

export interface FunctionConfig {
  envVariables: Record<string, string>;
}

export function listFunctions(functionsDir: string): string[] {
  if (!existsSync(functionsDir)) return [];
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(functionsDir, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
}

/** Per-function variables from cloudbaserc.json; `{{env.X}}` placeholders are resolved by `resolve`. */
export function readFunctionEnv(cloudbasercPath: string, resolve: (name: string) => string | undefined): Record<string, Record<string, string>> {
  if (!existsSync(cloudbasercPath)) return {};
  const rc = JSON.parse(readFileSync(cloudbasercPath, 'utf8')) as {
    functions?: { name: string; envVariables?: Record<string, string> }[];
  };
  const out: Record<string, Record<string, string>> = {};
  for (const fn of rc.functions ?? []) {
    const vars: Record<string, string> = {};
    for (const [key, raw] of Object.entries(fn.envVariables ?? {})) {
      vars[key] = raw.replace(/\{\{env\.([A-Z0-9_]+)\}\}/g, (_, name: string) => resolve(name) ?? '');
    }
    out[fn.name] = vars;
  }
  return out;
}

export class FunctionLoader {
  private readonly cache = new Map<string, FunctionMain>();
  constructor(private readonly functionsDir: string) {}

  has(name: string): boolean {
    return /^[a-z][a-z0-9_-]*$/i.test(name) && existsSync(this.entry(name));
  }

  load(name: string): FunctionMain {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const mod = require(this.entry(name)) as { main?: FunctionMain };
    if (typeof mod.main !== 'function') throw new Error(`cloud function ${name} does not export main`);
    this.cache.set(name, mod.main);
    return mod.main;
  }

  /** Forget loaded code so the next call loads the rebuilt artefact (npm run dev). */
  reload(): void {
    for (const name of this.cache.keys()) delete require.cache[require.resolve(this.entry(name))];
    this.cache.clear();
  }

  private entry(name: string): string {
    return path.join(this.functionsDir, name, 'index.js');
  }
}

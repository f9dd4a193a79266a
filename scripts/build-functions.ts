/**
 * Bundles every cloudfunctions/<name>/index.ts, with cloudfunctions/common and typings,
 * into that folder's deployable index.js. wx-server-sdk stays external: the cloud installs
 * it from the function's package.json.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const FUNCTIONS_DIR = path.resolve(__dirname, '..', 'cloudfunctions');

/** Deployable function folders: every folder with an index.ts, except common/. */
export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'common' && existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** zod's 40-odd locales are required by its entry point; the functions need none of them but English. */
const onlyEnglishZodLocales: Plugin = {
  name: 'zod-locales-en',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.c?js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: path.resolve(__dirname, 'bundle', 'zod-locales.js') } : undefined,
    );
  },
};

/**
 * Libraries too big for every cold start: left out of the bundle (each function that uses one
 * lists it in its package.json, installed in the cloud) and required only inside the action
 * that needs it.
 */
export const LAZY_LIBRARIES = ['exceljs'];

export function buildOptions(name: string): BuildOptions {
  const dir = path.join(FUNCTIONS_DIR, name);
  return {
    entryPoints: [path.join(dir, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk', ...LAZY_LIBRARIES],
    minify: true,
    sourcemap: 'linked',
    plugins: [onlyEnglishZodLocales],
    logLevel: 'warning',
  };
}

export async function buildFunctions(names = functionNames()): Promise<string[]> {
  await Promise.all(names.map((name) => build(buildOptions(name))));
  return names;
}

if (require.main === module) {
  buildFunctions()
    .then((names) => console.log(`built ${names.length} cloud functions: ${names.join(', ')}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

/**
 * Bundles every cloudfunctions/<name>/index.ts, with cloudfunctions/common and typings,
 * into that folder's deployable index.js. The function's package.json dependencies stay
 * external: the cloud installs them.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
 * What the cloud installs from the function's package.json (wx-server-sdk; pdfkit and its font
 * for report) stays out of the bundle: loaded at run time, only by the code that needs it.
 */
export function installedDependencies(name: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(FUNCTIONS_DIR, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {});
}

/** Installed libraries big enough to be required lazily, inside the action that needs them. */
export const LAZY_LIBRARIES = ['exceljs', 'pdfkit'];

export function buildOptions(name: string): BuildOptions {
  const dir = path.join(FUNCTIONS_DIR, name);
  return {
    entryPoints: [path.join(dir, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: installedDependencies(name),
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

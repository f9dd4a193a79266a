/**
 * npm run build: bundle the cloud functions and build the mini-program (TypeScript → JS,
 * miniprogram_npm). Type checking is `npm run typecheck`.
 */
import { context } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildFunctions, buildOptions, functionNames } from './functions';

type MiniprogramBuilder = { buildMiniprogram(): Promise<void> };

function miniprogramBuilder(): MiniprogramBuilder | undefined {
  return existsSync(path.join(__dirname, 'miniprogram.ts')) ? (require('./miniprogram') as MiniprogramBuilder) : undefined;
}

export async function buildAll(): Promise<void> {
  const names = await buildFunctions();
  await miniprogramBuilder()?.buildMiniprogram();
  console.log(`built ${names.length} cloud functions (${names.join(', ')}) and the mini-program`);
}

/** Rebuilds every function on change and tells the host to load the new artefacts. */
export async function watchFunctions(onRebuilt: () => void): Promise<void> {
  for (const name of functionNames()) {
    const ctx = await context({
      ...buildOptions(name),
      plugins: [{ name: 'reload', setup: (b) => b.onEnd(() => onRebuilt()) }],
    });
    await ctx.watch();
  }
}

if (require.main === module) {
  buildAll().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

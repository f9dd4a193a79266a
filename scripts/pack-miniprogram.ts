/**
 * Packs the mini-program with WeChat's own packer (miniprogram-ci, the packer inside DevTools)
 * offline, with a throwaway key, and reports what it would upload: every file with its size,
 * per package, and what the packer printed. What passes the preview and the page tests is only
 * what the built .js files do; this is what WeChat would actually ship.
 *
 * Run: npx tsx scripts/pack-miniprogram.ts   (prints the packages and their sizes)
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const MP_DIR = path.join(ROOT, 'miniprogram');

/** DESIGN.md: the main package stays under 500 KB; WeChat allows 2 MB a package, 20 MB in all. */
export const BUDGETS = { main: 500 * 1024, subpackage: 2 * 1024 * 1024, total: 20 * 1024 * 1024 };

export interface PackedFile {
  path: string;
  bytes: number;
}

export interface PackResult {
  files: PackedFile[];
  /** Lines the packer printed as warnings or errors. */
  warnings: string[];
}

/** The part of miniprogram-ci used here (the package ships no types). */
interface MiniprogramCi {
  DefaultProjectAttr: unknown;
  Project: new (opts: { appid: string; type: string; projectPath: string; privateKeyPath: string; ignores: string[]; attr: () => Promise<unknown> }) => unknown;
  getCompiledResult(opts: { project: unknown; setting: { useProjectConfig: boolean } }, zipPath: string): Promise<Record<string, string | Buffer>>;
}

interface AppJson {
  pages: string[];
  subpackages?: { root: string; name?: string; pages: string[] }[];
  subPackages?: { root: string; name?: string; pages: string[] }[];
}

export function readAppJson(): AppJson {
  return JSON.parse(fs.readFileSync(path.join(MP_DIR, 'app.json'), 'utf8')) as AppJson;
}

export function subpackagesOf(app: AppJson): { root: string; name?: string; pages: string[] }[] {
  return app.subpackages ?? app.subPackages ?? [];
}

/** Which package a packed file belongs to: a subpackage's root, or "main". */
export function packageOf(file: string, roots: string[]): string {
  const root = roots.find((r) => file.startsWith(r.replace(/\/?$/, '/')));
  return root ?? 'main';
}

/** Runs the official packer (project.config.json as DevTools reads it) and lists the package. */
export async function packMiniprogram(): Promise<PackResult> {
  // miniprogram-ci is large (and untyped): loaded only when packing.

  const ci = require('miniprogram-ci') as MiniprogramCi;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-pack-'));
  const keyPath = path.join(dir, 'throwaway.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const warnings: string[] = [];
  const capture =
    (_original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      const line = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
      if (/error|warn|fail/i.test(line)) warnings.push(line);
    };
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  console.log = capture(saved.log);
  console.warn = capture(saved.warn);
  console.error = capture(saved.error);
  console.info = capture(saved.info);
  try {
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: ROOT,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
      // The project's attributes come from WeChat's servers unless given: the defaults need no network.
      attr: async () => ci.DefaultProjectAttr,
    });
    const compiled = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } }, path.join(dir, 'package.zip'));
    const files = Object.entries(compiled).map(([file, content]) => ({
      path: file,
      bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
    }));
    return { files: files.sort((a, b) => a.path.localeCompare(b.path)), warnings };
  } finally {
    Object.assign(console, saved);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same in a child process: the packer leaves a compiler process and timers behind, which
 * would keep a test runner from exiting; the child exits when it has printed its answer.
 */
export function packInChildProcess(): Promise<PackResult> {
  const tsx = require.resolve('tsx/cli');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsx, __filename, '--json'], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`the packer failed: ${err.message}\n${stderr}`));
      const line = stdout.split('\n').find((l) => l.startsWith('{"files"'));
      if (!line) return reject(new Error(`the packer printed no result:\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line) as PackResult);
    });
  });
}

/** Bytes per package ("main" and each subpackage root). */
export function packageSizes(files: PackedFile[], roots: string[]): Record<string, number> {
  const sizes: Record<string, number> = { main: 0 };
  for (const r of roots) sizes[r] = 0;
  for (const f of files) sizes[packageOf(f.path, roots)] += f.bytes;
  return sizes;
}

if (require.main === module) {
  packMiniprogram()
    .then((res) => {
      if (process.argv.includes('--json')) {
        process.stdout.write(`${JSON.stringify(res)}\n`);
        process.exit(0);
      }
      const roots = subpackagesOf(readAppJson()).map((s) => s.root);
      const sizes = packageSizes(res.files, roots);
      for (const [pkg, bytes] of Object.entries(sizes)) console.log(`${pkg.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(8)} KB`);
      console.log(`${res.files.length} files; packer said:\n  ${res.warnings.join('\n  ') || '(nothing)'}`);
      process.exit(0);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}

/**
 * The mini-program uploads only miniprogram/: anything it imports from outside (typings/) must
 * be `import type`, erased at compile time. A value import would break on a phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const MP_ROOT = path.resolve(__dirname, '..', '..', 'miniprogram');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'miniprogram_npm' || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) sources(full, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function outside(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return false;
  const rel = path.relative(MP_ROOT, path.resolve(path.dirname(file), spec));
  return rel.startsWith('..');
}

/** Value imports of `file` that leave the mini-program root. */
export function valueImportsOutside(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const bad: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      const typeOnly = ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
      if (outside(file, spec) && !typeOnly) bad.push(`${path.relative(MP_ROOT, file)}: ${node.getText(sf).split('\n')[0]}`);
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression.getText(sf);
      const spec = node.arguments[0].text;
      if ((callee === 'require' || node.expression.kind === ts.SyntaxKind.ImportKeyword) && outside(file, spec))
        bad.push(`${path.relative(MP_ROOT, file)}: ${callee}('${spec}')`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return bad;
}

test('the mini-program imports from outside its root with `import type` only', () => {
  const files = sources(MP_ROOT);
  expect(files.length).toBeGreaterThan(5);
  expect(files.flatMap((f) => valueImportsOutside(f))).toEqual([]);
});

test('the check catches a value import from typings/', () => {
  const file = path.join(MP_ROOT, 'services', 'example.ts');
  expect(valueImportsOutside(file, "import { ERROR_CODES } from '../../typings/envelope';")).toHaveLength(1);
  expect(valueImportsOutside(file, "import type { Envelope } from '../../typings/envelope';")).toHaveLength(0);
  expect(valueImportsOutside(file, "import { callCloud } from './cloud';")).toHaveLength(0);
});

test('built scripts of the mini-program require nothing outside its root', () => {
  const built = sources(MP_ROOT)
    .map((f) => f.replace(/\.ts$/, '.js'))
    .filter((f) => fs.existsSync(f));
  for (const file of built) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/require\(["']([^"']+)["']\)/g))
      expect(`${path.relative(MP_ROOT, file)} → ${m[1]}: ${outside(file, m[1]) ? 'outside' : 'ok'}`).toMatch(/ok$/);
  }
});

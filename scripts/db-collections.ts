/**
 * Which database collections the cloud functions use, found in their sources with the
 * TypeScript checker: every `<db or tx>.collection(expr)` call whose argument is a string
 * literal type (a literal, a `const`, an `as const` map member), and, when the argument is a
 * parameter of a helper (`fetchAll(db, collection, …)`), the arguments at that position in
 * every call of the helper, recursively. Anything it cannot resolve is reported, so a
 * collection is never silently left out of the security rules.
 *
 * Run: npx tsx scripts/db-collections.ts   (prints one name a line)
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface CollectionScan {
  /** Collection names, sorted. */
  names: string[];
  /** Where each name is used (file:line, relative to the root). */
  uses: Record<string, string[]>;
  /** `collection(...)` arguments that could not be resolved to string literals. */
  unresolved: string[];
}

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(p));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(p);
    }
  }
  return out;
}

function literalStrings(type: ts.Type): string[] | undefined {
  if (type.isStringLiteral()) return [type.value];
  if (type.isUnion()) {
    const all: string[] = [];
    for (const t of type.types) {
      const s = literalStrings(t);
      if (!s) return undefined;
      all.push(...s);
    }
    return all;
  }
  return undefined;
}

export function scanCollections(functionsDir = path.join(ROOT, 'cloudfunctions')): CollectionScan {
  const files = sourceFiles(functionsDir);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    esModuleInterop: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const mine = program.getSourceFiles().filter((sf) => files.includes(path.resolve(sf.fileName)));

  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  for (const sf of mine) visit(sf);

  const where = (node: ts.Node): string => {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    return `${path.relative(ROOT, sf.fileName).split(path.sep).join('/')}:${line + 1}`;
  };
  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    const s = checker.getSymbolAtLocation(node);
    return s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
  };

  const uses: Record<string, string[]> = {};
  const unresolved: string[] = [];
  const seenParams = new Set<ts.ParameterDeclaration>();

  const resolveArg = (arg: ts.Expression, site: ts.Node): void => {
    const names = literalStrings(checker.getTypeAtLocation(arg));
    if (names) {
      for (const n of names) (uses[n] ??= []).push(where(site));
      return;
    }
    // A helper's parameter: follow every call of the helper to the argument at that position.
    const sym = ts.isIdentifier(arg) ? symbolOf(arg) : undefined;
    const decl = sym?.valueDeclaration;
    if (decl && ts.isParameter(decl) && ts.isFunctionLike(decl.parent)) {
      if (seenParams.has(decl)) return;
      seenParams.add(decl);
      const fn = decl.parent;
      const index = fn.parameters.indexOf(decl);
      const fnName = fn.name ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
      const fnSym = fnName ? symbolOf(fnName) : undefined;
      let callers = 0;
      for (const call of calls) {
        if (!fnSym || symbolOf(ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression) !== fnSym) continue;
        callers++;
        const a = call.arguments[index];
        if (a) resolveArg(a, call);
      }
      if (callers > 0) return;
    }
    unresolved.push(`${where(site)}: collection(${arg.getText()})`);
  };

  for (const call of calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'collection' || call.arguments.length !== 1) continue;
    resolveArg(call.arguments[0], call);
  }
  for (const list of Object.values(uses)) list.sort();
  return { names: Object.keys(uses).sort(), uses, unresolved: [...new Set(unresolved)].sort() };
}

if (require.main === module) {
  const scan = scanCollections();
  for (const n of scan.names) console.log(n);
  if (scan.unresolved.length) {
    console.error('unresolved collection names:');
    for (const u of scan.unresolved) console.error(`  ${u}`);
    process.exitCode = 1;
  }
}

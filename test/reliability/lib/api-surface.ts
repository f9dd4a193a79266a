/**
 * The callable surface, read from the contract map (typings/api.ts) with the TypeScript checker:
 * every function, its actions, and each action's request fields with a coarse kind. The fuzzer
 * is driven by this list, so a new action is fuzzed the day it enters the contract.
 */
import path from 'node:path';
import ts from 'typescript';

export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'other';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  optional: boolean;
  /** String literal values when the field is a union of literals (e.g. a status). */
  literals?: string[];
}

export interface ActionSpec {
  fn: string;
  action: string;
  fields: FieldSpec[];
}

const API_FILE = path.resolve(__dirname, '..', '..', '..', 'typings', 'api.ts');

function kindOf(type: ts.Type, checker: ts.TypeChecker): { kind: FieldKind; literals?: string[] } {
  const parts = type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type];
  if (parts.length > 0 && parts.every((t) => t.isStringLiteral())) {
    return { kind: 'string', literals: parts.map((t) => (t as ts.StringLiteralType).value) };
  }
  const t = parts[0];
  if (!t) return { kind: 'other' };
  if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) return { kind: 'string' };
  if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { kind: 'number' };
  if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { kind: 'boolean' };
  if (checker.isArrayType(t) || checker.isTupleType(t)) return { kind: 'array' };
  if (t.flags & ts.TypeFlags.Object) return { kind: 'object' };
  return { kind: 'other' };
}

export function readApiSurface(): ActionSpec[] {
  const program = ts.createProgram([API_FILE], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(API_FILE);
  if (!sf) throw new Error('typings/api.ts not found');
  const apiDecl = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Api');
  if (!apiDecl) throw new Error('interface Api not found in typings/api.ts');
  const apiType = checker.getTypeAtLocation(apiDecl);
  const out: ActionSpec[] = [];
  for (const fnProp of apiType.getProperties()) {
    const fnType = checker.getTypeOfSymbolAtLocation(fnProp, apiDecl);
    for (const actionProp of fnType.getProperties()) {
      const actionType = checker.getTypeOfSymbolAtLocation(actionProp, apiDecl);
      const reqProp = actionType.getProperty('req');
      const fields: FieldSpec[] = [];
      if (reqProp) {
        const reqType = checker.getTypeOfSymbolAtLocation(reqProp, apiDecl);
        for (const f of reqType.getProperties()) {
          const ft = checker.getTypeOfSymbolAtLocation(f, apiDecl);
          fields.push({ name: f.name, optional: (f.flags & ts.SymbolFlags.Optional) !== 0, ...kindOf(ft, checker) });
        }
      }
      out.push({ fn: fnProp.name, action: actionProp.name, fields });
    }
  }
  return out;
}

import ts from 'typescript';
import type { NextApi } from '../facts/bindings';

/** What a hoisted request-API value is called: the names the Next.js docs use. */
export const HOISTED_NAMES: Partial<Record<NextApi, string>> = { headers: 'headersList', cookies: 'cookieStore' };

/**
 * Names for a captured value, best first: the property it fills (`duration: Date.now() - start`
 * gives `duration`) when that property names what it holds (`responseBody: response`, not
 * `to: user.email`, which gives `userEmail`), then the names derived from what it reads.
 */
export function nameCandidates(value: ts.Expression, derived: readonly string[], mentioned?: string): string[] {
  const candidates: string[] = [];
  const parent = value.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === value && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) {
    const key = parent.name.text;
    if (mentioned === undefined || key.toLowerCase().includes(mentioned.toLowerCase())) candidates.push(key);
  }
  candidates.push(...derived);
  return candidates.filter(isUsableName);
}

/** `workspace.id` -> workspaceId; `bounty.program.supportEmail` -> programSupportEmail, then the full path. */
export function pathNames(root: string, names: readonly string[]): string[] {
  const segments = [root, ...names];
  const camel = (parts: readonly string[]): string => parts.map((part, index) => (index === 0 ? part : part[0]!.toUpperCase() + part.slice(1))).join('');
  return [...new Set([camel(segments.slice(-2)), camel(segments)])];
}

/** `workspace`, reassigned later -> currentWorkspace: the value it has when after() is called. */
export function bindingName(name: string): string {
  return `current${name[0]!.toUpperCase()}${name.slice(1)}`;
}

const NOT_VARIABLE_NAMES = new Set(['arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'await']);

/** An identifier a `const` may take in strict code: no reserved word (`default`, `delete`, `package`). */
function isUsableName(name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || NOT_VARIABLE_NAMES.has(name)) return false;
  const token = ts.identifierToKeywordKind(ts.factory.createIdentifier(name));
  if (token === undefined) return true;
  const reserved = token >= ts.SyntaxKind.FirstReservedWord && token <= ts.SyntaxKind.LastReservedWord;
  const futureReserved = token >= ts.SyntaxKind.FirstFutureReservedWord && token <= ts.SyntaxKind.LastFutureReservedWord;
  return !reserved && !futureReserved;
}

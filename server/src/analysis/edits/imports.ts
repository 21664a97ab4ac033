import ts from 'typescript';
import { quoteOf, usesSemicolons } from './style';
import { newlineOf } from './text';
import { findDeclaration } from '../facts/scopes';
import { uniqueName, usedNames } from '../facts/statements';
import type { TextEdit } from '../types';

export interface EnsuredImport {
  /** The edit that adds the import; absent when the name is already imported. */
  edit?: TextEdit;
  /** The name to call in this file: the existing alias when there is one. */
  localName: string;
}

/**
 * Makes `name` from `moduleName` available: reuses an existing import (alias included), merges it
 * into an existing named import of that module, or adds an import line after the last import,
 * written with the file's quotes and semicolons.
 */
export function ensureNamedImport(sourceFile: ts.SourceFile, moduleName: string, name: string): EnsuredImport {
  const text = sourceFile.text;
  let mergeInto: ts.NamedImports | undefined;
  let lastImport: ts.ImportDeclaration | undefined;
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    lastImport = statement;
    if (!ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== moduleName) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return { localName: `${bindings.name.text}.${name}` };
    if (bindings && ts.isNamedImports(bindings)) {
      // Imported already, or another export of the module is imported under this name
      // (`unstable_after as after`): calling that name is what the caller wants.
      const existing =
        bindings.elements.find((element) => !element.isTypeOnly && (element.propertyName ?? element.name).text === name) ??
        bindings.elements.find((element) => !element.isTypeOnly && element.name.text === name);
      if (existing) return { localName: existing.name.text };
      mergeInto ??= bindings;
    }
  }
  // A local `after` of the file's own would clash: import Next's under another name.
  const local = declaresLocally(sourceFile, name) ? uniqueName(`next${name[0]!.toUpperCase()}${name.slice(1)}`, usedNames(sourceFile)) : name;
  const specifier = local === name ? name : `${name} as ${local}`;
  if (mergeInto) {
    const last = mergeInto.elements[mergeInto.elements.length - 1];
    if (last) return { localName: local, edit: { start: last.getEnd(), end: last.getEnd(), text: `, ${specifier}` } };
    const open = mergeInto.getStart(sourceFile) + 1;
    return { localName: local, edit: { start: open, end: open, text: ` ${specifier} ` } };
  }
  const quote = quoteOf(sourceFile);
  const line = `import { ${specifier} } from ${quote}${moduleName}${quote}${usesSemicolons(sourceFile) ? ';' : ''}`;
  const newline = newlineOf(text);
  if (lastImport) return { localName: local, edit: { start: lastImport.getEnd(), end: lastImport.getEnd(), text: `${newline}${line}` } };
  const start = afterDirectives(sourceFile);
  return { localName: local, edit: { start, end: start, text: start === 0 ? `${line}${newline}` : `${newline}${line}` } };
}

/** Whether some use of `name` in the file resolves to a declaration of the file's own. */
function declaresLocally(sourceFile: ts.SourceFile, name: string): boolean {
  if (!usedNames(sourceFile).has(name)) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && findDeclaration(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** New imports go after a directive prologue ("use server") so the directive keeps working. */
function afterDirectives(sourceFile: ts.SourceFile): number {
  let end = 0;
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    end = statement.getEnd();
  }
  return end;
}

import ts from 'typescript';
import { afterImportSites } from '../facts/afterImports';
import type { ImportedApi } from '../facts/bindings';
import { findDeclaration } from '../facts/scopes';
import { nextAtLeast, describeNextVersion } from '../nextVersion';
import type { Fix, Rule, TextEdit } from '../types';

export const rule: Rule = {
  meta: {
    id: 'unstable-after',
    description: '`unstable_after` imported while the app runs Next.js 15.1 or newer, which no longer exports it.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check({ facts, report }) {
    if (!nextAtLeast(facts.nextVersion, '15.1.0')) return;
    const version = facts.nextVersion ? `Next.js ${describeNextVersion(facts.nextVersion)}` : 'Next.js 15.1 and newer';
    for (const site of afterImportSites(facts.sourceFile, ['unstable_after'])) {
      const { sourceFile } = facts;
      const fix: Fix | undefined = site.imported
        ? renameImport(sourceFile, site.imported)
        : { title: 'Use `after`', edits: [{ start: (site.node as ts.PropertyAccessExpression).name.getStart(sourceFile), end: site.node.getEnd(), text: 'after' }] };
      report({
        node: site.node,
        message: `\`unstable_after\` was renamed to \`after\` in Next.js 15.1.0 and is no longer exported by ${version}, so this import is undefined at run time. Import \`after\` from 'next/server' instead.`,
        fix,
      });
    }
  },
};

/**
 * `unstable_after` -> `after`, with every use renamed; an existing alias (`unstable_after as defer`)
 * is kept, and when `after` is already imported or the name is taken, the uses move to that name.
 */
function renameImport(sourceFile: ts.SourceFile, imported: ImportedApi): Fix {
  const { specifier } = imported;
  const edits: TextEdit[] = [];
  if (specifier.propertyName) {
    // `unstable_after as defer`: only the imported name changes (`unstable_after as after` becomes `after`).
    if (specifier.name.text === 'after') edits.push({ start: specifier.getStart(sourceFile), end: specifier.getEnd(), text: 'after' });
    else edits.push({ start: specifier.propertyName.getStart(sourceFile), end: specifier.propertyName.getEnd(), text: 'after' });
    return { title: 'Import `after` instead of `unstable_after`', edits };
  }
  const taken = localNameTaken(sourceFile, 'after', specifier);
  const newLocal = taken ? 'unstable_after' : 'after';
  edits.push({ start: specifier.getStart(sourceFile), end: specifier.getEnd(), text: taken ? 'after as unstable_after' : 'after' });
  if (!taken) {
    for (const use of usesOf(sourceFile, specifier)) {
      const property = ts.isShorthandPropertyAssignment(use.parent) && use.parent.name === use;
      edits.push({ start: use.getStart(sourceFile), end: use.getEnd(), text: property ? `unstable_after: ${newLocal}` : newLocal });
    }
  }
  return { title: 'Import `after` instead of `unstable_after`', edits };
}

/** Identifiers that refer to the given import specifier. */
function usesOf(sourceFile: ts.SourceFile, specifier: ts.ImportSpecifier): ts.Identifier[] {
  const uses: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== specifier.name && node.text === specifier.name.text && isReference(node) && findDeclaration(node) === specifier) {
      uses.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses;
}

function isReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === identifier) return false;
  return true;
}

/** Whether `name` already means something in the file other than the specifier being renamed. */
function localNameTaken(sourceFile: ts.SourceFile, name: string, except: ts.ImportSpecifier): boolean {
  let taken = false;
  const visit = (node: ts.Node): void => {
    if (taken) return;
    if (ts.isIdentifier(node) && node.text === name && node !== except.name && isReference(node)) taken = true;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return taken;
}

import ts from 'typescript';

/**
 * A small lexical resolver: which declaration does this identifier name? The syntactic rules run
 * without a type checker, so this walks the enclosing scopes the way the binder would, which is
 * enough to tell Next's `after` from a local function that happens to share its name.
 */
export type LocalDeclaration =
  | ts.VariableDeclaration
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ClassDeclaration
  | ts.EnumDeclaration
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportClause
  | ts.ImportEqualsDeclaration
  | ts.BindingElement;

export function findDeclaration(identifier: ts.Identifier): LocalDeclaration | undefined {
  return declarationNamed(identifier.text, identifier.parent);
}

/** The declaration `name` would resolve to if it were written inside `from`. */
export function declarationNamed(name: string, from: ts.Node | undefined): LocalDeclaration | undefined {
  for (let scope = from; scope; scope = scope.parent) {
    const found = declarationInScope(scope, name);
    if (found) return found;
  }
  return undefined;
}

function declarationInScope(scope: ts.Node, name: string): LocalDeclaration | undefined {
  if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) {
      const hit = bindingNamed(parameter.name, name, parameter);
      if (hit) return hit;
    }
    if (ts.isFunctionExpression(scope) && scope.name?.text === name) return scope;
    return undefined;
  }
  if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
    return statementDeclarations(scope).get(name);
  }
  if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const initializer = scope.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) return declarationInList(initializer, name);
    return undefined;
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    return bindingNamed(scope.variableDeclaration.name, name, scope.variableDeclaration);
  }
  return undefined;
}

type StatementList = ts.Block | ts.SourceFile | ts.ModuleBlock | ts.CaseClause | ts.DefaultClause;

/**
 * The names a statement list declares, built once per list: lookups stay cheap in files with
 * thousands of top-level statements. The first declaration of a name wins, as before.
 */
const declarationTables = new WeakMap<ts.Node, Map<string, LocalDeclaration>>();

function statementDeclarations(scope: StatementList): Map<string, LocalDeclaration> {
  let table = declarationTables.get(scope);
  if (table) return table;
  table = new Map();
  const add = (name: string, declaration: LocalDeclaration): void => {
    if (!table!.has(name)) table!.set(name, declaration);
  };
  for (const statement of scope.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBindings(declaration.name, declaration, add);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      add(statement.name.text, statement);
    } else if (ts.isImportDeclaration(statement) && statement.importClause && !statement.importClause.isTypeOnly) {
      const clause = statement.importClause;
      if (clause.name) add(clause.name.text, clause);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name.text, bindings);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if (!element.isTypeOnly) add(element.name.text, element);
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      add(statement.name.text, statement);
    }
  }
  declarationTables.set(scope, table);
  return table;
}

function addBindings(binding: ts.BindingName, owner: ts.VariableDeclaration, add: (name: string, declaration: LocalDeclaration) => void): void {
  if (ts.isIdentifier(binding)) {
    add(binding.text, owner);
    return;
  }
  for (const element of binding.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) add(element.name.text, element);
    else addBindings(element.name, owner, add);
  }
}

function declarationInList(list: ts.VariableDeclarationList, name: string): LocalDeclaration | undefined {
  for (const declaration of list.declarations) {
    const hit = bindingNamed(declaration.name, name, declaration);
    if (hit) return hit;
  }
  return undefined;
}

function bindingNamed<T extends ts.VariableDeclaration | ts.ParameterDeclaration>(
  binding: ts.BindingName,
  name: string,
  owner: T,
): LocalDeclaration | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? owner : undefined;
  for (const element of binding.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) {
      if (element.name.text === name) return element;
    } else {
      const nested = bindingNamed(element.name, name, owner);
      if (nested) return nested;
    }
  }
  return undefined;
}

/** Strips parentheses, `as`, `satisfies` and non-null assertions that do not change what a value is. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

export function isFunctionExpressionLike(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

const FUNCTION_SCOPE_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.Constructor,
]);

/** Function declarations, expressions, arrows and methods: the nodes a request scope can be. */
export function isFunctionScope(node: ts.Node): node is ts.FunctionLikeDeclaration {
  // One set lookup: this runs for every node of every file.
  return FUNCTION_SCOPE_KINDS.has(node.kind);
}

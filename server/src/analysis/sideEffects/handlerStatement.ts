import type ts from 'typescript';
import { isRequestContext, type ScopeContext } from '../facts/context';
import type { FileFacts } from '../facts/fileFacts';
import { enclosingFunction } from '../facts/statements';
import { nextAtLeast } from '../nextVersion';

/**
 * The request scope a statement belongs to, when the side-effect rules look at it: a statement of
 * the handler's own body (inside its if, try and loops too), outside after() and waitUntil(), in an
 * app on Next.js 15.0 or newer (before that there is no after() to move work into).
 */
export function handlerStatementScope(facts: FileFacts, statement: ts.Statement): ScopeContext | undefined {
  if (!nextAtLeast(facts.nextVersion, '15.0.0')) return undefined;
  const scope = facts.contextOf(statement);
  if (!isRequestContext(scope.kind) || !scope.scope || enclosingFunction(statement) !== scope.scope || facts.isDeferred(statement)) return undefined;
  return scope;
}

import { enclosingFunction } from '../facts/statements';
import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'after-outside-request',
    description: 'after() called at module top level, outside any request.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ facts, report }) {
    for (const after of facts.afterCalls) {
      if (enclosingFunction(after.call)) continue;
      report({
        node: after.call,
        message:
          `\`${after.api}()\` is called at the top level of ${facts.role.path}, when the module loads and not during a request, so Next.js throws. ` +
          'Call it inside a Server Component, Server Action, Route Handler or Middleware.',
      });
    }
  },
};

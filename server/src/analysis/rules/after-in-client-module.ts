import { afterImportSites } from '../facts/afterImports';
import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'after-in-client-module',
    description: 'after() imported in a "use client" module, where it cannot run.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ facts, report }) {
    if (!facts.isClientModule) return;
    for (const site of afterImportSites(facts.sourceFile)) {
      report({
        node: site.node,
        message:
          `\`${site.api}\` is imported in a client module (${facts.role.path}); after() only runs on the server, during a request, so this code would fail in the browser. ` +
          'Move the work into a Server Action or a Route Handler and call after() there.',
      });
    }
  },
};

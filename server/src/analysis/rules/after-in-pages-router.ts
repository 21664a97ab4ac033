import { afterImportSites } from '../facts/afterImports';
import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'after-in-pages-router',
    description: 'after() imported under pages/, where the Pages Router does not support it.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ facts, report }) {
    if (!facts.role.inPagesRouter) return;
    for (const site of afterImportSites(facts.sourceFile)) {
      report({
        node: site.node,
        message:
          `\`${site.api}\` is imported in a Pages Router file (${facts.role.path}); after() only works in the App Router (Server Components, Server Actions, Route Handlers) and Middleware. ` +
          'Move this code to a Route Handler under app/, or use waitUntil from @vercel/functions in the API route.',
      });
    }
  },
};

import { afterImportSites } from '../facts/afterImports';
import { describeNextVersion, nextAtLeast } from '../nextVersion';
import type { Fix, Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'after-unavailable',
    description: '`after` imported while the app runs a Next.js older than 15.1, which does not export it.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check({ facts, report }) {
    const version = facts.nextVersion;
    if (!version || nextAtLeast(version, '15.1.0')) return;
    const on150 = nextAtLeast(version, '15.0.0');
    const { sourceFile } = facts;
    for (const site of afterImportSites(sourceFile, ['after'])) {
      const specifier = site.imported?.specifier;
      let fix: Fix | undefined;
      if (on150 && specifier) {
        const local = specifier.name.text;
        fix = {
          title: `Import \`unstable_after as ${local}\` (Next.js 15.0)`,
          edits: [{ start: specifier.getStart(sourceFile), end: specifier.getEnd(), text: `unstable_after as ${local}` }],
        };
      }
      report({
        node: site.node,
        message:
          `\`after\` is exported by Next.js 15.1.0 and newer, but this app uses Next.js ${describeNextVersion(version)}, so the import is undefined at run time. ` +
          (on150
            ? "Import `unstable_after as after` from 'next/server' (and enable `experimental.after` in next.config), or upgrade Next.js to 15.1."
            : 'Upgrade Next.js to 15.1 or newer to use after().'),
        fix,
      });
    }
  },
};

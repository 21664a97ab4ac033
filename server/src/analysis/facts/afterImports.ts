import type * as ts from 'typescript';
import { namedApiImports, namespaceApiUses, type ImportedApi } from './bindings';

export interface AfterImportSite {
  api: 'after' | 'unstable_after';
  /** The import specifier, or the `server.after` access of a namespace import. */
  node: ts.Node;
  imported?: ImportedApi;
}

/** Where a file brings in `after` or `unstable_after`: named specifiers first, then namespace uses. */
export function afterImportSites(sourceFile: ts.SourceFile, apis: readonly ('after' | 'unstable_after')[] = ['after', 'unstable_after']): AfterImportSite[] {
  const sites: AfterImportSite[] = [];
  for (const imported of namedApiImports(sourceFile)) {
    if (imported.api === 'after' || imported.api === 'unstable_after') {
      if (apis.includes(imported.api)) sites.push({ api: imported.api, node: imported.specifier, imported });
    }
  }
  for (const api of apis) for (const use of namespaceApiUses(sourceFile, api)) sites.push({ api, node: use });
  return sites;
}

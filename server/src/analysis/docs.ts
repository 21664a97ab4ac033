/** Where each rule's documentation page lives; the diagnostic's `codeDescription.href`. */
export const DOCS_BASE_URL = 'https://github.com/next-after-lint/next-after-lint/blob/main/docs/rules/';

export function ruleDocUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** The `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'next-after-lint';

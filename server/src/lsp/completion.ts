import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { afterCompletionAt } from '../analysis';
import type { AnalysedDocument } from './analyse';
import { toLspEdits } from './edits';

/** The context-aware `after` snippet at `position`, with the import it needs as additional edits. */
export function completionItems(analysed: AnalysedDocument, position: Position): CompletionItem[] {
  const { document } = analysed;
  const completion = afterCompletionAt(analysed.input, document.offsetAt(position));
  if (!completion) return [];
  return [
    {
      label: completion.label,
      kind: CompletionItemKind.Snippet,
      detail: completion.detail,
      documentation: { kind: MarkupKind.Markdown, value: completion.documentation },
      insertText: completion.snippet,
      insertTextFormat: InsertTextFormat.Snippet,
      // Above TypeScript's own `after` import suggestion, which adds only the import.
      sortText: '0after',
      additionalTextEdits: toLspEdits(document, completion.additionalEdits),
    },
  ];
}

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { afterHoverAt } from '../analysis';
import type { AnalysedDocument } from './analyse';

/** Where the callback of the `after()` under the cursor runs, and what it may do there. */
export function hoverAt(analysed: AnalysedDocument, position: Position): Hover | null {
  const { document } = analysed;
  const hover = afterHoverAt(analysed.input, document.offsetAt(position));
  if (!hover) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hover.markdown },
    range: { start: document.positionAt(hover.start), end: document.positionAt(hover.end) },
  };
}

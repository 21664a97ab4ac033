/** The file's own line break, so inserted lines match it (CRLF files stay CRLF). */
export function newlineOf(text: string): string {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** One level of indentation as the file writes it (tab, or the smallest space step seen). */
export function indentUnitOf(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  const widths = [...text.matchAll(/^( +)\S/gm)].map((match) => match[1]!.length);
  const step = widths.length ? Math.min(...widths) : 2;
  return ' '.repeat(step > 0 && step <= 8 ? step : 2);
}

/**
 * The range that removes `[start, end)`: its whole lines when nothing else shares them, otherwise
 * just the range, so neighbouring code on the same line survives.
 */
export function removalRange(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = lineStartAt(text, start);
  const trailing = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && trailing) return { start: lineStart, end: end + trailing[0].length };
  return { start, end };
}

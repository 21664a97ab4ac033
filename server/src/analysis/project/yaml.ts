/**
 * The part of YAML that `pnpm-workspace.yaml` uses: block mappings and sequences by indentation,
 * flow sequences (`[a, b]`), plain and quoted scalars, comments. Anchors, multi-line scalars and
 * flow mappings are not read (their values come back as plain strings or are skipped). Scalars stay
 * strings: the callers want globs and version specs, never numbers or booleans.
 */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
}

export function parseYaml(source: string): YamlValue | undefined {
  const lines: Line[] = [];
  for (const raw of source.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const text = stripComment(raw).trimEnd();
    if (!text.trim() || text.trim() === '---') continue;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trimStart() });
  }
  if (lines.length === 0) return undefined;
  const cursor = { index: 0 };
  return parseBlock(lines, cursor, lines[0]!.indent);
}

function parseBlock(lines: Line[], cursor: { index: number }, indent: number): YamlValue {
  const first = lines[cursor.index]!;
  if (first.text.startsWith('- ') || first.text === '-') {
    const items: YamlValue[] = [];
    while (cursor.index < lines.length) {
      const line = lines[cursor.index]!;
      if (line.indent !== indent || !(line.text.startsWith('- ') || line.text === '-')) break;
      const rest = line.text.slice(1).trim();
      cursor.index++;
      if (rest) items.push(scalarOrInline(rest, line, lines, cursor));
      else if (cursor.index < lines.length && lines[cursor.index]!.indent > indent) items.push(parseBlock(lines, cursor, lines[cursor.index]!.indent));
    }
    return items;
  }
  const mapping: { [key: string]: YamlValue } = {};
  while (cursor.index < lines.length) {
    const line = lines[cursor.index]!;
    if (line.indent < indent) break;
    if (line.indent > indent) {
      // Deeper lines that no key owns (bad indentation): skip them rather than guess.
      cursor.index++;
      continue;
    }
    const colon = keyEnd(line.text);
    if (colon < 0) {
      cursor.index++;
      continue;
    }
    const key = unquote(line.text.slice(0, colon).trim());
    const rest = line.text.slice(colon + 1).trim();
    cursor.index++;
    if (rest) mapping[key] = scalarOrInline(rest, line, lines, cursor);
    else if (cursor.index < lines.length && (lines[cursor.index]!.indent > indent || (lines[cursor.index]!.indent === indent && lines[cursor.index]!.text.startsWith('-')))) {
      mapping[key] = parseBlock(lines, cursor, lines[cursor.index]!.indent);
    } else mapping[key] = '';
  }
  return mapping;
}

/** `key: value` on one line, or `- key: value` starting a mapping inside a sequence. */
function scalarOrInline(rest: string, line: Line, lines: Line[], cursor: { index: number }): YamlValue {
  if (rest.startsWith('[')) return flowSequence(rest);
  const colon = keyEnd(rest);
  if (colon >= 0 && !/^["']/.test(rest)) {
    // `- name: x` followed by more keys indented under it.
    const inner: Line[] = [{ indent: line.indent + 2, text: rest }];
    while (cursor.index < lines.length && lines[cursor.index]!.indent > line.indent) inner.push(lines[cursor.index++]!);
    return parseBlock(inner, { index: 0 }, line.indent + 2);
  }
  return unquote(rest);
}

function flowSequence(text: string): YamlValue[] {
  const body = text.slice(1, text.lastIndexOf(']') < 0 ? undefined : text.lastIndexOf(']'));
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of body) {
    if (quote) {
      if (char === quote) quote = undefined;
      current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ',') {
      items.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim()) items.push(current);
  return items.map((item) => unquote(item.trim())).filter((item) => item !== '');
}

/** Where the `:` that ends a mapping key is (outside quotes, followed by a space or the end). */
function keyEnd(text: string): number {
  return indexOutsideQuotes(text, (char, index) => char === ':' && (index === text.length - 1 || text[index + 1] === ' '));
}

function stripComment(line: string): string {
  const at = indexOutsideQuotes(line, (char, index) => char === '#' && (index === 0 || /\s/.test(line[index - 1]!)));
  return at < 0 ? line : line.slice(0, at);
}

/** The first index, outside single or double quotes, where `matches` holds; -1 when none. */
function indexOutsideQuotes(text: string, matches: (char: string, index: number) => boolean): number {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (matches(char, index)) return index;
  }
  return -1;
}

function unquote(text: string): string {
  if (text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'")))) {
    return text.startsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text.slice(1, -1).replace(/\\"/g, '"');
  }
  return text;
}

// Parse-only baseline: the same TypeScript parses every file of the corpus, nothing else.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full, out);
    } else if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

let nodes = 0;
for (const file of walk(process.argv[2], [])) {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
  nodes += source.statements.length;
}
process.stdout.write(String(nodes));

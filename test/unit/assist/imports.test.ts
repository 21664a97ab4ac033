import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { applyEdits } from '../../../server/src/analysis';
import { ensureNamedImport } from '../../../server/src/analysis/edits/imports';

/** The file after the import edit, and the name to call. */
function ensure(text: string, moduleName = 'next/server', name = 'after', fileName = 'app/page.tsx'): { output: string; localName: string; edited: boolean } {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const { edit, localName } = ensureNamedImport(sourceFile, moduleName, name);
  return { output: edit ? applyEdits(text, [edit]) : text, localName, edited: edit !== undefined };
}

describe('ensureNamedImport', () => {
  test('an existing import is reused, under its alias', () => {
    assert.deepEqual(ensure("import { after } from 'next/server'\n"), { output: "import { after } from 'next/server'\n", localName: 'after', edited: false });
    assert.equal(ensure("import { after as defer } from 'next/server'\n").localName, 'defer');
    assert.equal(ensure("import * as server from 'next/server'\n").localName, 'server.after');
    // The 15.0 form: calling `after` is what the caller wants.
    assert.deepEqual(ensure("import { unstable_after as after } from 'next/server'\n", 'next/server', 'unstable_after').localName, 'after');
  });

  test('merges into a named import of the module, keeping its style', () => {
    assert.equal(ensure('import { NextResponse } from "next/server";\n').output, 'import { NextResponse, after } from "next/server";\n');
    assert.equal(ensure("import {} from 'next/server'\n").output, "import { after } from 'next/server'\n");
    assert.equal(ensure("import { NextResponse, } from 'next/server'\n").output, "import { NextResponse, after, } from 'next/server'\n");
  });

  test('a type-only import of the module is not merged into', () => {
    const { output } = ensure("import type { NextRequest } from 'next/server'\n\nexport function GET() {}\n");
    assert.equal(output, "import type { NextRequest } from 'next/server'\nimport { after } from 'next/server'\n\nexport function GET() {}\n");
  });

  test("a new import line follows the file's quotes, semicolons and line breaks", () => {
    assert.equal(ensure('import { db } from "@/lib/db";\r\nconst x = 1;\r\n').output, 'import { db } from "@/lib/db";\r\nimport { after } from "next/server";\r\nconst x = 1;\r\n');
    assert.equal(ensure("import { db } from '@/lib/db'\nconst x = 1\n").output, "import { db } from '@/lib/db'\nimport { after } from 'next/server'\nconst x = 1\n");
    // No statement to judge by: semicolons, the TypeScript default.
    assert.equal(ensure('export async function GET() {}\n').output, "import { after } from 'next/server';\nexport async function GET() {}\n");
  });

  test('goes after a directive prologue, so "use server" stays a directive', () => {
    assert.equal(ensure("'use server'\n\nexport async function save() {}\n").output, "'use server'\nimport { after } from 'next/server'\n\nexport async function save() {}\n");
  });

  test('a local declaration of the name gets Next.js its own alias', () => {
    const { output, localName } = ensure("import { db } from './db'\nfunction after() {}\nafter()\n");
    assert.equal(localName, 'nextAfter');
    assert.ok(output.includes("import { after as nextAfter } from 'next/server'"));
  });
});

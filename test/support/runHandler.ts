import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { findDeclaration } from '../../server/src/analysis/facts/scopes';
import { isPropertyName } from '../../server/src/analysis/facts/statements';
import { parseSource, scriptKindOf } from '../../server/src/analysis/parse';
import { applyEdits } from '../../server/src/analysis';

/**
 * Runs a Route Handler or a page the way Next.js would, to compare a fix's behaviour with the
 * original's: compiled with the bundled TypeScript, with `after()` queuing its callbacks until the
 * response is returned, `waitUntil()` keeping its promise, a clock that moves 10 ms per call of work
 * the response waits for and 1 s between the response and the `after()` callbacks, and a seeded random
 * source. Every call of a function the source only declares (`declare function logEvent(...)`) is
 * logged with its arguments as they are at the call.
 */
export interface HandlerRun {
  /** `name(arguments as JSON)` per call of a declared function, and `after() threw ...` per failing callback. */
  logged: string[];
  /** The response: status and body text (a page's element as JSON). */
  response: string;
}

export interface HandlerOptions {
  /** Which export to call: `POST` (default), `GET`, `default`. */
  exportName?: string;
  /**
   * What declared functions return, by name: the work the response waits for, which takes 10 ms of
   * the clock. The others (logging, tracking) return undefined and take no time, so moving them into
   * after() does not change what the clock says later in the handler.
   */
  returns?: Record<string, (...args: unknown[]) => unknown>;
  /** A Server Component: `headers()` and `cookies()` throw once the response is sent, as in Next.js. */
  render?: boolean;
  /** What the export is called with (a Server Action's argument); a Request by default. */
  input?: unknown;
}

export async function runHandler(path: string, source: string, options: HandlerOptions = {}): Promise<HandlerRun> {
  const logged: string[] = [];
  const clock = { now: 1_700_000_000_000, sent: false };
  let seed = 42;
  let uuids = 0;
  const afterQueue: unknown[] = [];
  const kept: Promise<unknown>[] = [];
  const requestScope = (api: string): void => {
    if (clock.sent && options.render) throw new Error(`${api}() was called after the response was sent`);
  };
  const headerValues = { 'user-agent': 'test-agent', referer: 'https://example.com/from', 'x-sale': '1' };
  const modules: Record<string, unknown> = {
    'next/server': {
      after: (task: unknown) => afterQueue.push(task),
      unstable_after: (task: unknown) => afterQueue.push(task),
      connection: async () => requestScope('connection'),
      NextResponse: { json: (body: unknown, init?: ResponseInit) => Response.json(body, init) },
    },
    'next/headers': {
      headers: async () => {
        requestScope('headers');
        return new Headers(headerValues);
      },
      cookies: async () => {
        requestScope('cookies');
        return new Map([['session', { name: 'session', value: 's1' }]]);
      },
    },
    '@vercel/functions': { waitUntil: (promise: Promise<unknown>) => kept.push(Promise.resolve(promise)) },
    'react/jsx-runtime': { jsx: element, jsxs: element, Fragment: 'Fragment' },
  };
  class FakeDate extends Date {
    constructor(...args: [] | [string | number]) {
      if (args.length === 0) super(clock.now);
      else super(args[0]);
    }

    static override now(): number {
      return clock.now;
    }
  }
  const globals: Record<string, unknown> = {
    Date: FakeDate,
    Math: Object.assign(Object.create(Math) as Math, {
      random: () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      },
    }),
    performance: { now: () => clock.now - 1_700_000_000_000 },
    crypto: { randomUUID: () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}` },
    Response,
    Request,
    Headers,
    URL,
    console,
  };
  for (const name of declaredFunctions(path, source)) {
    const returns = options.returns?.[name];
    globals[name] = async (...args: unknown[]) => {
      logged.push(`${name}(${JSON.stringify(args, jsonValue)})`);
      if (!returns) return undefined;
      clock.now += 10;
      return returns(...args);
    };
  }
  const exports: Record<string, unknown> = {};
  const { outputText } = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX },
  });
  runInNewContext(outputText, { ...globals, exports, module: { exports }, require: (name: string) => modules[name] });
  const handler = exports[options.exportName ?? 'POST'] as (request: Request) => Promise<unknown>;
  const request = new Request('https://example.com/api/x?app=a1', { method: 'POST', body: '{"plan":"pro"}', headers: headerValues });
  const result = await handler((options.input as Request | undefined) ?? request);
  const response = result instanceof Response ? `${result.status} ${await result.text()}` : JSON.stringify(result);
  // The response is sent: time passes, then the platform runs what after() registered and waits for waitUntil().
  clock.sent = true;
  clock.now += 1000;
  for (const task of afterQueue) {
    try {
      await (typeof task === 'function' ? task() : task);
    } catch (error) {
      logged.push(`after() threw ${String(error)}`);
    }
  }
  await Promise.all(kept);
  return { logged, response };
}

function element(type: unknown, props: unknown): unknown {
  return { type: typeof type === 'function' ? type.name : type, props };
}

function jsonValue(_key: string, value: unknown): unknown {
  return value instanceof Date ? `Date(${value.getTime()})` : value;
}

/** The names of `declare function` statements: the work a handler calls and the harness logs. */
function declaredFunctions(path: string, source: string): string[] {
  return parseSource(path, source)
    .statements.filter((statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && !statement.body && statement.name !== undefined)
    .map((statement) => statement.name!.text);
}

/**
 * The fixed source as it would be without its captures: every `const` the fix added (a name the
 * original does not declare) is inlined back where it is read. Running this shows the difference
 * the captures make, so a behaviour test can prove it would catch their absence.
 */
export function withoutCaptures(path: string, original: string, fixed: string): string {
  const declaredBefore = declaredNames(parseSource(path, original));
  const sourceFile = ts.createSourceFile(path, fixed, ts.ScriptTarget.Latest, true, scriptKindOf(path));
  const added = new Map<ts.VariableDeclaration, string>();
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableStatement(node) && node.declarationList.declarations.length === 1) {
      const [declaration] = node.declarationList.declarations;
      if (declaration && ts.isIdentifier(declaration.name) && declaration.initializer && !declaredBefore.has(declaration.name.text)) {
        added.set(declaration, `(${declaration.initializer.getText(sourceFile)})`);
        const lineStart = fixed.lastIndexOf('\n', node.getStart(sourceFile)) + 1;
        edits.push({ start: lineStart, end: fixed.indexOf('\n', node.getEnd()) + 1, text: '' });
      }
    }
    if (ts.isIdentifier(node) && isReference(node)) {
      const declaration = findDeclaration(node);
      const inlined = declaration && ts.isVariableDeclaration(declaration) ? added.get(declaration) : undefined;
      if (inlined) {
        const shorthand = ts.isShorthandPropertyAssignment(node.parent) ? `${node.text}: ` : '';
        edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: `${shorthand}${inlined}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return applyEdits(fixed, edits);
}

/** Not a declared name and not a property name: `x` in `f(x)`, not in `const x`, `o.x`, `{ x: 1 }`, `{ x: string }`. */
function isReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return !isPropertyName(identifier, parent) && !(ts.isVariableDeclaration(parent) && parent.name === identifier);
}

function declaredNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

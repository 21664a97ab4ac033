// The `editorAtScale` part of `npm run bench`: the built language server over stdio on the seeded
// monorepo, as an editor drives it. Latencies are from the request (or the didOpen/didChange) to the
// answer (or the publish); the debounce is set to 0, so they measure the server, not the typist's pause.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './serverSession.mjs';

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))].toFixed(1));
}

const since = (started) => Number(process.hrtime.bigint() - started) / 1e6;

/** The files the measurements open, by kind, from the corpus's layout. */
function corpusFiles(corpus) {
  const listing = spawnSync('find', [join(corpus, 'apps/web/app'), '-name', '*.ts*', '-not', '-path', '*/node_modules/*'], { encoding: 'utf8' }).stdout.trim().split('\n').map((file) => file.slice(corpus.length + 1)).sort();
  const trackedPage = listing.find((file) => file.endsWith('page.tsx') && readFileSync(join(corpus, file), 'utf8').includes('trackView('));
  const routes = listing.filter((file) => file.endsWith('route.ts'));
  return { trackedPage, routes };
}

/**
 * `crossFile`: the file whose cross-file finding is awaited and then edited, and that finding's rule
 * (default: a page of the bench monorepo that calls a helper five imports away).
 */
async function measureSession(corpus, settings, cliWallMs, crossFile) {
  const { trackedPage: defaultPage, routes } = corpusFiles(corpus);
  const trackedPage = crossFile?.path ?? defaultPage;
  const crossFileRule = crossFile?.rule ?? 'request-api-in-after';
  const session = await startServer(corpus, settings);
  const analysedAcrossFiles = (uri, version) => (event) => event.kind === 'analysed' && event.uri === uri && event.version === version && event.phase === 'semantic';
  try {
    // Cross-file, cold: the page is opened at once, before the background indexing has reached it.
    const coldStarted = process.hrtime.bigint();
    const page = session.open(trackedPage);
    await session.until((event) => event.kind === 'publish' && event.uri === page.uri && event.diagnostics.some((d) => d.code === crossFileRule), 'the cross-file finding');
    const crossFileColdMs = since(coldStarted);

    // Requests while indexing: hover, code actions and completion on an open route, one after another.
    const route = session.open(routes[0]);
    await session.until(analysedAcrossFiles(route.uri, 1), 'the route analysed');
    const requests = [];
    const line = route.text.split('\n').findIndex((text) => text.includes('const record'));
    for (let round = 0; round < 30 && (session.appStatus()?.state ?? 'indexing') === 'indexing'; round++) {
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri: route.uri }, position: { line, character: 10 } }],
        ['textDocument/codeAction', { textDocument: { uri: route.uri }, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] } }],
        ['textDocument/completion', { textDocument: { uri: route.uri }, position: { line, character: 2 } }],
      ]) {
        const started = process.hrtime.bigint();
        await session.connection.sendRequest(method, params);
        requests.push(since(started));
      }
    }
    const requestsWhileIndexing = requests.length;

    // First diagnostics: open to the first publish, for ten more files.
    const first = [];
    const opened = [page.uri, route.uri];
    for (const path of routes.slice(1, 9)) {
      const started = process.hrtime.bigint();
      const { uri } = session.open(path);
      opened.push(uri);
      await session.until((event) => event.kind === 'publish' && event.uri === uri && event.version === 1, 'a first publish');
      first.push(since(started));
    }
    for (const uri of opened) await session.until(analysedAcrossFiles(uri, 1), 'the cross-file analysis of an open file');
    const rssTenFilesMb = session.peakRssMb();

    // Cross-file, warm: a keystroke-sized edit of the page, then its cross-file findings again.
    const warm = [];
    for (let edit = 0; edit < 40; edit++) {
      const started = process.hrtime.bigint();
      // A keystroke-sized edit: a comment at the end of the file changes.
      const version = session.change(page.uri, `${page.text}\n// edit ${edit}\n`);
      await session.until(analysedAcrossFiles(page.uri, version), 'the edited page across files');
      warm.push(since(started));
    }

    // Check Whole App, once the background indexing is done, against the CLI on the same corpus.
    await session.until((event) => event.kind === 'status' && event.apps.every((app) => app.state !== 'indexing'), 'the end of indexing');
    const wholeStarted = process.hrtime.bigint();
    const result = await session.connection.sendRequest('nextAfterLint/checkWholeApp', {});
    const wholeAppMs = since(wholeStarted);
    return {
      requestP95WhileIndexingMs: requests.length ? percentile(requests, 95) : null,
      requestsWhileIndexing,
      firstDiagnosticsMs: percentile(first, 95),
      crossFileColdMs: Math.round(crossFileColdMs),
      crossFileWarmP95Ms: percentile(warm, 95),
      wholeAppMs: Math.round(wholeAppMs),
      wholeAppFiles: result.apps.reduce((sum, app) => sum + app.files, 0),
      wholeAppOverCli: Number((wholeAppMs / cliWallMs).toFixed(2)),
      rssTenFilesMb: Math.round(rssTenFilesMb),
      peakRssMb: Math.round(session.peakRssMb()),
    };
  } finally {
    await session.stop();
  }
}

export async function benchEditorAtScale(corpus, cliWallMs, crossFile) {
  const index = await measureSession(corpus, {}, cliWallMs, crossFile);
  const full = await measureSession(corpus, { typeAware: 'full' }, cliWallMs, crossFile);
  const targets = { requestP95WhileIndexingMs: 50, firstDiagnosticsMs: 50, crossFileColdMs: 1500, crossFileWarmP95Ms: 100, wholeAppOverCli: 1.5, rssTenFilesMb: 300 };
  return {
    ...index,
    typeAwareFull: full,
    targets,
    targetsMet: Object.fromEntries(Object.entries(targets).map(([key, target]) => [key, index[key] !== null && index[key] <= target])),
    note: 'typeAware "index" (the default); typeAwareFull: the same with the TypeScript checker, for reference. p95 over the samples; debounce 0',
  };
}

// `node bench/editorAtScale.mjs <workspace> <cliWallMs> [<file with a cross-file finding> <its rule>]`:
// the same measurement on any workspace (a real app checked out beside the project).
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2]) {
  const [corpus, cliWallMs, path, rule] = process.argv.slice(2);
  console.log(JSON.stringify(await benchEditorAtScale(corpus, Number(cliWallMs), path ? { path, rule } : undefined), null, 2));
}

// `server/out/worker.js`: the language server's analysis thread (project index, whole-app checks,
// the optional TypeScript programs). The protocol thread only schedules work here and answers.
import { parentPort } from 'node:worker_threads';
import { EngineHost } from './engineHost';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (port) {
  const host = new EngineHost((message: FromWorker) => port.postMessage(message));
  port.on('message', (message: ToWorker) => {
    try {
      host.handle(message);
    } catch (error) {
      port.postMessage({ kind: 'log', level: 'error', message: `next-after-lint: the analysis thread failed on ${message.kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` } satisfies FromWorker);
    }
  });
}

// `dist/cli-engine.js`: the analysis side of the command line. The front (`dist/cli.js`) requires it
// for a run in its own thread, or starts it as a worker thread (with `workerData`) for a parallel run.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runEngineJob } from './engineJob';
import type { WorkerInput } from './protocol';

export { runEngineJob };

if (!isMainThread && parentPort && (workerData as WorkerInput | undefined)?.job) {
  const { job, claims } = workerData as WorkerInput;
  parentPort.postMessage(runEngineJob(job, new Int32Array(claims)));
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Scheduler } from '../../../server/src/lsp/worker/scheduler';

/** Resolves once the scheduler has nothing left to do, checked after each of its turns. */
async function drained(scheduler: Scheduler): Promise<void> {
  while (!scheduler.idle) await new Promise((resolve) => setImmediate(resolve));
}

test('requests run before background work; a newer request for the same key replaces a queued one', async () => {
  const order: string[] = [];
  const scheduler = new Scheduler();
  let steps = 0;
  scheduler.job(
    () => {
      order.push(`step ${++steps}`);
      return steps === 3;
    },
    () => order.push('job done'),
  );
  scheduler.background('file:a', () => order.push('background a'));
  scheduler.urgent('analyse:page', () => order.push('analyse v1'), () => order.push('v1 dropped'));
  scheduler.urgent('analyse:page', () => order.push('analyse v2'));
  scheduler.urgent('analyse:route', () => order.push('analyse route'));
  await drained(scheduler);
  assert.deepEqual(order.slice(0, 3), ['v1 dropped', 'analyse v2', 'analyse route']);
  assert.deepEqual(order.slice(3), ['background a', 'step 1', 'step 2', 'step 3', 'job done']);
});

test('a task that throws is reported and the others still run', async () => {
  const errors: unknown[] = [];
  const ran: string[] = [];
  const scheduler = new Scheduler((error) => errors.push(error));
  scheduler.urgent('a', () => {
    throw new Error('boom');
  });
  scheduler.background('b', () => ran.push('b'));
  await drained(scheduler);
  assert.equal(errors.length, 1);
  assert.deepEqual(ran, ['b']);
});

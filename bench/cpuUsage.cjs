// Preloaded (`node --require`) into a measured process: on exit, reports the CPU time it used, which
// a busy machine disturbs far less than the wall clock.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nnext-after-lint-bench-cpu-ms ${((user + system) / 1000).toFixed(0)}\n`);
});

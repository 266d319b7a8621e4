/**
 * Preloaded into a benchmarked server (`node --import ./bench/loop-probe.mjs …`) by bench/run.ts, in plain JavaScript (the API runs without tsx):
 * measures event-loop delay from inside the process without touching its code, and answers over
 * the IPC channel. Messages: "loop:reset" starts a new window, "loop:read" sends the window's stats
 * (and the V8 heap's current size, to tell heap from the rest of the RSS).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

if (process.send) {
  process.on('message', (message) => {
    if (message === 'loop:reset') histogram.reset();
    if (message === 'loop:read') {
      process.send?.({
        type: 'loop',
        maxMs: histogram.max / 1e6,
        p99Ms: histogram.percentile(99) / 1e6,
        meanMs: histogram.mean / 1e6,
        heapTotalMb: process.memoryUsage().heapTotal / 2 ** 20,
      });
    }
  });
  process.channel?.unref();
}

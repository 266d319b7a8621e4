import { availableParallelism } from 'node:os';

/**
 * libuv's thread pool (UV_THREADPOOL_SIZE threads; libuv's default is 4, `npm start` sets 8) runs
 * image decoding (sharp), password hashing (argon2), WebCrypto (the access tokens' HMAC), file system
 * calls and DNS lookups, all from one queue in order of arrival. Image work and hashing each get a
 * bounded share, and their shares together stay below the pool, so neither ever waits for a thread the
 * other holds, and the rest of the pool is left to the short jobs (API.md §10).
 */
export interface ThreadBudget {
  /** Images decoded at once (with one per account: src/core/fair-queue.ts). */
  images: number;
  /** argon2 hashes or verifications at once. */
  hashing: number;
}

export function threadBudget(poolSize: number, cores: number): ThreadBudget {
  const images = poolSize >= 4 ? 2 : 1;
  const hashing = Math.max(1, Math.min(cores, poolSize - images - 2));
  return { images, hashing };
}

/** libuv reads UV_THREADPOOL_SIZE once, when the pool first starts; 4 when unset, at most 1024. */
function poolSizeOfThisProcess(): number {
  const size = Number.parseInt(process.env.UV_THREADPOOL_SIZE ?? '', 10);
  return Number.isFinite(size) && size > 0 ? Math.min(size, 1024) : 4;
}

/** This process's budget: one thread pool per process, so one budget (every server of a test run shares it). */
export const THREAD_BUDGET: ThreadBudget = threadBudget(poolSizeOfThisProcess(), availableParallelism());

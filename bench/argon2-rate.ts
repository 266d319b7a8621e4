import argon2 from 'argon2';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Raw argon2id verifications per second in this process, on libuv's thread pool (the same pool and
 * parameters a login uses: the parameters are those encoded in `hash`), `lanes` at a time.
 */
export async function argon2Rate(hash: string, password: string, seconds: number, lanes = 4): Promise<number> {
  const run = async (duration: number): Promise<number> => {
    const deadline = performance.now() + duration * 1000;
    let count = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: lanes }, async () => {
      while (performance.now() < deadline) {
        if (!await argon2.verify(hash, password)) throw new Error('the seeded hash does not verify the password');
        count++;
      }
    }));
    return count / ((performance.now() - started) / 1000);
  };
  await run(Math.min(2, seconds)); // warm-up
  return run(seconds);
}

/**
 * The same rate in a child process started with `prefix` (e.g. `taskset -c 0`: the core the API ran
 * on, so that login ÷ raw rate compares one core with one core) and the API's UV_THREADPOOL_SIZE.
 */
export function argon2RateIn(prefix: string[], env: Record<string, string>, hash: string, password: string, seconds: number): number {
  const command = [...prefix, process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url)];
  const out = execFileSync(command[0]!, command.slice(1), {
    env: { ...process.env, ...env, ARGON2_HASH: hash, ARGON2_PASSWORD: password, ARGON2_SECONDS: String(seconds) }, encoding: 'utf8',
  });
  return Number(out.trim());
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.env.ARGON2_HASH) {
  const rate = await argon2Rate(process.env.ARGON2_HASH, process.env.ARGON2_PASSWORD ?? '', Number(process.env.ARGON2_SECONDS ?? 3));
  console.log(rate.toFixed(2));
}

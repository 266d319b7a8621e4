import argon2 from 'argon2';

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

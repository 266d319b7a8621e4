/**
 * Polls `condition` until it returns a truthy value, and resolves with that value: tests wait for a
 * state they can observe (a row, a log line, a count), never for a fixed time. `timeoutMs` is only a
 * generous bound that turns a state never reached into a failure that names it; it asserts nothing
 * about speed (speed lives in bench/).
 */
export async function eventually<T>(
  condition: () => T | Promise<T>, what: string, options: { timeoutMs?: number; everyMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 50));
  }
}

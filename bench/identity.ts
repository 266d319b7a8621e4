/**
 * The bench's prepare step: do the baseline and the API answer a scenario's request with the same
 * status, the same body bytes and the same headers? A difference is a finding (the baseline would
 * then measure something else than the API's work), reported in the table's note — never a crash.
 */
import type { LoadRequest } from './discovery.ts';

/** Headers that differ per answer or per connection, or that follow from the body (X-Request-Id: each request's trace id, issue 21). */
const IGNORED = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id']);
/** The headers the issue names first (a mismatch in them is listed before the others). */
const NAMED = ['etag', 'content-type', 'cache-control', 'vary', 'content-location', 'link', 'last-modified'];

interface Answer { status: number; headers: Map<string, string>; body: Buffer }

async function answer(request: LoadRequest): Promise<Answer> {
  const response = await fetch(request.url, {
    method: request.method, headers: request.headers, body: request.body ?? null, signal: AbortSignal.timeout(30_000),
  });
  const headers = new Map<string, string>();
  response.headers.forEach((value, name) => { if (!IGNORED.has(name)) headers.set(name, value); });
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (x: Buffer) => JSON.stringify(x.subarray(Math.max(0, i - 20), i + 30).toString());
  return `bodies differ at byte ${i} of ${a.length}/${b.length}: baseline ${around(a)} vs API ${around(b)}`;
}

/** '' when both answers are identical; otherwise what differs, shortest first (for a table cell). */
export async function compareAnswers(baseline: LoadRequest, api: LoadRequest): Promise<string> {
  const [b, a] = await Promise.all([answer(baseline), answer(api)]);
  const problems: string[] = [];
  if (b.status !== a.status) problems.push(`status ${b.status} vs ${a.status}`);
  const names = [...new Set([...NAMED, ...b.headers.keys(), ...a.headers.keys()])];
  for (const name of names) {
    const [x, y] = [b.headers.get(name), a.headers.get(name)];
    if (x !== y) problems.push(`${name}: ${x ?? '(none)'} vs ${y ?? '(none)'}`);
  }
  if (!b.body.equals(a.body)) problems.push(firstDifference(b.body, a.body));
  return problems.join('; ');
}

/** The check's verdict for a table note. */
export function identityNote(difference: string, bytes?: number): string {
  return difference ? `**MISMATCH with the API** (baseline vs API): ${difference.slice(0, 400)}`
    : `byte-identical to the API${bytes === undefined ? '' : ` (${bytes} B)`}, same headers`;
}

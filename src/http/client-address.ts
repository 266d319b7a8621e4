import { isIPv6 } from 'node:net';

/** `req.ip` without the IPv4-mapped IPv6 form (`::ffff:203.0.113.7` → `203.0.113.7`). */
export function normalizeIp(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad counts as two). */
function ipv6Groups(ip: string): string[] {
  const split = (part: string) => (part ? part.split(':') : []).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const first = split(head);
  if (tail === undefined) return first;
  const last = split(tail);
  return [...first, ...Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0'), ...last];
}

/**
 * The identity a per-client rate limit counts against: the IPv4 address, or the /64 prefix of an
 * IPv6 address (one subscriber usually holds a whole /64, so single addresses cost nothing to vary).
 */
export function clientKey(ip: string | undefined): string {
  const address = normalizeIp(ip);
  if (!isIPv6(address)) return address;
  const prefix = ipv6Groups(address).slice(0, 4).map((g) => parseInt(g, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}

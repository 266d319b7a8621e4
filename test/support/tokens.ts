import { Ketting, bearerAuth } from 'ketting';
import { SignJWT, decodeJwt, type JWTPayload } from 'jose';
import { postJson, templateTarget } from './accounts.ts';
import type { TestServer } from './test-server.ts';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  _links: { me: { href: string } };
}

/** The `me` link of the root as the bearer of `accessToken` sees it. */
export async function meUrl(server: TestServer, accessToken: string): Promise<string> {
  const client = new Ketting(server.root);
  client.use(bearerAuth(accessToken));
  const root = await client.go().get();
  return new URL(root.links.get('me')!.href, server.root).href;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** POSTs the `login` template's body raw, to its discovered target. */
export async function login(server: TestServer, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return postJson(await templateTarget(server, 'login'), { username, password }, headers);
}

export async function loginPair(server: TestServer, username: string, password: string): Promise<TokenPair> {
  const res = await login(server, username, password);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as TokenPair;
}

/**
 * A JWT signed with the server's own secret (or `key`), starting from a real token's claims:
 * forgeries that differ from a genuine token in exactly one respect.
 */
export async function craftToken(
  server: TestServer, genuine: string,
  change: { header?: Record<string, unknown>; claims?: JWTPayload; key?: Uint8Array } = {},
): Promise<string> {
  const claims = { ...decodeJwt(genuine), ...change.claims };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...change.header } as { alg: string })
    .sign(change.key ?? server.config.jwtSecret);
}

/** A JWT with a header and payload of our choosing and an arbitrary signature (never validly signed). */
export function unsignedToken(header: Record<string, unknown>, claims: JWTPayload, signature = ''): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.${signature}`;
}

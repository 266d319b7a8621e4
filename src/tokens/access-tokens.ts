import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** The one algorithm access tokens are signed and accepted with. */
const ALGORITHM = 'HS256';
const TYPE = 'at+jwt';

export interface AccessTokenClaims {
  userId: number;
  username: string;
  jti: string;
  /** The refresh token family (the login session) the token was issued from. */
  familyId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Access tokens: RFC 9068 JWTs (typ at+jwt) with iss, aud, sub, jti, exp, and `sid`: the refresh token family. */
export class AccessTokens {
  /** The secret imported once (importing it for every token cost more than the signature). */
  private readonly key: Promise<CryptoKey>;

  constructor(
    secret: Uint8Array,
    private readonly issuer: string,
    private readonly audience: string,
    readonly ttlSeconds: number,
  ) {
    this.key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(userId: number, username: string, familyId: string): Promise<{ token: string; claims: AccessTokenClaims }> {
    const jti = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.ttlSeconds;
    const token = await new SignJWT({ username, sid: familyId })
      .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(String(userId))
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(await this.key);
    return { token, claims: { userId, username, jti, familyId, exp } };
  }

  /** The claims of a valid token, or null for anything else (forged, expired, wrong type/alg/aud/iss). */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: [ALGORITHM], issuer: this.issuer, audience: this.audience, typ: TYPE,
        requiredClaims: ['sub', 'jti', 'exp', 'iat', 'sid'],
      });
      const userId = Number(payload.sub);
      const { username, jti, sid } = payload;
      if (!Number.isSafeInteger(userId) || typeof username !== 'string' || typeof jti !== 'string' || typeof sid !== 'string') return null;
      return { userId, username, jti, familyId: sid, exp: payload.exp! };
    } catch {
      return null;
    }
  }
}

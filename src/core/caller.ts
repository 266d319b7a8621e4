/** Who is asking: the authenticated caller of a request (null when anonymous), as every layer sees it. */
export interface Caller {
  id: number;
  username: string;
  /** The access token that authenticated the request: its id, its family and its expiry (seconds since the epoch). */
  tokenId?: string;
  tokenFamily?: string;
  tokenExpires?: number;
}

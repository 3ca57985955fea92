/**
 * Reading `Authorization: Bearer <token>` for `/metrics` and the playground. The scheme is
 * matched without regard to case (RFC 7235 §2.1: `bearer x` is the same credential as
 * `Bearer x`), and the token is RFC 6750's b64token, the charset `LUOSHI_METRICS_TOKEN` and
 * `LUOSHI_PLAYGROUND_TOKEN` are checked against at start-up.
 */

/** The token a request's `Authorization` header carries, or undefined when it carries none. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '')?.[1];
}

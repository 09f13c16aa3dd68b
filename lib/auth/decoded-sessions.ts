/**
 * Session cookies already decoded, and the session id each one carries. Decoding the cookie (an encrypted
 * JWT: key derivation, decryption, MAC check) costs about a millisecond of CPU on every request, for a
 * value that only changes when the cookie does. Only that decoding is kept, keyed by the cookie itself:
 * whether the session is still open, and who it is, is still read from the database on every request
 * (lib/auth/sessions.ts), so logout, idle expiry, disabling and revocation hold on the very next request.
 * An entry lives `ttlMs` at most, so a cookie past its own expiry is accepted that long at most. A cookie
 * that carries no session is not kept: made-up cookies cannot fill the memory.
 */
export function decodedSessions({ max = 5_000, ttlMs = 60_000, now = Date.now } = {}) {
  const known = new Map<string, { sid: unknown; until: number }>();
  return {
    async sid(cookie: string, decode: () => Promise<unknown>): Promise<unknown> {
      const hit = known.get(cookie);
      if (hit && hit.until > now()) return hit.sid;
      const sid = await decode();
      known.delete(cookie);
      if (typeof sid !== "string") return sid;
      // Oldest first: a Map keeps insertion order.
      if (known.size >= max) known.delete(known.keys().next().value!);
      known.set(cookie, { sid, until: now() + ttlMs });
      return sid;
    },
  };
}

// Whether better-auth marks the session cookie Secure. Always, except when Flatnet is plainly
// served over http on the loopback interface (a developer's machine, the e2e suite), where
// browsers treat the origin as secure anyway but Node-side clients would drop the cookie. A
// classroom served over plain http on a LAN address must opt out explicitly with
// FLATNET_INSECURE_COOKIES=1: browsers drop Secure cookies there, and saying so is better than
// a session token quietly sent in the clear.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function shouldUseSecureCookies(env: Record<string, string | undefined>): boolean {
  if (env.FLATNET_INSECURE_COOKIES === '1') return false;
  const publicUrl = env.BETTER_AUTH_URL?.trim();
  if (publicUrl) {
    try {
      const url = new URL(publicUrl);
      return !(url.protocol === 'http:' && LOOPBACK.has(url.hostname));
    } catch {
      return true;
    }
  }
  // No public URL: the address the server listens on decides (main.ts's default is localhost).
  return !LOOPBACK.has((env.HOST ?? 'localhost').trim());
}

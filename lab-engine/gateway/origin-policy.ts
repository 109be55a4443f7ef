// Decides whether a WebSocket handshake comes from Flatnet's own pages. Browsers always send
// Origin on WebSocket upgrades, so a missing, "null" or foreign Origin means another site (or
// not a browser at all) and the upgrade is refused before anything is spawned.

export interface OriginPolicyOptions {
  /** Extra origins allowed verbatim, e.g. a public URL behind a proxy (FLATNET_ORIGINS, comma-separated). */
  extraOrigins?: string[];
}

/** Origins compare as scheme://host[:port] with default ports dropped, exactly; no suffix or prefix games. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    if (value.replace(/\/$/, '') !== url.origin && value !== url.origin) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Allowed: the page's own origin — the Host the browser connected to, over http or https — plus
 * the configured extras. An attacker page on another site cannot make the browser send our Host
 * with its own Origin, so equality with Host is the same-origin test.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, options: OriginPolicyOptions = {}): boolean {
  if (!origin || origin === 'null' || !host) return false;
  const normalised = normaliseOrigin(origin);
  if (!normalised) return false;
  const own = [normaliseOrigin(`http://${host}`), normaliseOrigin(`https://${host}`)];
  if (own.includes(normalised)) return true;
  return (options.extraOrigins ?? []).some((extra) => normaliseOrigin(extra) === normalised);
}

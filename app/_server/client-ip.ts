// The client's address for rate limits and session records, decided once per request by the HTTP
// server from the socket, never from what the client says. X-Forwarded-For is believed only hop by
// hop from the socket inwards, and only while each hop is a proxy the operator listed in
// FLATNET_TRUSTED_PROXIES (IPs or CIDRs, comma-separated; default none, so the header is ignored).
//
// Next fills x-forwarded-for only when it is absent (`??=`), which is why a forged header used to
// reach the limiters; stamping the request before Next sees it fixes that for every consumer.

import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** The header the server overwrites on every request; the auth limiter reads only this one. */
export const CLIENT_IP_HEADER = 'x-flatnet-client-ip';

export interface TrustedProxies {
  has(address: string): boolean;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same client. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed.toLowerCase();
}

/** Parses FLATNET_TRUSTED_PROXIES; an entry that is neither an IP nor a CIDR is an operator error. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  let empty = true;
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`FLATNET_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(normaliseAddress(address), type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
        throw new Error(`FLATNET_TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
      }
      list.addSubnet(normaliseAddress(address), bits, type);
    }
    empty = false;
  }
  return {
    has(address) {
      if (empty) return false;
      const normal = normaliseAddress(address);
      const family = isIP(normal);
      return family !== 0 && list.check(normal, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * Walks X-Forwarded-For from the right (the hop nearest to us) while the sender is trusted; the
 * first untrusted sender is the client. A malformed entry ends the walk at the last good hop.
 */
export function resolveClientIp(remoteAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  let client = normaliseAddress(remoteAddress ?? '') || 'unknown';
  if (!trusted.has(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map(normaliseAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted.has(hop)) return client;
  }
  return client;
}

let configured: TrustedProxies | undefined;

/** The proxies from the environment, read once. */
export function trustedProxiesFromEnv(): TrustedProxies {
  configured ??= parseTrustedProxies(process.env.FLATNET_TRUSTED_PROXIES);
  return configured;
}

/**
 * Replaces whatever the client sent with the address we believe: our own header for the
 * limiters, and x-forwarded-for (what better-auth records on sessions) with that one address.
 */
export function stampClientIp(request: IncomingMessage, trusted: TrustedProxies = trustedProxiesFromEnv()): string {
  const forwarded = request.headers['x-forwarded-for'];
  const ip = resolveClientIp(request.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trusted);
  request.headers[CLIENT_IP_HEADER] = ip;
  request.headers['x-forwarded-for'] = ip;
  delete request.headers['x-real-ip'];
  return ip;
}

/** The stamped address from a request's headers; requests that bypassed the server share one key. */
export function clientIpFrom(headers: Headers | undefined): string {
  return headers?.get(CLIENT_IP_HEADER)?.trim() || 'unstamped';
}

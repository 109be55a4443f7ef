// An application whose work is calling one external HTTP API at a steady rate: the checkout
// service of a shop calling its payment provider. Its image profile names it (`outbound`); what it
// calls, how often and whether it reuses connections are the container's environment, as a Go
// service built on net/http reads them:
//
//   TARGET_URL  https://api.payments.example/v1/charges
//   RATE        requests per second (each pod)
//   KEEPALIVE   "true": one http.Transport with idle connections kept (Go's default); "false":
//               DisableKeepAlives, so every request dials a new TCP connection and closes it.
//
// With keep-alive the client holds a small pool, about RATE × the API's latency connections, and
// opens none afterwards; without it each request is a new connection whose source port the node's
// masquerade must find free, and which keeps it for TIME_WAIT after the close.

import type { Container } from '../../kube/types';

/** How long the payment API takes to answer: the pool a keep-alive client needs is RATE × this. */
export const API_LATENCY_SECONDS = 0.05;
/** Go's http.Client Timeout the app sets: a dial that gets no SYN-ACK fails after it. */
export const CLIENT_TIMEOUT_SECONDS = 5;
/** Bound on RATE (requests per second per pod). */
export const MAX_CLIENT_RATE = 10_000;

export interface OutboundClient {
  url: string;
  host: string;
  port: number;
  /** Requests per second. */
  rate: number;
  keepAlive: boolean;
  /** Connections a keep-alive client keeps open. */
  pool: number;
}

/** The client the container's environment describes, or undefined when TARGET_URL is missing or not a URL. */
export function outboundClient(c: Pick<Container, 'env'>): OutboundClient | undefined {
  const env = new Map((c.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value ?? '']));
  const raw = env.get('TARGET_URL');
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const rate = Math.min(MAX_CLIENT_RATE, Math.max(0, Math.floor(Number(env.get('RATE') ?? '1')) || 0));
  // Go's strconv.ParseBool spellings; anything else keeps the default (keep-alive on).
  const keepAlive = !['false', '0', 'f', 'F', 'FALSE', 'False'].includes(env.get('KEEPALIVE') ?? 'true');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { url: raw, host: url.hostname, port, rate, keepAlive, pool: Math.max(2, Math.ceil(rate * API_LATENCY_SECONDS)) };
}

/** The line Go's net/http client error makes when the dial times out, as the app logs it. */
export function dialTimeoutLine(client: OutboundClient, ip: string, atMs: number): string {
  const d = new Date(atMs);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  return `${stamp} payment call failed: Post "${client.url}": dial tcp ${ip}:${client.port}: i/o timeout`;
}

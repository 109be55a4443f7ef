// `conntrack -L` lines as conntrack-tools prints them (libnetfilter_conntrack's default output,
// src/conntrack/snprintf_default.c): protocol name and number ("%-8s %u "; a protocol without a
// name in its proto2str table, such as IPIP, prints as "unknown"), seconds left, the TCP state,
// the original tuple (ports only for protocols that have them), [UNREPLIED] until a reply was
// seen, the reply tuple, [ASSURED], mark, use. The summary line ("N flow entries have been
// shown.") goes to stderr.

import type { ConntrackEntry, ConntrackProtocol, Tuple } from './conntrack';

export const CONNTRACK_TOOLS_VERSION = 'v1.4.7';

const PROTO: Readonly<Record<ConntrackProtocol, { name: string; number: number; ports: boolean }>> = {
  tcp: { name: 'tcp', number: 6, ports: true },
  udp: { name: 'udp', number: 17, ports: true },
  ipip: { name: 'unknown', number: 4, ports: false },
};

function tuple(t: Tuple, ports: boolean): string {
  return ports ? `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}` : `src=${t.src} dst=${t.dst}`;
}

export function formatConntrackEntry(e: ConntrackEntry, nowMs: number): string {
  const left = Math.max(0, Math.ceil((e.expiresAtMs - nowMs) / 1000));
  const proto = PROTO[e.protocol];
  const parts = [`${proto.name.padEnd(8)} ${proto.number}`, String(left)];
  if (e.tcpState) parts.push(e.tcpState);
  parts.push(tuple(e.orig, proto.ports));
  if (!e.seenReply) parts.push('[UNREPLIED]');
  parts.push(tuple(e.reply, proto.ports));
  if (e.assured) parts.push('[ASSURED]');
  parts.push(`mark=${e.mark}`, 'use=1');
  return parts.join(' ');
}

export function renderConntrackList(entries: readonly ConntrackEntry[], nowMs: number): { stdout: string; stderr: string } {
  return {
    stdout: entries.map((e) => formatConntrackEntry(e, nowMs) + '\n').join(''),
    stderr: `conntrack ${CONNTRACK_TOOLS_VERSION} (conntrack-tools): ${entries.length} flow entries have been shown.\n`,
  };
}

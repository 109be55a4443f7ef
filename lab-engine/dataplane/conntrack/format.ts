// `conntrack -L` lines as conntrack-tools prints them (libnetfilter_conntrack's default output):
// protocol name padded to 8 and number, seconds left, the TCP state, the original tuple,
// [UNREPLIED] until a reply was seen, the reply tuple, [ASSURED], mark, use. The summary line
// ("N flow entries have been shown.") goes to stderr.

import type { ConntrackEntry, Tuple } from './conntrack';

export const CONNTRACK_TOOLS_VERSION = 'v1.4.7';

const PROTO_NUMBER = { tcp: 6, udp: 17 } as const;

function tuple(t: Tuple): string {
  return `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}`;
}

export function formatConntrackEntry(e: ConntrackEntry, nowMs: number): string {
  const left = Math.max(0, Math.ceil((e.expiresAtMs - nowMs) / 1000));
  const parts = [`${e.protocol.padEnd(8)} ${PROTO_NUMBER[e.protocol]}`, String(left)];
  if (e.tcpState) parts.push(e.tcpState);
  parts.push(tuple(e.orig));
  if (!e.seenReply) parts.push('[UNREPLIED]');
  parts.push(tuple(e.reply));
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

// The text kube-proxy feeds to `iptables-restore` for its chains — the form upstream's
// proxier_test.go asserts on. Comments are quoted only when they contain a space, as kube-proxy
// writes them; this is NOT what `iptables-save` prints (see shell/commands/iptables-save).

import type { Chain } from './netfilter/rule';
import type { KubeProxyTables } from './iptables-sync';

function quoteArg(arg: string): string {
  return /\s/.test(arg) ? `"${arg}"` : arg;
}

function renderTable(name: string, chains: readonly Chain[]): string[] {
  const lines = [`*${name}`];
  for (const c of chains) lines.push(`:${c.name} - [0:0]`);
  for (const c of chains) for (const r of c.rules) lines.push(['-A', c.name, ...r.args.map(quoteArg)].join(' '));
  lines.push('COMMIT');
  return lines;
}

export function renderRestorePayload(tables: KubeProxyTables): string {
  return [...renderTable('filter', tables.filter), ...renderTable('nat', tables.nat)].join('\n') + '\n';
}

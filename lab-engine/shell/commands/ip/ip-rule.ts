// `ip rule [show|list]`: the policy routing rules of a netns, the kernel's three defaults (local,
// main, default) around the ones a CNI added (Calico's WireGuard rule 99). iproute2 prints a tab
// after the priority's colon and `not` before the selector of an inverted rule.
// Source: iproute2 ip/iprule.c (print_rule: "%u:\t", "not ", "from all", "fwmark 0x%x/0x%x",
// "lookup"), the default rules 0/32766/32767 of a fresh netns.

import { ok, type CommandOutput } from '../../command-types';
import type { Netns, RoutingRule } from '../../../dataplane/netns/types';

export function ipRule(ns: Netns, family: 'inet' | 'inet6' | undefined): CommandOutput {
  const added = family === 'inet6' ? [] : [...(ns.rules ?? [])].sort((a, b) => a.priority - b.priority);
  const lines = ['0:\tfrom all lookup local', ...added.map(formatRule), '32766:\tfrom all lookup main', '32767:\tfrom all lookup default'];
  return ok(lines.map((l) => `${l}\n`).join(''));
}

function formatRule(r: RoutingRule): string {
  return `${r.priority}:\tnot from all fwmark 0x${r.notFwmark.value.toString(16)}/0x${r.notFwmark.mask.toString(16)} lookup ${r.table}`;
}

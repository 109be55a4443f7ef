// Every command the workstation's shell knows, in one table. A command not listed here answers
// `bash: NAME: command not found` (exit 127).

import type { ShellCommand } from './command-types';
import { cat } from './commands/cat/cat';
import { clear } from './commands/clear/clear';
import { echo } from './commands/echo/echo';
import { grep } from './commands/grep/grep';
import { head, tail } from './commands/head/head';
import { history } from './commands/history/history';
import { kubectl } from './commands/kubectl/kubectl';
import { sleep } from './commands/sleep/sleep';
import { falseCommand, trueCommand } from './commands/true/true';
import { wc } from './commands/wc/wc';
import { TEXT_TOOLS } from './commands/text-tools';
import { ssh } from './commands/ssh/ssh';
import { hostname } from './commands/hostname/hostname';
import { bridge } from './commands/bridge/bridge';
import { busyboxIp, ip } from './commands/ip/ip';
import { exit, logout } from './contexts/exit-command';
import { trace } from './commands/trace/trace';
import { curl } from './commands/curl/curl';
import { openssl } from './commands/openssl/openssl';
import { ping } from './commands/ping/ping';
import { wget } from './commands/wget/wget';
import { tcpdump } from './commands/tcpdump/tcpdump';
import { dig } from './commands/dns/dig';
import { host } from './commands/dns/host';
import { nslookup } from './commands/dns/nslookup';
import { createIptablesCommand, createIptablesSaveCommand, type NodeNetfilter } from './commands/iptables/command';
import { createIpvsadmCommand } from './commands/ipvsadm/command';
import { createIpsetCommand } from './commands/ipset/command';
import { createConntrackCommand } from './commands/conntrack/conntrack';
import { ss } from './commands/ss/ss';
import { traceroute } from './commands/traceroute/traceroute';
import { sudo } from './commands/sudo/sudo';
import { xargs } from './commands/xargs/xargs';
import { nginx } from './commands/nginx/nginx';
import { nginxIngressController } from './commands/nginx-ingress-controller/nginx-ingress-controller';
import { smallUtilities } from './commands/small-utilities';
import type { CommandContext } from './command-types';
import type { IpvsState } from '../dataplane/kube-proxy/ipvs';

export const WORKSTATION_COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(
  [cat, clear, echo, falseCommand, grep, head, history, kubectl, sleep, tail, trueCommand, wc, ...TEXT_TOOLS, ssh, hostname, trace, curl, openssl, ping, exit, logout, sudo, xargs, ...smallUtilities(() => WORKSTATION_COMMANDS.keys())].map((c) => [c.name, c]),
);

/** The node a shell's network tools look at: the node itself, or the node of a hostNetwork pod. */
function nodeOf(ctx: CommandContext): string | undefined {
  const loc = ctx.session?.location();
  if (loc?.kind === 'node') return loc.node;
  if (loc?.kind !== 'pod') return undefined;
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  return pod?.spec.hostNetwork ? pod.spec.nodeName : undefined;
}

/** The tables kube-proxy (and kubelet) programmed on that node, from the same model the packet engine walks. */
function nodeNetfilter(ctx: CommandContext): NodeNetfilter | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  return node && world ? { tables: world.nodes.node(node).tables, nowMs: ctx.cluster.now() } : undefined;
}

/** IPVS as the node's kernel holds it: kube-proxy's virtual servers in IPVS mode, an empty table otherwise. */
function nodeIpvs(ctx: CommandContext): IpvsState | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  if (!node || !world) return undefined;
  return world.nodes.node(node).ipvs ?? { virtualServers: [], dummyAddresses: [], index: new Map(), rrCursor: new Map() };
}

/** The node's ipsets: kube-proxy's in IPVS mode, none in iptables mode (Calico's own sets are not simulated). */
function nodeIpsets(ctx: CommandContext) {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  if (!node || !world) return undefined;
  const programmed = world.nodes.node(node);
  return { sets: programmed.ipsets?.sets ?? [], tables: programmed.tables, node };
}

/** The node's connection-tracking table, which the learner's own traffic fills. */
function nodeConntrack(ctx: CommandContext) {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  return node && world ? { table: world.nodes.conntrack(node), nowMs: ctx.cluster.now() } : undefined;
}

const NODE_NETWORK_TOOLS: readonly ShellCommand[] = [createIptablesCommand(nodeNetfilter), createIptablesSaveCommand(nodeNetfilter), createIpvsadmCommand(nodeIpvs), createIpsetCommand(nodeIpsets), createConntrackCommand(nodeConntrack)];

/** Every implemented command, which nodes and pods pick from by their toolsets (shell/contexts/toolsets.ts). */
export const IMPLEMENTED_COMMANDS: ReadonlyMap<string, ShellCommand> = new Map([...WORKSTATION_COMMANDS, ...[ip, bridge, wget, tcpdump, dig, host, nslookup, ss, traceroute, nginx, nginxIngressController, ...NODE_NETWORK_TOOLS].map((c) => [c.name, c] as const)]);

/** Commands that differ by place: iproute2's `ip` or BusyBox's, and leaving a nested shell. */
export const CONTEXT_VARIANTS = { ip, busyboxIp, contextCommands: [exit, logout] } as const;

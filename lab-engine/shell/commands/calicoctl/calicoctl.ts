// calicoctl (v3.30) on the nodes of a Calico cluster, as the Calico docs' install step leaves it in
// /usr/local/bin: a read-only view over the CNI's own settings and the BGP mesh the model runs.
// - `get ippool(s) [NAME] [-o wide|yaml]`: the pool calico-node created (dataplane/cni/calico/
//   ip-pool.ts), with the column sets of calicoctl/calicoctl/resourcemgr/ippool.go;
// - `node status`: BIRD's node-to-node mesh as calico-node reports it (dataplane/cni/calico/
//   bgp-mesh.ts): Established since the later of the two calico-node starts, or, with the peer's
//   calico-node down, `start` / `Active Socket: Connection refused`; BIRD's "iso short" times;
// - `ipam show`: the pool's usage by Calico IPAM, which with the default host-local IPAM is none.
// - `patch felixconfiguration NAME -p JSON` (patch.ts): how Calico's docs turn WireGuard on.
// Other subcommands (create/apply/delete, patch of other kinds, ipam check/release, node diags...) answer that they
// are not simulated. Off a Calico cluster there is no calicoctl on the node at all.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { defaultIpPool, type CalicoIpPool } from '../../../dataplane/cni/calico/ip-pool';
import { CALICO_VERSION } from '../../../dataplane/cni/calico/images';
import { asciiTable, tabwriterTable } from './go-tables';
import { cniClusterView } from '../../../dataplane/cni/cluster-view';
import { bgpSession, speakerUp } from '../../../dataplane/cni/calico/bgp-mesh';
import { patchCommand } from './patch';

const USAGE = `Usage:
  calicoctl [options] <command> [<args>...]

    create       Create a resource by file, directory or stdin.
    replace      Replace a resource by file, directory or stdin.
    apply        Apply a resource by file, directory or stdin.  This creates a resource
                 if it does not exist, and replaces a resource if it does exists.
    patch        Patch a pre-exisiting resource in place.
    delete       Delete a resource identified by file, directory, stdin or resource type and
                 name.
    get          Get a resource identified by file, directory, stdin or resource type and
                 name.
    label        Add or update labels of resources.
    convert      Convert config files between different API versions.
    ipam         IP address management.
    node         Calico node management.
    version      Display the version of this binary.
    datastore    Calico datastore management.

Options:
  -h --help                    Show this screen.
  -l --log-level=<level>       Set the log level (one of panic, fatal, error,
                               warn, info, debug) [default: panic]
     --context=<context>       The name of the kubeconfig context to use.
     --allow-version-mismatch  Allow client and cluster versions mismatch.

Description:
  The calico kubectl plugin is used to manage Calico network and security
  policy, to view and manage endpoint configuration, and to manage a Calico
  node instance.

  See 'calicoctl <command> --help' to read about a specific subcommand.
`;

const POOL_ALIASES = ['ippool', 'ippools', 'ipp', 'ipps', 'pool', 'pools'];

export const calicoctl: ShellCommand = {
  name: 'calicoctl',
  run(ctx): CommandOutput {
    const out = new OutputBuilder();
    const session = ctx.session;
    if (!session || session.topology.cni !== 'calico') return out.err('bash: calicoctl: command not found\n').done(127);
    const [command, ...rest] = ctx.args;
    const pool = defaultIpPool(session.topology.ipipMode);
    switch (command) {
      case 'get':
        return getCommand(out, rest, pool);
      case 'node':
        if (rest[0] === 'status') return nodeStatus(ctx, out);
        return out.err(`calicoctl node ${rest[0] ?? ''} is not simulated in this environment yet: try calicoctl node status\n`).done(1);
      case 'ipam':
        if (rest[0] === 'show' && !rest.slice(1).some((a) => a !== '--show-blocks')) return out.out(ipamShow(pool)).done(0);
        return out.err(`calicoctl ipam ${rest.join(' ')} is not simulated in this environment yet: try calicoctl ipam show\n`).done(1);
      case 'patch':
        return patchCommand(ctx, out, rest);
      case 'version':
        return out.out(`Client Version:    ${CALICO_VERSION}\nCluster Version:   ${CALICO_VERSION}\nCluster Type:      k8s,bgp,kubeadm,kdd\n`).done(0);
      case undefined:
      case '-h':
      case '--help':
        return out.out(USAGE).done(command === undefined ? 1 : 0);
      default:
        if (['create', 'replace', 'apply', 'delete', 'label', 'convert', 'datastore'].includes(command)) return out.err(`calicoctl ${command} is not simulated in this environment yet: the Calico objects are read-only here\n`).done(1);
        return out.err(`Invalid option: 'calicoctl ${ctx.args.join(' ')}'. Use flag '--help' to read about a specific subcommand.\n`).done(1);
    }
  },
};

function getCommand(out: OutputBuilder, args: readonly string[], pool: CalicoIpPool): CommandOutput {
  const operands = args.filter((a, i) => !a.startsWith('-') && !['-o', '--output'].includes(args[i - 1] ?? ''));
  const outputFlag = args.findIndex((a) => a === '-o' || a === '--output');
  const output = outputFlag >= 0 ? args[outputFlag + 1] : args.find((a) => a.startsWith('-o') && a.length > 2)?.replace(/^-o=?|^--output=/, '');
  const [kind, name] = operands;
  if (!kind) return out.err('Invalid option: the resource type is required, e.g. calicoctl get ippool\n').done(1);
  if (!POOL_ALIASES.includes(kind.toLowerCase())) return out.err(`calicoctl get ${kind} is not simulated in this environment yet: only ippool is\n`).done(1);
  if (name && name !== pool.name) return out.err(`Failed to get resources: resource does not exist: IPPool(${name}) with error: ippools.crd.projectcalico.org "${name}" not found\n`).done(1);
  switch (output ?? 'ps') {
    case 'ps':
      return out.out(tabwriterTable([['NAME', 'CIDR', 'SELECTOR'], [pool.name, pool.cidr, pool.nodeSelector]])).done(0);
    case 'wide':
      return out.out(tabwriterTable([
        ['NAME', 'CIDR', 'NAT', 'IPIPMODE', 'VXLANMODE', 'DISABLED', 'DISABLEBGPEXPORT', 'SELECTOR'],
        [pool.name, pool.cidr, String(pool.natOutgoing), pool.ipipMode, pool.vxlanMode, String(pool.disabled), String(pool.disableBGPExport), pool.nodeSelector],
      ])).done(0);
    case 'yaml':
      return out.out(poolYaml(pool, !name)).done(0);
    default:
      return out.err(`unrecognized output format '${output}'\n`).done(1);
  }
}

function poolYaml(pool: CalicoIpPool, list: boolean): string {
  const item = [
    'apiVersion: projectcalico.org/v3',
    'kind: IPPool',
    'metadata:',
    `  name: ${pool.name}`,
    'spec:',
    '  allowedUses:',
    ...pool.allowedUses.map((u) => `  - ${u}`),
    `  blockSize: ${pool.blockSize}`,
    `  cidr: ${pool.cidr}`,
    `  ipipMode: ${pool.ipipMode}`,
    `  natOutgoing: ${pool.natOutgoing}`,
    `  nodeSelector: ${pool.nodeSelector}`,
    `  vxlanMode: ${pool.vxlanMode}`,
  ];
  if (!list) return item.join('\n') + '\n';
  return ['apiVersion: projectcalico.org/v3', 'items:', ...item.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)), 'kind: IPPoolList', 'metadata: {}'].join('\n') + '\n';
}

function nodeStatus(ctx: CommandContext, out: OutputBuilder): CommandOutput {
  const loc = ctx.session?.location();
  if (loc?.kind !== 'node') return out.err('Calico process is not running.\n').done(1);
  const view = cniClusterView(ctx.cluster);
  const calicoNode = (node: string) => ctx.cluster.list('pods', 'kube-system').find((p) => p.spec.nodeName === node && p.metadata.name.startsWith('calico-node-') && p.status.phase === 'Running');
  const mine = calicoNode(loc.node);
  if (!mine || !speakerUp(view, loc.node)) return out.out('Calico process is not running.\n').done(1);
  const now = ctx.cluster.now();
  const rows = ctx.cluster.list('nodes')
    .filter((n) => n.metadata.name !== loc.node)
    .map((n) => {
      const ip = n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
      const session = bgpSession(view, loc.node, n.metadata.name);
      const peer = calicoNode(n.metadata.name);
      switch (session.kind) {
        case 'established': {
          const since = Math.max(Date.parse(mine.status.startTime ?? ''), Date.parse(peer?.status.startTime ?? '')) || now;
          return [ip, 'node-to-node mesh', 'up', birdTime(since, now), 'Established'];
        }
        // BIRD keeps dialling; the peer's kernel resets each attempt (nothing listens on TCP 179).
        case 'refused':
        case 'local-down':
          return [ip, 'node-to-node mesh', 'start', birdTime(Date.parse(mine.status.startTime ?? '') || now, now), 'Active Socket: Connection refused'];
        default: {
          const never: never = session;
          return never;
        }
      }
    });
  const table = asciiTable(['PEER ADDRESS', 'PEER TYPE', 'STATE', 'SINCE', 'INFO'], rows);
  return out.out(`Calico process is running.\n\nIPv4 BGP status\n${table}\nIPv6 BGP status\nNo IPv6 peers found.\n\n`).done(0);
}

/** BIRD's "iso short" protocol time: the time of day within 20 hours, else the date. */
function birdTime(at: number, now: number): string {
  const iso = new Date(at).toISOString();
  return now - at < 20 * 3600_000 ? iso.slice(11, 19) : iso.slice(0, 10);
}

function ipamShow(pool: CalicoIpPool): string {
  const total = 2 ** (32 - Number(pool.cidr.split('/')[1]));
  // Host-local IPAM (ip-pool.ts): Calico's own allocator has handed out nothing from the pool.
  return asciiTable(['GROUPING', 'CIDR', 'IPS TOTAL', 'IPS IN USE', 'IPS FREE'], [['IP Pool', pool.cidr, String(total), '0 (0%)', `${total} (100%)`]]);
}

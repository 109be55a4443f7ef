// Parses labsh's command line (DESIGN.md "Command-line contracts") into options, with the
// error texts a learner or an author sees for a bad flag.

import { parseArgs } from 'node:util';
import type { CniPlugin, FlannelBackend, IpipMode } from '../core/topology';
import { CNI_PLUGINS, FLANNEL_BACKENDS, IPIP_MODES } from '../core/topology-rules';

export interface LabshArgs {
  topology?: string;
  cni?: CniPlugin;
  proxyMode?: 'iptables' | 'ipvs';
  /** Calico's IPPool ipipMode. */
  ipipMode?: IpipMode;
  /** flannel's backend. */
  flannelBackend?: FlannelBackend;
  ingress?: ('nginx' | 'traefik')[];
  loadBalancerPool?: string[];
  lab?: string;
  seed: number;
  command?: string;
  script?: string;
  /** Internal: attached to the gateway's control channel (FLATNET_CONTROL_SOCKET). */
  gateway: boolean;
  help: boolean;
}

export const LABSH_USAGE = `Usage: labsh [options] [SCRIPT]

Start a fresh simulated Kubernetes cluster and run commands on it as a learner's terminal would.

Options:
  --lab ID               start from a lab's setup (content/labs/ID)
  --topology NAME|FILE   cluster topology (default: default)
  --cni calico|flannel|kubenet
                         CNI plugin (default: calico); kubenet: the cloud's VPC routes pod CIDRs
  --calico-ipip Always|Never
                         with calico: IP-in-IP between nodes (default: Always)
  --flannel-backend vxlan|host-gw
                         with flannel: VXLAN overlay or plain routes via node IPs (default: vxlan)
  --proxy-mode iptables|ipvs
                         kube-proxy mode (default: iptables)
  --ingress nginx|traefik|nginx,traefik
                         install ingress controllers (NodePort Services)
  --lb-pool RANGE[,RANGE] addresses for LoadBalancer Services, e.g. 172.18.255.200-172.18.255.210
  --seed N               seed for every random choice (default: 1)
  -c CMD                 run CMD and exit
  -h, --help             show this help

Without -c or SCRIPT, commands are read from stdin when it is not a terminal; on a terminal
labsh is interactive.
`;

export class LabshUsageError extends Error {}

export function parseLabshArgs(argv: string[]): LabshArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        topology: { type: 'string' },
        cni: { type: 'string' },
        'calico-ipip': { type: 'string' },
        'flannel-backend': { type: 'string' },
        'proxy-mode': { type: 'string' },
        ingress: { type: 'string' },
        'lb-pool': { type: 'string' },
        lab: { type: 'string' },
        seed: { type: 'string' },
        c: { type: 'string', short: 'c' },
        gateway: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new LabshUsageError(`labsh: ${(error as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new LabshUsageError(`labsh: expected at most one SCRIPT, got ${positionals.length}`);
  const cni = oneOf('CNI', values.cni, CNI_PLUGINS);
  const ipipMode = oneOf('IP-in-IP mode', values['calico-ipip'], IPIP_MODES);
  const flannelBackend = oneOf('flannel backend', values['flannel-backend'], FLANNEL_BACKENDS);
  // Without --cni the CNI is calico, or the lab's (checked once the lab is loaded).
  if (ipipMode !== undefined && cni !== undefined && cni !== 'calico') throw new LabshUsageError(`labsh: --calico-ipip only goes with --cni calico, not --cni ${cni}`);
  if (flannelBackend !== undefined && cni !== 'flannel' && (cni !== undefined || values.lab === undefined)) {
    throw new LabshUsageError(`labsh: --flannel-backend only goes with --cni flannel${cni ? `, not --cni ${cni}` : ''}`);
  }
  const proxyMode = values['proxy-mode'];
  if (proxyMode !== undefined && proxyMode !== 'iptables' && proxyMode !== 'ipvs') {
    throw new LabshUsageError(`labsh: unknown proxy mode "${proxyMode}" (expected iptables or ipvs)`);
  }
  const ingress = values.ingress?.split(',');
  for (const kind of ingress ?? []) if (kind !== 'nginx' && kind !== 'traefik') throw new LabshUsageError(`labsh: unknown ingress controller "${kind}" (expected nginx, traefik or nginx,traefik)`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new LabshUsageError(`labsh: --seed must be an integer between 0 and 4294967295, got "${values.seed}"`);
  }
  return {
    topology: values.topology,
    cni,
    proxyMode,
    ...(ipipMode ? { ipipMode } : {}),
    ...(flannelBackend ? { flannelBackend } : {}),
    ingress: ingress as LabshArgs['ingress'],
    ...(values['lb-pool'] ? { loadBalancerPool: values['lb-pool'].split(',') } : {}),
    lab: values.lab,
    seed,
    command: values.c,
    script: positionals[0],
    gateway: values.gateway ?? false,
    help: values.help ?? false,
  };
}

/** `value` when it is one of `allowed`, else the usage error naming what was expected. */
function oneOf<T extends string>(what: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.length > 2 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed.join(' or ');
  throw new LabshUsageError(`labsh: unknown ${what} "${value}" (expected ${list})`);
}

// Parses labsh's command line (DESIGN.md "Command-line contracts") into options, with the
// error texts a learner or an author sees for a bad flag. The pod network's flags come from the
// CNI plugin table: `--cni` names a plugin, and each plugin's settings bring their own flag
// (dataplane/cni/<plugin>/settings.ts), documented in --help and checked the same way.

import { parseArgs } from 'node:util';
import type { CniName, CniSettings } from '../core/topology';
import { CNI_NAMES, CNI_PLUGINS, DEFAULT_CNI, isCniName } from '../dataplane/cni';
import { CNI_SETTINGS, cniSettingsOf, listOfValues } from '../dataplane/cni/topology-settings';

export type LabshArgs = CniSettings & {
  topology?: string;
  cni?: CniName;
  proxyMode?: 'iptables' | 'ipvs' | 'nftables';
  ingress?: ('nginx' | 'traefik')[];
  loadBalancerPool?: string[];
  lab?: string;
  seed: number;
  command?: string;
  script?: string;
  /** Internal: attached to the gateway's control channel (FLATNET_CONTROL_SOCKET). */
  gateway: boolean;
  /** Internal: a session host, running the gateway's sessions on worker threads over its IPC channel. */
  host: boolean;
  help: boolean;
};

/** Option names start in column 2; help text that does not fit beside them goes below, in column 25. */
const HELP_COLUMN = ' '.repeat(25);

function cniUsage(): string {
  const notes = Object.values(CNI_PLUGINS).flatMap((p) => (p.summary ? [`; ${p.name}: ${p.summary}`] : []));
  const cni = `  --cni ${CNI_NAMES.join('|')}\n${HELP_COLUMN}CNI plugin (default: ${DEFAULT_CNI})${notes.join('')}\n`;
  return cni + CNI_SETTINGS.map((s) => `  --${s.flag.name} ${s.values.join('|')}\n${HELP_COLUMN}with ${s.cni}: ${s.flag.help} (default: ${s.default})\n`).join('');
}

export const LABSH_USAGE = `Usage: labsh [options] [SCRIPT]

Start a fresh simulated Kubernetes cluster and run commands on it as a learner's terminal would.

Options:
  --lab ID               start from a lab's setup (content/labs/ID)
  --topology NAME|FILE   cluster topology (default: default)
${cniUsage()}  --proxy-mode iptables|ipvs|nftables
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

const CNI_FLAGS = Object.fromEntries(CNI_SETTINGS.map((s) => [s.flag.name, { type: 'string' as const }]));

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
        ...CNI_FLAGS,
        'proxy-mode': { type: 'string' },
        ingress: { type: 'string' },
        'lb-pool': { type: 'string' },
        lab: { type: 'string' },
        seed: { type: 'string' },
        c: { type: 'string', short: 'c' },
        gateway: { type: 'boolean' },
        host: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new LabshUsageError(`labsh: ${(error as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const { values, positionals } = parsed;
  // The CNI flags are known only at run time, so every flag is read by name.
  const flags: Readonly<Record<string, unknown>> = values;
  const text = (name: string): string | undefined => {
    const value = flags[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (positionals.length > 1) throw new LabshUsageError(`labsh: expected at most one SCRIPT, got ${positionals.length}`);
  const cniValue = oneOf('CNI', text('cni'), CNI_NAMES);
  const cni = cniValue !== undefined && isCniName(cniValue) ? cniValue : undefined;
  const given: Record<string, string> = {};
  for (const s of CNI_SETTINGS) {
    const value = oneOf(s.flag.noun, text(s.flag.name), s.values);
    if (value !== undefined) given[s.field] = value;
  }
  // Without --cni the CNI is the default one, or the lab's (checked once the lab is loaded).
  for (const s of CNI_SETTINGS) {
    if (given[s.field] === undefined || cni === s.cni) continue;
    if (cni !== undefined) throw new LabshUsageError(`labsh: --${s.flag.name} only goes with --cni ${s.cni}, not --cni ${cni}`);
    if (text('lab') === undefined && DEFAULT_CNI !== s.cni) throw new LabshUsageError(`labsh: --${s.flag.name} only goes with --cni ${s.cni}`);
  }
  const proxyMode = text('proxy-mode');
  if (proxyMode !== undefined && proxyMode !== 'iptables' && proxyMode !== 'ipvs' && proxyMode !== 'nftables') {
    throw new LabshUsageError(`labsh: unknown proxy mode "${proxyMode}" (expected iptables, ipvs or nftables)`);
  }
  const ingress = text('ingress')?.split(',');
  for (const kind of ingress ?? []) if (kind !== 'nginx' && kind !== 'traefik') throw new LabshUsageError(`labsh: unknown ingress controller "${kind}" (expected nginx, traefik or nginx,traefik)`);
  const seedText = text('seed');
  const seed = seedText === undefined ? 1 : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new LabshUsageError(`labsh: --seed must be an integer between 0 and 4294967295, got "${seedText}"`);
  }
  const lbPool = text('lb-pool');
  return {
    topology: text('topology'),
    cni,
    proxyMode,
    ...cniSettingsOf(given),
    ingress: ingress as LabshArgs['ingress'],
    ...(lbPool ? { loadBalancerPool: lbPool.split(',') } : {}),
    lab: text('lab'),
    seed,
    command: text('c'),
    script: positionals[0],
    gateway: flags.gateway === true,
    host: flags.host === true,
    help: flags.help === true,
  };
}

/** `value` when it is one of `allowed`, else the usage error naming what was expected. */
function oneOf<T extends string>(what: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new LabshUsageError(`labsh: unknown ${what} "${value}" (expected ${listOfValues(allowed)})`);
}

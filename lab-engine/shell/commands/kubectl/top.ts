// kubectl top pod|node (kubernetes/kubectl pkg/cmd/top/top_pod.go, top_node.go,
// pkg/metricsutil/metrics_printer.go and metrics_sorter.go): tables of CPU (millicores, `12m`)
// and memory (`34Mi`, whole MiB) from cluster/metrics-model.ts, nodes with their share of
// allocatable; kubectl's errors when the Metrics API is missing (kubeadm installs no
// metrics-server) or has nothing for the pods yet.

import { metricsApi, nodeUsage, podUsage, type PodUsage } from '../../../cluster/metrics-model';
import { matchesSelector, parseSelector } from '../../../kube/label-selector';
import type { Deployment, Pod } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { usageErrorText } from './kubectl-errors';
import { formatTable } from './printers/table-writer';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const TOP_HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
${OPTIONS_TRAILER}`;

const TOP_POD_HELP = `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.

Examples:
  # Show metrics for all pods in the default namespace
  kubectl top pod

  # Show metrics for all pods in the given namespace
  kubectl top pod --namespace=NAMESPACE

  # Show metrics for a given pod and its containers
  kubectl top pod POD_NAME --containers

  # Show metrics for the pods defined by label name=myLabel
  kubectl top pod -l name=myLabel

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --containers=false:
\tIf present, print usage of containers within a pod.

    --no-headers=false:
\tIf present, print output without headers.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --sort-by='':
\tIf non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.

    --sum=false:
\tPrint the sum of the resource usage

Usage:
  kubectl top pod [NAME | -l label] [options]

${OPTIONS_TRAILER}`;

const TOP_NODE_HELP = `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.

Examples:
  # Show metrics for all nodes
  kubectl top node

  # Show metrics for a given node
  kubectl top node NODE_NAME

Options:
    --no-headers=false:
\tIf present, print output without headers

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-capacity=false:
\tPrint node resources based on Capacity instead of Allocatable(default) of the nodes.

    --sort-by='':
\tIf non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.

Usage:
  kubectl top node [NAME | -l label] [options]

${OPTIONS_TRAILER}`;

/** metricsCreationDelay in top_pod.go: younger pods without metrics are "not available yet". */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;
const Mi = 1024 * 1024;

export const top: KubectlVerb = {
  name: 'top',
  flags: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'containers', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'sort-by', kind: 'string' },
    { name: 'sum', kind: 'bool' },
    { name: 'show-capacity', kind: 'bool' },
    { name: 'use-protocol-buffers', kind: 'bool' },
    { name: 'field-selector', kind: 'string', unsupported: true },
    { name: 'show-swap', kind: 'bool', unsupported: true },
  ],
  help: TOP_HELP,
  subcommandHelp: (p) => (['pod', 'pods', 'po'].includes(p[0]) ? TOP_POD_HELP : ['node', 'nodes', 'no'].includes(p[0]) ? TOP_NODE_HELP : undefined),
  run: runTop,
};

function runTop(inv: VerbInvocation): CommandOutput {
  const out = new OutputBuilder();
  const [sub, ...rest] = inv.args.positionals;
  if (!sub) return out.out(TOP_HELP).done(0);
  const isPod = ['pod', 'pods', 'po'].includes(sub);
  const isNode = ['node', 'nodes', 'no'].includes(sub);
  if (!isPod && !isNode) return out.out(TOP_HELP).done(0);
  const use = isPod ? 'pod [NAME | -l label]' : 'node [NAME | -l label]';
  if (rest.length > 1) return out.err(usageErrorText(use, `kubectl top ${isPod ? 'pod' : 'node'}`)).done(1);
  const sortBy = str(inv.args, 'sort-by') ?? '';
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') return out.err('error: --sort-by accepts only cpu or memory\n').done(1);
  const selectorText = str(inv.args, 'selector');
  if (rest.length === 1 && selectorText) return out.err(`error: only one of NAME or ${isPod ? 'selector' : '--selector'} can be provided\n`).done(1);
  const selector = selectorText ? parseSelector(selectorText) : undefined;
  if (selector && !selector.ok) return out.err(`error: ${selector.error}\n`).done(1);
  const { cluster } = inv.ctx;
  const api = metricsApi(cluster.get('deployments', 'kube-system', 'metrics-server') as Deployment | undefined);
  if (api.kind !== 'serving') return out.err('error: Metrics API not available\n').done(1);
  const keep = (labels: Record<string, string> | undefined) => !selector?.ok || matchesSelector(labels, selector.requirements);
  return isPod ? topPods(inv, out, rest[0], keep, sortBy) : topNodes(inv, out, rest[0], keep, sortBy);
}

const cpu = (m: number) => `${m}m`;
const memory = (b: number) => `${Math.floor(b / Mi)}Mi`;

/** printValue writes `%v\t` for every cell, the last too, so the tabwriter pads the last column as well. */
function table(rows: string[][]): string {
  return formatTable(rows.map((r) => [...r, '']));
}

function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function topPods(inv: VerbInvocation, out: OutputBuilder, name: string | undefined, keep: (l: Record<string, string> | undefined) => boolean, sortBy: string): CommandOutput {
  const { cluster } = inv.ctx;
  const now = cluster.now();
  const all = bool(inv.args, 'all-namespaces');
  let pods = (cluster.list('pods', all ? undefined : inv.namespace) as Pod[]).filter((p) => keep(p.metadata.labels));
  if (name !== undefined) pods = pods.filter((p) => p.metadata.name === name);
  const metrics = pods.map((p) => podUsage(p, now)).filter((m): m is PodUsage => m !== undefined);
  if (name !== undefined && metrics.length === 0) {
    return out.err(`Error from server (NotFound): podmetrics.metrics.k8s.io "${inv.namespace}/${name}" not found\n`).done(1);
  }
  if (metrics.length === 0) {
    const old = pods.find((p) => now - Date.parse(p.metadata.creationTimestamp) > METRICS_CREATION_DELAY_MS);
    if (old) return out.err(`error: Metrics not available for pod ${old.metadata.namespace}/${old.metadata.name}, age: ${goDuration(now - Date.parse(old.metadata.creationTimestamp))}\n`).done(1);
    if (pods.length) return out.err('error: metrics not available yet\n').done(1);
    return out.err(all ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`).done(0);
  }
  const sum = (m: PodUsage, f: 'cpuMilli' | 'memoryBytes') => m.containers.reduce((n, c) => n + c[f], 0);
  metrics.sort((a, b) => {
    if (sortBy === 'cpu') return sum(b, 'cpuMilli') - sum(a, 'cpuMilli');
    if (sortBy === 'memory') return sum(b, 'memoryBytes') - sum(a, 'memoryBytes');
    if (all && a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  const containers = bool(inv.args, 'containers');
  const header = [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  const rows: string[][] = [];
  for (const m of metrics) {
    if (containers) {
      for (const c of [...m.containers].sort((a, b) => (sortBy === 'cpu' ? b.cpuMilli - a.cpuMilli : sortBy === 'memory' ? b.memoryBytes - a.memoryBytes : a.name < b.name ? -1 : 1))) {
        rows.push([...(all ? [m.namespace] : []), m.name, c.name, cpu(c.cpuMilli), memory(c.memoryBytes)]);
      }
    } else rows.push([...(all ? [m.namespace] : []), m.name, cpu(sum(m, 'cpuMilli')), memory(sum(m, 'memoryBytes'))]);
  }
  if (bool(inv.args, 'sum')) {
    const lead = header.length - 2;
    rows.push([...Array(lead).fill(''), '________', '________']);
    rows.push([...Array(lead).fill(''), cpu(metrics.reduce((n, m) => n + sum(m, 'cpuMilli'), 0)), memory(metrics.reduce((n, m) => n + sum(m, 'memoryBytes'), 0))]);
  }
  return out.out(table(bool(inv.args, 'no-headers') ? rows : [header, ...rows])).done(0);
}

function topNodes(inv: VerbInvocation, out: OutputBuilder, name: string | undefined, keep: (l: Record<string, string> | undefined) => boolean, sortBy: string): CommandOutput {
  const { cluster } = inv.ctx;
  const now = cluster.now();
  let nodes = cluster.list('nodes').filter((n) => keep(n.metadata.labels));
  if (name !== undefined) {
    nodes = nodes.filter((n) => n.metadata.name === name);
    if (nodes.length === 0) return out.err(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found\n`).done(1);
  }
  if (nodes.length === 0) return out.err('error: metrics not available yet\n').done(1);
  const pods = cluster.list('pods') as Pod[];
  const capacity = bool(inv.args, 'show-capacity');
  const usage = nodes.map((n) => {
    const u = nodeUsage(n, pods, now);
    if (!capacity) return u;
    return { ...u, allocatableCpuMilli: nodeUsage({ ...n, status: { ...n.status, allocatable: n.status.capacity } }, [], now).allocatableCpuMilli, allocatableMemoryBytes: nodeUsage({ ...n, status: { ...n.status, allocatable: n.status.capacity } }, [], now).allocatableMemoryBytes };
  });
  usage.sort((a, b) => (sortBy === 'cpu' ? b.cpuMilli - a.cpuMilli : sortBy === 'memory' ? b.memoryBytes - a.memoryBytes : a.name < b.name ? -1 : 1));
  const rows = usage.map((u) => [u.name, cpu(u.cpuMilli), `${Math.trunc((u.cpuMilli / u.allocatableCpuMilli) * 100)}%`, memory(u.memoryBytes), `${Math.trunc((u.memoryBytes / u.allocatableMemoryBytes) * 100)}%`]);
  const header = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
  return out.out(table(bool(inv.args, 'no-headers') ? rows : [header, ...rows])).done(0);
}

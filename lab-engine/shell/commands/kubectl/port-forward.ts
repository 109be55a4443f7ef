// kubectl port-forward (pkg/cmd/portforward): TYPE/NAME (a pod, a Service, a Deployment or
// ReplicaSet) and [LOCAL:]REMOTE ports. A Service's port is translated to its pod's target port,
// as kubectl does before it asks the kubelet; the forward then listens on the workstation's
// loopback until Ctrl-C (or, with `&`, until the job is killed), and curl on 127.0.0.1:LOCAL
// reaches the pod's own port through the API server: no kube-proxy, no NetworkPolicy on the way.

import type { Pod, Service } from '../../../kube/types';
import { mapSelectorMatches } from '../../../kube/label-selector';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { findPod } from './exec';
import { str } from './flags';
import { usageErrorText } from './kubectl-errors';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const HELP = `Forward one or more local ports to a pod.

 Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

 If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.

Examples:
  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
  kubectl port-forward pod/mypod 5000 6000

  # Listen on port 8888 locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod 8888:5000

  # Listen on a random port locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod :5000

  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
  kubectl port-forward service/myservice 8443:https

Options:
    --address=[localhost]:
\tAddresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.

    --pod-running-timeout=1m0s:
\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

Usage:
  kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]

${OPTIONS_TRAILER}`;

/** The first local port kubectl would be handed for `:REMOTE` (the kernel's ephemeral range). */
const EPHEMERAL_START = 38_451;

export const portForward: KubectlVerb = {
  name: 'port-forward',
  flags: [
    { name: 'address', kind: 'string' },
    { name: 'pod-running-timeout', kind: 'string' },
  ],
  help: HELP,
  run: runPortForward,
};

interface Mapping {
  local: number;
  remote: string;
}

async function runPortForward(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { ctx, args } = inv;
  const [ref, ...specs] = args.positionals;
  if (!ref || specs.length === 0) return out.err(usageErrorText('TYPE/NAME and list of ports are required for port-forward', 'kubectl port-forward')).done(1);
  const session = ctx.session;
  if (!session || session.location().kind !== 'workstation') return out.err('error: kubectl port-forward runs on the workstation in this lab\n').done(1);
  const mappings: Mapping[] = [];
  let ephemeral = EPHEMERAL_START;
  for (const spec of specs) {
    const parts = spec.split(':');
    if (parts.length > 2 || parts[parts.length - 1] === '') return out.err(`error: Error parsing port mapping ${spec}\n`).done(1);
    const [localText, remote] = parts.length === 2 ? parts : [parts[0], parts[0]];
    let local: number;
    if (localText === '') {
      while (session.portForwards.has(ephemeral)) ephemeral++;
      local = ephemeral++;
    } else {
      local = Number(localText);
      if (!/^\d+$/.test(localText) || local < 1 || local > 65535) return out.err(`error: Error parsing local port '${localText}': strconv.ParseUint: parsing "${localText}": invalid syntax\n`).done(1);
    }
    mappings.push({ local, remote });
  }

  const target = resolveTarget(inv, ref, mappings);
  if ('error' in target) return out.err(target.error).done(1);
  const { pod, ports } = target;
  if (pod.status.phase !== 'Running') return out.err(`error: unable to forward port because pod is not running. Current status=${pod.status.phase}\n`).done(1);

  const address = str(args, 'address') ?? 'localhost';
  if (address !== 'localhost' && address !== '127.0.0.1' && address !== '0.0.0.0') return out.err(`error: ${address} is not an address Flatnet's workstation has; use localhost, 127.0.0.1 or 0.0.0.0\n`).done(1);
  const busy = ports.filter((p) => session.portForwards.has(p.local));
  if (busy.length) {
    const errors = busy.flatMap((p) => [`unable to create listener: Error listen tcp4 127.0.0.1:${p.local}: bind: address already in use`, `unable to create listener: Error listen tcp6 [::1]:${p.local}: bind: address already in use`]);
    return out.out(`Unable to listen on port ${busy[0].local}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`).err(`error: unable to listen on any of the requested ports: [${busy.map((p) => `{${p.local} ${p.podPort}}`).join(' ')}]\n`).done(1);
  }
  const lines = ports.flatMap((p) => (address === 'localhost' ? [`Forwarding from 127.0.0.1:${p.local} -> ${p.podPort}`, `Forwarding from [::1]:${p.local} -> ${p.podPort}`] : [`Forwarding from ${address}:${p.local} -> ${p.podPort}`]));
  const terminal = ctx.terminal;
  if (!terminal) {
    // A script cannot leave a foreground command running; the forward is only useful in the background.
    return out.out(`${lines.join('\n')}\n`).err('kubectl port-forward keeps running until Ctrl-C; in a script, end the line with & to keep it while the next commands run\n').done(0);
  }
  terminal.write(`${lines.join('\r\n')}\r\n`);
  for (const p of ports) {
    session.portForwards.set(p.local, { namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name, podPort: p.podPort, onConnection: () => terminal.write(`Handling connection for ${p.local}\r\n`) });
  }
  try {
    await new Promise<void>((resolve) => {
      if (!ctx.signal || ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    for (const p of ports) session.portForwards.delete(p.local);
  }
  return out.done(ctx.signal?.aborted ? 130 : 0);
}

type Target = { pod: Pod; ports: { local: number; podPort: number }[] } | { error: string };

/** The pod behind TYPE/NAME and each mapping's port in that pod (a Service port becomes its targetPort). */
function resolveTarget(inv: VerbInvocation, ref: string, mappings: Mapping[]): Target {
  const slash = ref.indexOf('/');
  const kind = slash < 0 ? 'pod' : ref.slice(0, slash).toLowerCase();
  const name = slash < 0 ? ref : ref.slice(slash + 1);
  if (['service', 'services', 'svc'].includes(kind)) {
    const svc = inv.ctx.cluster.get('services', inv.namespace, name);
    if (!svc) return { error: `Error from server (NotFound): services "${name}" not found\n` };
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return { error: `error: cannot attach to *v1.Service: invalid service '${name}': Service is defined without a selector\n` };
    const pod = firstPod(inv, svc);
    if (!pod) return { error: `error: timed out waiting for the condition\n` };
    const ports: { local: number; podPort: number }[] = [];
    for (const m of mappings) {
      const sp = (svc.spec.ports ?? []).find((p) => (/^\d+$/.test(m.remote) ? p.port === Number(m.remote) : p.name === m.remote));
      if (!sp) return { error: `error: Service ${name} does not have a service port ${m.remote}\n` };
      const podPort = typeof sp.targetPort === 'number' ? sp.targetPort : pod.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === sp.targetPort)?.containerPort;
      if (podPort === undefined) return { error: `error: Pod '${pod.metadata.name}' does not have a named port '${sp.targetPort}'\n` };
      ports.push({ local: m.local, podPort });
    }
    return { pod, ports };
  }
  const found = findPod(inv, ref, { anyPhase: true });
  if (typeof found === 'string') return { error: found.replace('cannot exec into', 'cannot port-forward to') };
  const ports: { local: number; podPort: number }[] = [];
  for (const m of mappings) {
    if (/^\d+$/.test(m.remote)) ports.push({ local: m.local, podPort: Number(m.remote) });
    else {
      const named = found.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === m.remote);
      if (!named) return { error: `error: Pod '${found.metadata.name}' does not have a named port '${m.remote}'\n` };
      ports.push({ local: m.local, podPort: named.containerPort });
    }
  }
  return { pod: found, ports };
}

/** kubectl's choice among a Service's pods: running ones first, then ready, then the oldest name. */
function firstPod(inv: VerbInvocation, svc: Service): Pod | undefined {
  const selector = svc.spec.selector ?? {};
  const pods = inv.ctx.cluster.list('pods', inv.namespace).filter((p) => mapSelectorMatches(selector, p.metadata.labels) && !p.metadata.deletionTimestamp);
  const rank = (p: Pod) => (p.status.phase === 'Running' ? 0 : 1) + (p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1);
  return [...pods].sort((a, b) => rank(a) - rank(b) || a.metadata.name.localeCompare(b.metadata.name))[0];
}

// kubectl debug (kubernetes/kubectl pkg/cmd/debug/debug.go as of v1.34, profile "legacy", whose
// deprecation it warns about): `debug pod/x --image=IMG [--target=c] [-it]` adds an ephemeral
// container (spec.ephemeralContainers, status.ephemeralContainerStatuses) named
// `debugger-xxxxx` unless -c names it, and with -it opens its shell in the pod's network
// namespace, as `kubectl exec -it` does; `debug node/N --image=IMG -it` creates
// `node-debugger-N-xxxxx`, a hostNetwork/hostPID pod on that node with the node's root at /host,
// and attaches to it. --copy-to and custom profiles are not modelled yet.

import { isApiError } from '../../../kube/api-errors';
import { KUBE_SUFFIX_ALPHABET } from '../../../core/random';
import { parseImageRef } from '../../../cluster/images';
import { isoString } from '../../../core/utc-text';
import type { ContainerStatus, EphemeralContainer, Pod } from '../../../kube/types';
import { fnvHex } from '../../../dataplane/cni/names';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { toolsetForImage } from '../../contexts/toolsets';
import { podLocation } from './exec';
import { bool, str } from './flags';
import { apiErrorText, notModelledText } from './kubectl-errors';
import { waitForPods } from './pod-wait';
import { PROMPT_HINT } from './run-attached';
import { DEBUG_HELP } from './debug-help';
import type { KubectlVerb, VerbInvocation } from './verb';

const LEGACY_WARNING = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'];

export const debug: KubectlVerb = {
  name: 'debug',
  flags: [
    { name: 'image', kind: 'string' },
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'target', kind: 'string' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'attach', kind: 'bool' },
    { name: 'profile', kind: 'string' },
    { name: 'image-pull-policy', kind: 'string' },
    { name: 'copy-to', kind: 'string', unsupported: true },
    { name: 'set-image', kind: 'strings', unsupported: true },
    { name: 'replace', kind: 'bool', unsupported: true },
    { name: 'same-node', kind: 'bool', unsupported: true },
    { name: 'share-processes', kind: 'bool', unsupported: true },
    { name: 'custom', kind: 'string', unsupported: true },
    { name: 'env', kind: 'strings', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
  ],
  help: DEBUG_HELP,
  run: runDebug,
};

/** utilrand.String(5), from a hash so that the same seed and clock give the same name. */
function suffix(seed: string): string {
  const hex = fnvHex(seed, 0) + fnvHex(seed, 1);
  let out = '';
  for (let i = 0; i < 5; i++) out += KUBE_SUFFIX_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % KUBE_SUFFIX_ALPHABET.length];
  return out;
}

async function runDebug(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { args } = inv;
  const image = str(args, 'image') ?? '';
  const interactive = bool(args, 'stdin');
  const tty = bool(args, 'tty');
  const attach = args.flags.has('attach') ? bool(args, 'attach') : interactive;
  const quiet = bool(args, 'quiet');
  // Validate(), in its order.
  if (args.flags.has('attach') && attach && !image && !str(args, 'container')) return out.err('error: you must specify --container or create a new container using --image in order to attach.\n').done(1);
  if (!image) return out.err('error: you must specify --image when not using --copy-to.\n').done(1);
  if (!parseImageRef(image)) return out.err(`error: invalid image name "${image}": invalid reference format\n`).done(1);
  if (args.positionals.length === 0) return out.err('error: NAME or filename is required for debug\n').done(1);
  const pullPolicy = str(args, 'image-pull-policy') ?? '';
  if (!['', 'Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) return out.err(`error: invalid image pull policy: ${pullPolicy}\n`).done(1);
  const target = str(args, 'target');
  if (target && !quiet) out.out(`Targeting container "${target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  if (tty && !interactive) return out.err('error: -i/--stdin is required for containers with -t/--tty=true\n').done(1);
  const profile = str(args, 'profile') ?? 'legacy';
  if (!PROFILES.includes(profile)) return out.err(`error: unknown profile: ${profile}\n`).done(1);
  if (profile === 'legacy') out.err(LEGACY_WARNING);
  const command = args.afterDash ?? [];
  if (command.length && !(command.length === 1 && /^(sh|bash|ash)$/.test(command[0].replace(/^.*\//, '')))) return out.err(notModelledText('kubectl debug with a command other than a shell')).done(1);

  for (const ref of args.positionals) {
    const slash = ref.indexOf('/');
    const kind = slash < 0 ? 'pods' : ref.slice(0, slash).toLowerCase();
    const name = slash < 0 ? ref : ref.slice(slash + 1);
    const o = { image, interactive, tty, attach, quiet, target, pullPolicy, container: str(args, 'container') };
    if (['node', 'nodes', 'no'].includes(kind)) {
      const r = await debugNode(inv, out, name, o);
      if (r !== 0) return out.done(r);
    } else if (['pod', 'pods', 'po'].includes(kind)) {
      const r = await debugPod(inv, out, name, o);
      if (r !== 0) return out.done(r);
    } else {
      return out.err(`error: the server doesn't have a resource type "${kind}"\n`).done(1);
    }
  }
  return out.done(0);
}

interface DebugOptions {
  image: string;
  interactive: boolean;
  tty: boolean;
  attach: boolean;
  quiet: boolean;
  target: string | undefined;
  pullPolicy: string;
  container: string | undefined;
}

/** What containerd would report for a container that just started (the kubelet's status). */
function runningStatus(name: string, image: string, seed: string, now: number): ContainerStatus {
  const ref = parseImageRef(image)!;
  const hex = (lane: number) => [0, 1, 2, 3, 4, 5, 6, 7].map((l) => fnvHex(`${seed}/${lane}`, l)).join('');
  return {
    containerID: `containerd://${hex(1)}`,
    image: ref.full,
    imageID: `${ref.repository}@sha256:${hex(2)}`,
    lastState: {},
    name,
    ready: false,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: isoString(Math.floor(now / 1000) * 1000).replace('.000Z', 'Z') } },
  };
}

async function debugPod(inv: VerbInvocation, out: OutputBuilder, name: string, o: DebugOptions): Promise<number> {
  const { cluster } = inv.ctx;
  const pod = cluster.get('pods', inv.namespace, name) as Pod | undefined;
  if (!pod) {
    out.err(`Error from server (NotFound): pods "${name}" not found\n`);
    return 1;
  }
  const taken = new Set([...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].map((c) => c.name));
  let container = o.container;
  if (!container) {
    for (let i = 0; !container || taken.has(container); i++) container = `debugger-${suffix(`${pod.metadata.uid}/${cluster.now()}/${i}`)}`;
    if (!o.quiet) out.out(`Defaulting debug container name to ${container}.\n`);
  }
  if (o.target && !pod.spec.containers.some((c) => c.name === o.target)) {
    // The API server validates targetContainerName against the pod's containers.
    out.err(`The Pod "${name}" is invalid: spec.ephemeralContainers[${pod.spec.ephemeralContainers?.length ?? 0}].targetContainerName: Not found: "${o.target}"\n`);
    return 1;
  }
  if (taken.has(container)) {
    out.err(`The Pod "${name}" is invalid: spec.ephemeralContainers[${pod.spec.ephemeralContainers?.length ?? 0}].name: Duplicate value: "${container}"\n`);
    return 1;
  }
  const ec: EphemeralContainer = {
    image: o.image,
    imagePullPolicy: (o.pullPolicy || (parseImageRef(o.image)!.tag === 'latest' ? 'Always' : 'IfNotPresent')) as EphemeralContainer['imagePullPolicy'],
    name: container,
    resources: {},
    ...(o.interactive ? { stdin: true } : {}),
    ...(o.target ? { targetContainerName: o.target } : {}),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...(o.tty ? { tty: true } : {}),
  };
  const seed = `${pod.metadata.uid}/${container}`;
  try {
    cluster.api.patch('pods', inv.namespace, name, (p) => {
      p.spec.ephemeralContainers = [...(p.spec.ephemeralContainers ?? []), ec];
      // A running pod's kubelet starts it at once; the image pull is not modelled for ephemeral containers.
      if (p.status.phase === 'Running') p.status.ephemeralContainerStatuses = [...(p.status.ephemeralContainerStatuses ?? []), runningStatus(container!, o.image, seed, cluster.now())];
    });
  } catch (error) {
    if (!isApiError(error)) throw error;
    out.err(apiErrorText(error));
    return 1;
  }
  if (!o.attach) return 0;
  if (pod.status.phase !== 'Running') {
    out.err(`error: unable to upgrade connection: container not found ("${container}")\n`);
    return 1;
  }
  return openShell(inv, out, cluster.get('pods', inv.namespace, name)!, container, o);
}

/** Attaches as `kubectl attach -it` does; a node debugger's shell is its container's own process (leaving ends it). */
function openShell(inv: VerbInvocation, out: OutputBuilder, pod: Pod, container: string, o: DebugOptions, ownProcess = false): number {
  const shell = toolsetForImage(o.image).shells[0] === 'bash' ? 'bash' : 'sh';
  if (!o.quiet) out.err(PROMPT_HINT);
  if (o.interactive) inv.ctx.session?.enter(podLocation(pod, container, shell, ownProcess ? { rm: false } : undefined));
  return 0;
}

async function debugNode(inv: VerbInvocation, out: OutputBuilder, nodeName: string, o: DebugOptions): Promise<number> {
  const { cluster } = inv.ctx;
  const node = cluster.get('nodes', undefined, nodeName);
  if (!node) {
    out.err(`Error from server (NotFound): nodes "${nodeName}" not found\n`);
    return 1;
  }
  const container = o.container || 'debugger';
  const podName = `node-debugger-${nodeName}-${suffix(`${node.metadata.uid}/${cluster.now()}`)}`;
  if (!o.quiet) out.out(`Creating debugging pod ${podName} with container ${container} on node ${nodeName}.\n`);
  try {
    cluster.api.create('pods', {
      name: podName,
      namespace: inv.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' },
      containers: [{ name: container, image: o.image, ...(o.pullPolicy ? { imagePullPolicy: o.pullPolicy as EphemeralContainer['imagePullPolicy'] } : {}), ...(o.interactive ? { stdin: true } : {}), ...(o.tty ? { tty: true } : {}) }],
      nodeName,
      hostNetwork: true,
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
    });
    // The legacy profile's node settings: host PID and IPC namespaces, the node's root at /host
    // (first: kubectl sent it, the ServiceAccount admission appended its token volume after it).
    cluster.api.patch('pods', inv.namespace, podName, (p) => {
      Object.assign(p.spec, { hostIPC: true, hostPID: true });
      p.spec.volumes = [{ hostPath: { path: '/', type: '' }, name: 'host-root' }, ...(p.spec.volumes ?? [])];
      p.spec.containers[0].volumeMounts = [{ mountPath: '/host', name: 'host-root' }, ...(p.spec.containers[0].volumeMounts ?? [])];
    });
  } catch (error) {
    if (!isApiError(error)) throw error;
    out.err(apiErrorText(error));
    return 1;
  }
  if (!o.attach) return 0;
  cluster.attach(inv.namespace, podName);
  const running = () => cluster.get('pods', inv.namespace, podName)?.status.containerStatuses?.[0]?.state.running !== undefined;
  if (!(await waitForPods(inv.ctx, inv.namespace, new Set([podName]), running, 60_000))) {
    out.err('error: timed out waiting for the condition\n');
    return 1;
  }
  return openShell(inv, out, cluster.get('pods', inv.namespace, podName)!, container, o, true);
}

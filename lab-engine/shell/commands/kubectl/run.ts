// kubectl run: creates one pod (pkg/cmd/run/run.go), labelled run=NAME unless --labels says
// otherwise, with the same validation order and messages: the required --image flag first, then
// NAME, then the image reference; `pod/NAME created` on success.

import { isApiError } from '../../../kube/api-errors';
import { parseImageRef } from '../../../cluster/images';
import type { ContainerRequest, PodRequest } from '../../../cluster/pod-admission';
import type { Container } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { apiErrorText, notModelledText, usageErrorText } from './kubectl-errors';
import { toJson, toYaml } from './printers/object-output';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';
import { runAttached } from './run-attached';
import { applyOverrides } from './run-overrides';

/** Go durations as the --pod-running-timeout flag takes them (`1m`, `30s`, `1m30s`). */
function parseDuration(text: string): number | undefined {
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed += m[0].length;
  }
  return consumed === text.length && text.length > 0 ? total : undefined;
}

export const run: KubectlVerb = {
  name: 'run',
  flags: [
    { name: 'image', kind: 'string' },
    { name: 'labels', short: 'l', kind: 'string' },
    { name: 'port', kind: 'string' },
    { name: 'restart', kind: 'string' },
    { name: 'env', kind: 'strings' },
    { name: 'command', kind: 'bool' },
    { name: 'annotations', kind: 'strings' },
    { name: 'image-pull-policy', kind: 'string' },
    { name: 'dry-run', kind: 'string' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'rm', kind: 'bool' },
    { name: 'attach', kind: 'bool' },
    { name: 'pod-running-timeout', kind: 'string' },
    { name: 'expose', kind: 'bool', unsupported: true },
    { name: 'overrides', kind: 'string' },
    { name: 'override-type', kind: 'string' },
    { name: 'privileged', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
  ],
  help: `Create and run a particular image in a pod.

Examples:
  # Start a nginx pod
  kubectl run nginx --image=nginx

  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i -t busybox --image=busybox --restart=Never

  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>

Options:
    --command=false:
\tIf true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.

    --dry-run='none':
\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --env=[]:
\tEnvironment variables to set in the container.

    --image='':
\tThe image for the container to run.

    --image-pull-policy='':
\tThe image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.

    -l, --labels='':
\tComma separated labels to apply to the pod. Will override previous values.

    -o, --output='':
\tOutput format. One of: (json, yaml, name).

    --override-type='merge':
\tThe method used to override the generated object: json, merge, or strategic.

    --overrides='':
\tAn inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.

    --port='':
\tThe port that this container exposes.

    --restart='Always':
\tThe restart policy for this Pod.  Legal values [Always, OnFailure, Never].

Usage:
  kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]

${OPTIONS_TRAILER}`,
  run: runRun,
};

async function runRun(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  const image = str(args, 'image');
  if (image === undefined) return out.err('error: required flag(s) "image" not set\n').done(1);
  const name = args.positionals[0];
  if (!name) return out.err(usageErrorText('NAME is required for run', 'kubectl run')).done(1);
  if (!image) return out.err('error: --image is required\n').done(1);
  if (!parseImageRef(image)) return out.err(`error: Invalid image name "${image}": invalid reference format\n`).done(1);

  const restart = str(args, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return out.err(usageErrorText(`invalid restart policy: ${restart}`, 'kubectl run')).done(1);
  const pullPolicy = str(args, 'image-pull-policy') ?? '';
  if (!['', 'Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) return out.err(usageErrorText(`invalid image pull policy: ${pullPolicy}`, 'kubectl run')).done(1);
  const dryRun = str(args, 'dry-run') ?? 'none';
  if (!['none', 'client', 'server'].includes(dryRun)) return out.err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`).done(1);
  const output = str(args, 'output') ?? '';
  if (!['', 'name', 'json', 'yaml'].includes(output)) return out.err(notModelledText(`-o ${output} for kubectl run`)).done(1);
  const stdin = bool(args, 'stdin');
  const attach = args.flags.has('attach') ? bool(args, 'attach') : stdin;
  if (bool(args, 'tty') && !stdin) return out.err(usageErrorText('-i/--stdin is required for containers with -t/--tty=true', 'kubectl run')).done(1);
  if (bool(args, 'rm') && !attach) return out.err('error: --rm should only be used for attached containers\n').done(1);
  if (attach && dryRun !== 'none') return out.err("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\n").done(1);
  const timeoutMs = parseDuration(str(args, 'pod-running-timeout') ?? '1m');
  if (timeoutMs === undefined) return out.err(`error: invalid argument "${str(args, 'pod-running-timeout')}" for "--pod-running-timeout" flag: time: invalid duration "${str(args, 'pod-running-timeout')}"\n`).done(1);

  let labels: Record<string, string> = { run: name };
  const labelText = str(args, 'labels');
  if (labelText) {
    labels = {};
    for (const pair of labelText.split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return out.err(`error: invalid label spec: ${pair}\n`).done(1);
      labels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  const portText = str(args, 'port');
  let ports: ContainerRequest['ports'];
  if (portText) {
    const port = Number(portText);
    if (!/^\d+$/.test(portText)) return out.err(`error: strconv.Atoi: parsing "${portText}": invalid syntax\n`).done(1);
    ports = [{ containerPort: port }];
  }
  const extra = [...args.positionals.slice(1), ...(args.afterDash ?? [])];
  const env = ((args.flags.get('env') as string[] | undefined) ?? []).map((e) => {
    const eq = e.indexOf('=');
    return { name: eq < 0 ? e : e.slice(0, eq), value: eq < 0 ? '' : e.slice(eq + 1) };
  });
  const annotations: Record<string, string> = {};
  for (const a of (args.flags.get('annotations') as string[] | undefined) ?? []) {
    const eq = a.indexOf('=');
    if (eq > 0) annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const request: PodRequest = {
    name,
    namespace: inv.namespace,
    labels,
    annotations,
    restartPolicy: restart as PodRequest['restartPolicy'],
    containers: [{
      name,
      image,
      ports,
      env,
      ...(pullPolicy ? { imagePullPolicy: pullPolicy as Container['imagePullPolicy'] } : {}),
      ...(extra.length ? (bool(args, 'command') ? { command: extra } : { args: extra }) : {}),
    }],
  };
  const attachedContainer = attach ? { stdin, stdinOnce: stdin, tty: bool(args, 'tty') } : {};
  const overrides = str(args, 'overrides');
  let preview: object = clientPreview(request, pullPolicy, attachedContainer);
  let podRequest: PodRequest = { ...request, containers: [{ ...request.containers[0], ...attachedContainer }] };
  if (overrides) {
    const merged = applyOverrides(preview, overrides, str(args, 'override-type') || 'merge');
    if (!merged.ok) return out.err(merged.error).done(1);
    preview = merged.object;
    try {
      podRequest = ctx.cluster.api.decode('pods', merged.object, inv.namespace);
    } catch (error) {
      if (isApiError(error)) return out.err(`error: ${error.message}\n`).done(1);
      throw error;
    }
  }
  if (dryRun === 'client') {
    return out.out(output === 'json' ? toJson(preview) : output === 'yaml' ? await toYaml(preview) : output === 'name' ? 'pod/' + name + '\n' : `pod/${name} created (dry run)\n`).done(0);
  }
  try {
    if (dryRun === 'server') return out.out(`pod/${name} created (server dry run)\n`).done(0);
    if (attach) return await runAttached(inv, podRequest, { rm: bool(args, 'rm'), quiet: !stdin || bool(args, 'quiet'), timeoutMs });
    const pod = ctx.cluster.api.create('pods', podRequest);
    if (output === 'name') return out.out(`pod/${name}\n`).done(0);
    if (output === 'json') return out.out(toJson(pod)).done(0);
    if (output === 'yaml') return out.out(await toYaml(pod)).done(0);
    return out.out(`pod/${name} created\n`).done(0);
  } catch (error) {
    if (isApiError(error)) return out.err(apiErrorText(error)).done(1);
    throw error;
  }
}

/** The object `--dry-run=client -o yaml` prints: only what kubectl itself fills in, no server defaults. */
function clientPreview(req: PodRequest, pullPolicy: string, attached: { stdin?: boolean; stdinOnce?: boolean; tty?: boolean } = {}): object {
  const c = req.containers[0];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(Object.keys(req.annotations ?? {}).length ? { annotations: req.annotations } : {}), labels: req.labels, name: req.name, ...(req.namespace !== 'default' ? { namespace: req.namespace } : {}) },
    spec: {
      containers: [{
        ...(c.args ? { args: c.args } : {}),
        ...(c.command ? { command: c.command } : {}),
        ...(c.env?.length ? { env: c.env } : {}),
        image: c.image,
        ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
        name: c.name,
        ...(c.ports ? { ports: c.ports.map((p) => ({ containerPort: p.containerPort })) } : {}),
        resources: {},
        ...(attached.stdin ? { stdin: true, stdinOnce: true } : {}),
        ...(attached.tty ? { tty: true } : {}),
      }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: req.restartPolicy,
    },
    status: {},
  };
}

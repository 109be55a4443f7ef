// kubectl expose (pkg/cmd/expose/expose.go): a Service for a pod, Deployment, ReplicaSet or
// Service, with the exposed object's selector (a pod's labels; a workload's matchLabels) and its
// labels, --port (else the container ports found by introspection, named port-1, port-2 … when
// several), --target-port (else the port), --type, --name, --protocol. Prints `service/NAME exposed`.

import { isApiError } from '../../../kube/api-errors';
import type { ServicePortRequest } from '../../../cluster/service-admission';
import type { Pod, PodTemplateSpec, Protocol, ServiceType } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { str } from './flags';
import { apiErrorText, usageErrorText } from './kubectl-errors';
import { parseTargets } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

export const expose: KubectlVerb = {
  name: 'expose',
  flags: [
    { name: 'port', kind: 'string' },
    { name: 'target-port', kind: 'string' },
    { name: 'type', kind: 'string' },
    { name: 'name', kind: 'string' },
    { name: 'protocol', kind: 'string' },
    { name: 'selector', kind: 'string' },
    { name: 'labels', short: 'l', kind: 'string' },
    { name: 'cluster-ip', kind: 'string' },
    { name: 'external-ip', kind: 'string' },
    { name: 'session-affinity', kind: 'string' },
    { name: 'load-balancer-ip', kind: 'string' },
    { name: 'dry-run', kind: 'string', unsupported: true },
    { name: 'output', short: 'o', kind: 'string', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
  ],
  help: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)

Examples:
  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rc nginx --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend

  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

Usage:
  kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]

${OPTIONS_TRAILER}`,
  run: runExpose,
};

function containerPorts(spec: Pod['spec'] | PodTemplateSpec['spec']): { port: number; protocol: Protocol }[] {
  return spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol })));
}

function runExpose(inv: VerbInvocation): CommandOutput {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  if (args.positionals.length === 0) {
    return out.err(usageErrorText('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'', 'kubectl expose')).done(1);
  }
  const parsed = parseTargets(args.positionals);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  const [{ info, name }] = parsed.targets;
  if (name === undefined) return out.err('error: resource(s) were provided, but no name was specified\n').done(1);
  const obj = ctx.cluster.get(info.resource, inv.namespace, name);
  if (!obj) return out.err(`Error from server (NotFound): ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found\n`).done(1);
  let selector: Record<string, string> | undefined;
  let introspected: { port: number; protocol: Protocol }[] = [];
  switch (obj.kind) {
    case 'Pod':
      selector = obj.metadata.labels;
      introspected = containerPorts(obj.spec);
      break;
    case 'Deployment':
    case 'ReplicaSet':
      if (obj.spec.selector.matchExpressions?.length) return out.err('error: couldn\'t convert expressions - "' + obj.spec.selector.matchExpressions.map((e) => e.key).join(',') + '" to map-based selector format\n').done(1);
      selector = obj.spec.selector.matchLabels;
      introspected = containerPorts(obj.spec.template.spec);
      break;
    case 'Service':
      selector = obj.spec.selector;
      introspected = (obj.spec.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol }));
      break;
    default:
      return out.err(`error: cannot expose a ${obj.kind}\n`).done(1);
  }
  const selectorFlag = str(args, 'selector');
  if (selectorFlag) selector = Object.fromEntries(selectorFlag.split(',').map((kv) => kv.split('=') as [string, string]));
  if (!selector || Object.keys(selector).length === 0) {
    return out.err(`error: couldn't retrieve selectors via --selector flag or introspection: the ${obj.kind.toLowerCase()} has no labels\nSee 'kubectl expose -h' for help and examples\n`).done(1);
  }
  const protocol = (str(args, 'protocol') as Protocol | undefined) ?? undefined;
  const portFlag = str(args, 'port');
  const targetFlag = str(args, 'target-port');
  const toTarget = (t: string): number | string => (/^\d+$/.test(t) ? Number(t) : t);
  let ports: ServicePortRequest[];
  if (portFlag) {
    ports = portFlag.split(',').map((p, i, all) => ({
      ...(all.length > 1 ? { name: `port-${i + 1}` } : {}),
      port: Number(p),
      protocol: protocol ?? 'TCP',
      targetPort: targetFlag ? toTarget(targetFlag) : Number(p),
    }));
  } else {
    if (introspected.length === 0) return out.err(usageErrorText("couldn't find port via --port flag or introspection", 'kubectl expose')).done(1);
    ports = introspected.map((p, i) => ({
      ...(introspected.length > 1 ? { name: `port-${i + 1}` } : {}),
      port: p.port,
      protocol: protocol ?? p.protocol,
      targetPort: targetFlag ? toTarget(targetFlag) : p.port,
    }));
  }
  const serviceName = str(args, 'name') ?? name;
  const labelsFlag = str(args, 'labels');
  const labels = labelsFlag ? Object.fromEntries(labelsFlag.split(',').map((kv) => kv.split('=') as [string, string])) : obj.metadata.labels;
  const type = str(args, 'type') as ServiceType | undefined;
  const affinity = str(args, 'session-affinity');
  try {
    ctx.cluster.api.create('services', {
      name: serviceName,
      namespace: inv.namespace,
      labels,
      selector,
      ports,
      ...(type ? { type } : {}),
      ...(str(args, 'cluster-ip') ? { clusterIP: str(args, 'cluster-ip') } : {}),
      ...(str(args, 'external-ip') ? { externalIPs: str(args, 'external-ip')!.split(',') } : {}),
      ...(affinity ? { sessionAffinity: affinity as 'None' | 'ClientIP' } : {}),
      ...(str(args, 'load-balancer-ip') ? { loadBalancerIP: str(args, 'load-balancer-ip') } : {}),
    });
  } catch (error) {
    if (!isApiError(error)) throw error;
    return out.err(apiErrorText(error)).done(1);
  }
  return out.out(`service/${serviceName} exposed\n`).done(0);
}

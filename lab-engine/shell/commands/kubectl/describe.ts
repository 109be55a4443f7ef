// kubectl describe (pkg/cmd/describe): `TYPE NAME...`, `TYPE/NAME...`, `TYPE` (every object in
// the namespace, or with -A everywhere), `-l`, and the NAME_PREFIX fallback kubectl applies when
// `TYPE NAME` finds nothing by that exact name. Descriptions are joined by "\n\n" as kubectl's
// Run loop does; the describers themselves live in printers/describe-*.ts.

import { notFound } from '../../../kube/api-errors';
import { qualifiedResource, type ResourceInfo } from '../../../cluster/resources';
import { templateHash } from '../../../cluster/pod-template';
import type { ApiObject, DaemonSet, Deployment, Event, LabelSelectorRequirement, ReplicaSet, StatefulSet } from '../../../kube/types';
import { OutputBuilder, type CommandContext, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { apiErrorText, notModelledText } from './kubectl-errors';
import { parseTargets } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';
import { describePod } from './printers/describe-pod';
import { describeEndpoints, describeService } from './printers/describe-service';
import { describeNode } from './printers/describe-node';
import { describeNetworkPolicy } from './printers/describe-network-policy';
import { countOwnedPods, type PodCounts, describeDaemonSet, describeDeployment, describeNamespace, describeReplicaSet } from './printers/describe-workloads';
import { matchesSelector, parseSelector, selectorMatches } from '../../../kube/label-selector';
import { describeConfigMap, describeSecret } from './printers/describe-config';
import { describeEndpointSlice } from './printers/describe-endpoint-slice';
import { describeGeneric } from './printers/describe-generic';
import { describeIngress, describeIngressClass } from './printers/describe-ingress';
import { describeJob } from './printers/describe-job';
import { describeStatefulSet } from './printers/describe-statefulset';
import { describeRole, describeRoleBinding, describeServiceAccount } from './printers/describe-rbac';

const DESCRIBE_HELP = `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

  # Describe a pod
  kubectl describe pods/nginx

  # Describe a pod identified by type and name in "pod.json"
  kubectl describe -f pod.json

  # Describe all pods
  kubectl describe pods

  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel

  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --chunk-size=500:
\tReturn large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.

    -f, --filename=[]:
\tFilename, directory, or URL to files containing the resource to describe

    -k, --kustomize='':
\tProcess the kustomization directory. This flag can't be used together with -f or -R.

    -R, --recursive=false:
\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-events=true:
\tIf true, display events related to the described object.

Usage:
  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]

${OPTIONS_TRAILER}`;

export const describe: KubectlVerb = {
  name: 'describe',
  flags: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'show-events', kind: 'bool' },
    { name: 'chunk-size', kind: 'int' },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'kustomize', short: 'k', kind: 'string', unsupported: true },
    { name: 'recursive', short: 'R', kind: 'bool', unsupported: true },
  ],
  help: DESCRIBE_HELP,
  run: runDescribe,
};

interface Found {
  info: ResourceInfo;
  object: ApiObject;
}

function runDescribe(inv: VerbInvocation): CommandOutput {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  const positionals = args.positionals;
  if (positionals.length === 0) {
    return out.err('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n').done(1);
  }
  if (!positionals[0].includes('/') && positionals[0].includes(',')) return out.err(notModelledText('describing several resource types at once')).done(1);
  const parsed = parseTargets(positionals, ctx.cluster);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  const targets = parsed.targets;
  const allNamespaces = bool(args, 'all-namespaces');
  const named = targets.some((t) => t.name !== undefined);
  const selectorText = str(args, 'selector');
  let requirements: LabelSelectorRequirement[] | undefined;
  if (selectorText !== undefined) {
    if (positionals[0].includes('/')) return out.err('error: selectors and the all flag cannot be used when passing resource/name arguments\n').done(1);
    if (named) return out.err('error: name cannot be provided when a selector is specified\n').done(1);
    const sel = parseSelector(selectorText);
    if (!sel.ok) return out.err(`error: ${sel.error}\n`).done(1);
    requirements = sel.requirements;
  }
  if (named && allNamespaces && targets.some((t) => t.info.namespaced)) return out.err('error: a resource cannot be retrieved by name across all namespaces\n').done(1);
  for (const t of targets) {
    if (!hasDescriber(t.info)) return out.err(notModelledText(`kubectl describe ${t.info.resource}`)).done(1);
  }
  // The API server's deprecation warning rides on every v1 Endpoints response; kubectl prints it once.
  if (targets.some((t) => t.info.resource === 'endpoints')) out.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');

  const namespaceOf = (info: ResourceInfo) => (info.namespaced ? inv.namespace : undefined);
  const found: Found[] = [];
  const errors: string[] = [];
  for (const t of targets) {
    if (t.name !== undefined) {
      const object = ctx.cluster.get(t.info.resource, namespaceOf(t.info), t.name) as ApiObject | undefined;
      if (object) found.push({ info: t.info, object });
      else errors.push(apiErrorText(notFound(qualifiedResource(t.info), t.name)));
      continue;
    }
    let objects = ctx.cluster.list(t.info.resource, t.info.namespaced && !allNamespaces ? inv.namespace : undefined) as ApiObject[];
    if (requirements) {
      const reqs = requirements;
      objects = objects.filter((o) => matchesSelector(o.metadata.labels, reqs));
    }
    for (const object of objects) found.push({ info: t.info, object });
  }

  // `describe TYPE NAME_PREFIX`: exactly one name that is not an object's name describes every object it prefixes.
  if (errors.length === 1 && found.length === 0 && positionals.length === 2 && !positionals[0].includes('/')) {
    const info = targets[0].info;
    const prefix = targets[0].name!;
    const matches = (ctx.cluster.list(info.resource, namespaceOf(info)) as ApiObject[]).filter((o) => o.metadata.name.startsWith(prefix));
    if (matches.length === 0) return out.err(errors[0]).done(1);
    for (const object of matches) out.out(`${describeObject(ctx, info, object)}\n`);
    return out.done(0);
  }

  found.forEach((f, i) => out.out(i === 0 ? describeObject(ctx, f.info, f.object) : `\n\n${describeObject(ctx, f.info, f.object)}`));
  for (const e of errors) out.err(e);
  if (found.length === 0 && errors.length === 0) {
    out.err(allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
  }
  return out.done(errors.length ? 1 : 0);
}

function hasDescriber(info: ResourceInfo): boolean {
  switch (info.resource) {
    case 'pods':
    case 'services':
    case 'endpoints':
    case 'nodes':
    case 'networkpolicies':
    case 'deployments':
    case 'replicasets':
    case 'daemonsets':
    case 'namespaces':
    case 'endpointslices':
    case 'configmaps':
    case 'secrets':
    case 'ingresses':
    case 'ingressclasses':
    case 'statefulsets':
    case 'jobs':
    case 'serviceaccounts':
    case 'roles':
    case 'clusterroles':
    case 'rolebindings':
    case 'clusterrolebindings':
      return true;
    case 'gatewayclasses':
    case 'gateways':
    case 'httproutes':
    case 'referencegrants':
      return true;
    // CustomResourceDefinitions: their describer (the generic one over a long OpenAPI schema) is not modelled yet.
    case 'events':
    case 'cronjobs':
    case 'customresourcedefinitions':
    case 'felixconfigurations':
      return false;
    default: {
      const never: never = info.resource;
      return never;
    }
  }
}

/** One object's description, with whatever related objects its describer reads. */
function describeObject(ctx: CommandContext, info: ResourceInfo, object: ApiObject): string {
  const cluster = ctx.cluster;
  const now = cluster.now();
  switch (object.kind) {
    case 'Pod':
      return describePod(object, now, eventsAbout(ctx, object));
    case 'Service': {
      const slices = cluster.list('endpointslices', object.metadata.namespace).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === object.metadata.name);
      return describeService(object, slices, eventsAbout(ctx, object), now);
    }
    case 'Endpoints':
      return describeEndpoints(object);
    case 'Node': {
      const pods = cluster.list('pods').filter((p) => p.spec.nodeName === object.metadata.name && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
      return describeNode(object, pods, now, eventsAbout(ctx, object));
    }
    case 'NetworkPolicy':
      return describeNetworkPolicy(object);
    case 'Deployment':
      return describeDeploymentWithReplicaSets(ctx, object);
    case 'ReplicaSet':
      return describeReplicaSet(object, ownedPodCounts(ctx, object), eventsAbout(ctx, object), now);
    case 'DaemonSet':
      return describeDaemonSet(object, ownedPodCounts(ctx, object), eventsAbout(ctx, object), now);
    case 'Namespace':
      return describeNamespace(object);
    case 'EndpointSlice':
      return describeEndpointSlice(object);
    case 'ConfigMap':
      return describeConfigMap(object);
    case 'Secret':
      return describeSecret(object);
    case 'Ingress':
      return describeIngress(object, {
        service: (ns, name) => cluster.get('services', ns, name),
        slices: (ns, name) => cluster.list('endpointslices', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name),
      });
    case 'IngressClass':
      return describeIngressClass(object);
    case 'StatefulSet':
      return describeStatefulSet(object, ownedPodCounts(ctx, object), eventsAbout(ctx, object), now);
    case 'Job':
      return describeJob(object, eventsAbout(ctx, object), now);
    case 'ServiceAccount':
      return describeServiceAccount(object, eventsAbout(ctx, object), now);
    case 'Role':
    case 'ClusterRole':
      return describeRole(object);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return describeRoleBinding(object);
    case 'Event':
    case 'CronJob':
    case 'GatewayClass':
    case 'Gateway':
    case 'HTTPRoute':
    case 'ReferenceGrant':
      return describeGeneric(object, eventsAbout(ctx, object), now);
    case 'CustomResourceDefinition':
    case 'FelixConfiguration':
      // hasDescriber() turned these away before anything was looked up.
      throw new Error(`kubectl describe: no describer for ${object.kind}`);
    default: {
      const never: never = object;
      return never;
    }
  }
}

/** deploymentutil.GetAllReplicaSets: owned ReplicaSets; the one with the Deployment's template hash is new. */
function describeDeploymentWithReplicaSets(ctx: CommandContext, d: Deployment): string {
  const owned = ctx.cluster.list('replicasets', d.metadata.namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === d.metadata.uid));
  const hash = templateHash(d.spec.template);
  const newRS = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  return describeDeployment(d, owned.filter((rs) => rs !== newRS), newRS, eventsAbout(ctx, d), ctx.cluster.now());
}

/** describe.go searchEvents: the events whose involvedObject is this object (kind, name, uid), from its namespace (`default` for cluster-scoped ones). */
function eventsAbout(ctx: CommandContext, object: ApiObject): Event[] {
  const m = object.metadata;
  return ctx.cluster.list('events', m.namespace ?? 'default').filter((e) => e.involvedObject.uid === m.uid && e.involvedObject.kind === object.kind && e.involvedObject.name === m.name);
}

function ownedPodCounts(ctx: CommandContext, owner: ReplicaSet | DaemonSet | StatefulSet): PodCounts {
  const pods = ctx.cluster.list('pods', owner.metadata.namespace).filter((p) => selectorMatches(owner.spec.selector, p.metadata.labels));
  return countOwnedPods(pods, owner.metadata.uid);
}

// kubectl create <subcommand> (pkg/cmd/create): `deployment` (create_deployment.go: labels and
// selector app=NAME, one container per --image named after the image's last path element
// without tag or digest, --port on the first container, `-- COMMAND`) and `namespace`.
// Errors keep kubectl's wrapping: `error: failed to create deployment: <API error>`.
// `configmap` and `secret generic|tls` live in create-config.ts, `ingress` in create-ingress.ts, `job` in create-job.ts;
// the other generators come with their kinds.

import { isApiError } from '../../../kube/api-errors';
import { fnv32a, safeEncode } from '../../../cluster/pod-template';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { str } from './flags';
import type { ServiceType } from '../../../kube/types';
import type { ServicePortRequest } from '../../../cluster/service-admission';
import { apiErrorText, flagErrorText, notModelledText, usageErrorText } from './kubectl-errors';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';
import { CONFIG_FLAGS, createConfigMap, createSecret } from './create-config';
import { CREATE_PRINT_FLAGS, INGRESS_ONLY_FLAGS, createIngress } from './create-ingress';
import { CREATE_INGRESS_HELP } from './create-ingress-help';
import { CREATE_JOB_HELP, JOB_ONLY_FLAGS, createJob } from './create-job';
import { RBAC_CREATE_FLAGS, createRbac } from './create-rbac';

const GENERATORS = ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token'];
const ALIASES: Record<string, string> = { deploy: 'deployment', ns: 'namespace', cm: 'configmap', svc: 'service', sa: 'serviceaccount', pdb: 'poddisruptionbudget', pc: 'priorityclass', cj: 'cronjob', ing: 'ingress', resourcequota: 'quota' };

export const create: KubectlVerb = {
  name: 'create',
  flags: [
    { name: 'image', kind: 'strings' },
    { name: 'replicas', short: 'r', kind: 'int' },
    { name: 'port', kind: 'int' },
    { name: 'dry-run', kind: 'string' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'save-config', kind: 'bool' },
    { name: 'validate', kind: 'string' },
    { name: 'field-manager', kind: 'string' },
    { name: 'tcp', kind: 'strings' },
    { name: 'clusterip', kind: 'string' },
    { name: 'node-port', kind: 'int' },
    { name: 'external-name', kind: 'string' },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    ...CONFIG_FLAGS,
    ...INGRESS_ONLY_FLAGS,
    ...JOB_ONLY_FLAGS,
    ...RBAC_CREATE_FLAGS,
    ...CREATE_PRINT_FLAGS,
  ],
  help: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Examples:
  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json

Available Commands:
  clusterrole           Create a cluster role
  clusterrolebinding    Create a cluster role binding for a particular cluster role
  configmap             Create a config map from a local file, directory or literal value
  cronjob               Create a cron job with the specified name
  deployment            Create a deployment with the specified name
  ingress               Create an ingress with the specified name
  job                   Create a job with the specified name
  namespace             Create a namespace with the specified name
  poddisruptionbudget   Create a pod disruption budget with the specified name
  priorityclass         Create a priority class with the specified name
  quota                 Create a quota with the specified name
  role                  Create a role with single rule
  rolebinding           Create a role binding for a particular role or cluster role
  secret                Create a secret using a specified subcommand
  service               Create a service using a specified subcommand
  serviceaccount        Create a service account with the specified name
  token                 Request a service account token

Usage:
  kubectl create -f FILENAME [options]

${OPTIONS_TRAILER}`,
  subcommandHelp(positionals) {
    const sub = positionals[0] && (ALIASES[positionals[0]] ?? positionals[0]);
    return sub === 'ingress' ? CREATE_INGRESS_HELP : sub === 'job' ? CREATE_JOB_HELP : undefined;
  },
  run: runCreate,
};

function runCreate(inv: VerbInvocation): CommandOutput | Promise<CommandOutput> {
  const out = new OutputBuilder();
  const [typed, ...names] = inv.args.positionals;
  if (!typed) return out.err('error: must specify one of -f and -k\n\n').done(1);
  const sub = ALIASES[typed] ?? typed;
  if (!GENERATORS.includes(sub)) return out.err('error: must specify one of -f and -k\n\n').done(1);
  if (sub === 'ingress') return createIngress(inv, out, names);
  if (sub === 'job') return createJob(inv, out, names);
  const foreign = INGRESS_ONLY_FLAGS.find((f) => inv.args.flags.has(f.name));
  if (foreign) return out.err(flagErrorText(`unknown flag: --${foreign.name}`, `kubectl create ${sub}`)).done(1);
  if (str(inv.args, 'dry-run') !== undefined || str(inv.args, 'output') !== undefined) return out.err(notModelledText('--dry-run and -o for kubectl create')).done(1);
  switch (sub) {
    case 'deployment':
      return createDeployment(inv, out, names);
    case 'namespace':
      return createNamespace(inv, out, names);
    case 'service':
      return createService(inv, out, names);
    case 'configmap':
      return createConfigMap(inv, out, names);
    case 'secret':
      return createSecret(inv, out, names);
    case 'serviceaccount':
    case 'role':
    case 'clusterrole':
    case 'rolebinding':
    case 'clusterrolebinding':
      return createRbac(sub, inv, out, names);
    default:
      return out.err(notModelledText(`kubectl create ${sub}`)).done(1);
  }
}

function exactlyOneName(names: string[], afterDash: string[] | undefined, command: string): string | CommandOutput {
  if (names.length !== 1) return new OutputBuilder().err(usageErrorText(`exactly one NAME is required, got ${names.length}`, command)).done(1);
  void afterDash;
  return names[0];
}

function createDeployment(inv: VerbInvocation, out: OutputBuilder, names: string[]): CommandOutput {
  const name = exactlyOneName(names, inv.args.afterDash, 'kubectl create deployment');
  if (typeof name !== 'string') return name;
  const images = (inv.args.flags.get('image') as string[] | undefined) ?? [];
  if (images.length === 0) return out.err('error: required flag(s) "image" not set\n').done(1);
  const command = inv.args.afterDash ?? [];
  if (images.length > 1 && command.length > 0) return out.err('error: cannot specify multiple --image options and command\n').done(1);
  const replicas = (inv.args.flags.get('replicas') as number | undefined) ?? 1;
  const port = (inv.args.flags.get('port') as number | undefined) ?? -1;
  const containers = images.map((image, i) => {
    let base = image.split('/').pop()!;
    base = base.split(':')[0].split('@')[0];
    // kubectl appends utilrand.String(5) here; a client-side pick that is stable per image keeps outputs reproducible.
    if (/[_.]/.test(base)) base = `${base.replace(/[_.]/g, '-')}-${safeEncode(String(fnv32a(`${image}#${i}`))).slice(0, 5)}`;
    return {
      name: base,
      image,
      ...(command.length ? { command } : {}),
      ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    };
  });
  try {
    inv.ctx.cluster.api.create('deployments', {
      name,
      namespace: inv.namespace,
      labels: { app: name },
      replicas,
      selector: { matchLabels: { app: name } },
      template: { labels: { app: name }, containers },
    });
  } catch (error) {
    if (!isApiError(error)) throw error;
    return out.err(`error: failed to create deployment: ${error.message}\n`).done(1);
  }
  return out.out(`deployment.apps/${name} created\n`).done(0);
}

function createNamespace(inv: VerbInvocation, out: OutputBuilder, names: string[]): CommandOutput {
  const name = exactlyOneName(names, inv.args.afterDash, 'kubectl create namespace');
  if (typeof name !== 'string') return name;
  try {
    inv.ctx.cluster.api.create('namespaces', { name });
  } catch (error) {
    if (!isApiError(error)) throw error;
    return out.err(apiErrorText(error)).done(1);
  }
  return out.out(`namespace/${name} created\n`).done(0);
}

const SERVICE_TYPES: Record<string, ServiceType> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

/** create_service.go: `create service clusterip|nodeport|loadbalancer|externalname NAME --tcp=port[:targetPort]`. */
function createService(inv: VerbInvocation, out: OutputBuilder, args: string[]): CommandOutput {
  const [kind, ...names] = args;
  const type = kind ? SERVICE_TYPES[kind] : undefined;
  if (!type) return out.err(usageErrorText(kind ? `unknown command "${kind}" for "kubectl create service"` : 'Required resource not specified.', 'kubectl create service')).done(1);
  const command = `kubectl create service ${kind}`;
  const name = exactlyOneName(names, inv.args.afterDash, command);
  if (typeof name !== 'string') return name;
  const tcp = ((inv.args.flags.get('tcp') as string[] | undefined) ?? []).flatMap((t) => t.split(',')).filter(Boolean);
  const clusterIP = str(inv.args, 'clusterip');
  const externalName = str(inv.args, 'external-name');
  const nodePort = (inv.args.flags.get('node-port') as number | undefined) ?? 0;
  if (type === 'ExternalName' && externalName === undefined) return out.err('error: required flag(s) "external-name" not set\n').done(1);
  if (clusterIP === 'None' && type !== 'ClusterIP') return out.err('error: ClusterIP=None can only be used with ClusterIP service type\n').done(1);
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') return out.err('error: at least one tcp port specifier must be provided\n').done(1);
  if (type === 'ExternalName' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(externalName ?? '')) {
    return out.err(`error: invalid service external name ${externalName}\n`).done(1);
  }
  const ports: ServicePortRequest[] = [];
  for (const spec of tcp) {
    const [portText, targetText] = spec.split(':');
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return out.err(`error: invalid port number: "${portText}"\n`).done(1);
    let targetPort: number | string = port;
    if (targetText !== undefined) {
      if (/^\d+$/.test(targetText)) {
        targetPort = Number(targetText);
        if (targetPort < 1 || targetPort > 65535) return out.err('error: must be between 1 and 65535, inclusive\n').done(1);
      } else targetPort = targetText;
    }
    ports.push({ name: spec.replace(/:/g, '-'), port, targetPort, protocol: 'TCP', ...(nodePort ? { nodePort } : {}) });
  }
  try {
    inv.ctx.cluster.api.create('services', {
      name,
      namespace: inv.namespace,
      labels: { app: name },
      selector: { app: name },
      type,
      ports,
      ...(clusterIP ? { clusterIP } : {}),
      ...(externalName ? { externalName } : {}),
    });
  } catch (error) {
    if (!isApiError(error)) throw error;
    return out.err(`error: failed to create ${type} service: ${error.message}\n`).done(1);
  }
  return out.out(`service/${name} created\n`).done(0);
}

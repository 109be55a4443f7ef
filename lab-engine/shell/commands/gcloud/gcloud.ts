// gcloud on the workstation of a kubenet cluster, for the few calls that touch what the cluster's
// route controller depends on (cluster/cloud-routes):
// - `gcloud compute routes list`: the VPC's routes in gcloud's default table (NAME NETWORK
//   DEST_RANGE NEXT_HOP PRIORITY, two spaces between columns, sorted by name): the subnet route,
//   the default route to the internet gateway, then the route controller's `kubernetes-<node uid>`
//   routes whose next hop is the node's instance (`<zone>/instances/<name>`);
// - `gcloud compute routes delete NAME... [--quiet]`;
// - `gcloud projects get-iam-policy PROJECT`, `add-iam-policy-binding` / `remove-iam-policy-binding
//   PROJECT --member=M --role=R`: the policy as YAML (bindings sorted by role).
// Anything else answers as gcloud does for an unknown command or flag. On a cluster whose pod
// network needs no cloud routes there is no cloud project to talk to.
// Sources: the table layout and default routes as in Kubernetes The Hard Way's
// 11-pod-network-routes.md output; the kube routes' next_hop_instance as a GCE route created by
// kube-controller-manager looks (description k8s-node-route); gcloud's messages "Deleted [<url>].",
// "Updated IAM policy for project [<p>].", "ERROR: (gcloud.<group>) unrecognized arguments: ...",
// and "ERROR: Policy binding with the specified principal, role, and condition not found!".

import { fail, ok, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import type { CloudRouteTable } from '../../../cluster/cloud-routes/cloud-route-table';

/** gcloud's message when no account is logged in (googlecloudsdk core/credentials NoActiveAccountException and its hint). */
const NO_ACTIVE_ACCOUNT = 'You do not currently have an active account selected.\nPlease run:\n\n  $ gcloud auth login\n\nto obtain new credentials.\n\nIf you have already logged in with a different account, run:\n\n  $ gcloud config set account ACCOUNT\n\nto select an already authenticated account to use.\n';

const COMPUTE_API = 'https://www.googleapis.com/compute/v1';
/** The VPC subnet the nodes sit on and its route's fixed name (GCE names system routes `default-route-<hex>`). */
const SUBNET_ROUTE = { name: 'default-route-5c3a9e1d07b2f468', destRange: '172.18.0.0/16' };
const INTERNET_ROUTE = { name: 'default-route-e1f2a4c6b8d09753', destRange: '0.0.0.0/0' };

const USAGE = `Usage: gcloud [optional flags] <group | command>
  group may be           compute | projects
For detailed information on this command and its flags, run:
  gcloud --help
`;

const HELP = `NAME
    gcloud - manage Google Cloud resources and developer workflow

SYNOPSIS
    gcloud GROUP | COMMAND [--project=PROJECT_ID] [--quiet, -q]

GROUPS (simulated here)
    compute routes list | delete NAME...
        List or delete the VPC network's routes.
    projects get-iam-policy | add-iam-policy-binding | remove-iam-policy-binding PROJECT_ID
        Read or change the project's IAM policy (--member=PRINCIPAL --role=ROLE).
`;

export const gcloud: ShellCommand = {
  name: 'gcloud',
  run(ctx): CommandOutput {
    const args = ctx.args.filter((a) => a !== '--quiet' && a !== '-q');
    if (args.length === 0) return { stdout: '', stderr: `ERROR: (gcloud) Command name argument expected.\n${USAGE}`, exitCode: 2 };
    if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') return ok(HELP);
    const table = ctx.cluster.cloudRouteTable();
    // Off a cloud whose routes carry pod traffic there is no account to act with: gcloud's own
    // NoActiveAccountException text, prefixed with the command's path as gcloud prints it.
    if (!table) return fail(`ERROR: (${['gcloud', ...args.filter((a) => !a.startsWith('-')).slice(0, 3)].join('.')}) ${NO_ACTIVE_ACCOUNT}`, 1);
    const [group, sub, verb, ...rest] = args;
    if (group === 'compute' && sub === 'routes' && verb === 'list') return routesList(table, rest);
    if (group === 'compute' && sub === 'routes' && verb === 'delete') return routesDelete(ctx, table, rest);
    if (group === 'projects' && sub !== undefined) return projects(table, sub, [verb, ...rest].filter((a): a is string => a !== undefined));
    return { stdout: '', stderr: `ERROR: (gcloud) Invalid choice: '${args.slice(0, 3).join(' ')}'.\nOnly 'compute routes list|delete' and 'projects get-iam-policy|add-iam-policy-binding|remove-iam-policy-binding' are simulated here.\n`, exitCode: 2 };
  },
};

function unrecognized(command: string, extra: readonly string[]): CommandOutput {
  return { stdout: '', stderr: `ERROR: (gcloud.${command}) unrecognized arguments: ${extra.join(' ')}\n`, exitCode: 2 };
}

function routesList(table: CloudRouteTable, args: readonly string[]): CommandOutput {
  if (args.includes('--help')) return ok('Usage: gcloud compute routes list [NAME ...]\n');
  const flags = args.filter((a) => a.startsWith('-'));
  if (flags.length) return unrecognized('compute.routes.list', flags);
  const s = table.state;
  const rows = [
    [SUBNET_ROUTE.name, s.network, SUBNET_ROUTE.destRange, s.network, '0'],
    [INTERNET_ROUTE.name, s.network, INTERNET_ROUTE.destRange, 'default-internet-gateway', '1000'],
    ...table.routes().map((r) => [r.name, s.network, r.destRange, `${s.zone}/instances/${r.nextHopNode}`, '1000']),
  ]
    .filter((row) => args.length === 0 || args.includes(row[0]))
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (rows.length === 0) return { stdout: '', stderr: 'Listed 0 items.\n', exitCode: 0 };
  return ok(formatTable(['NAME', 'NETWORK', 'DEST_RANGE', 'NEXT_HOP', 'PRIORITY'], rows));
}

/** gcloud's default table: columns padded to the widest cell, two spaces apart, the last one unpadded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ') + '\n').join('');
}

function routesDelete(ctx: CommandContext, table: CloudRouteTable, args: readonly string[]): CommandOutput {
  const flags = args.filter((a) => a.startsWith('-'));
  if (flags.length) return unrecognized('compute.routes.delete', flags);
  if (args.length === 0) return { stdout: '', stderr: 'ERROR: (gcloud.compute.routes.delete) argument NAME [NAME ...]: Must be specified.\n', exitCode: 2 };
  const project = table.state.project;
  const lines: string[] = [];
  for (const name of args) {
    if (name === SUBNET_ROUTE.name) return fail(`ERROR: (gcloud.compute.routes.delete) Could not fetch resource:\n - The local route cannot be deleted.\n`, 1);
    if (!table.deleteRoute(name)) return fail(`ERROR: (gcloud.compute.routes.delete) Could not fetch resource:\n - The resource 'projects/${project}/global/routes/${name}' was not found\n\n`, 1);
    lines.push(`Deleted [${COMPUTE_API}/projects/${project}/global/routes/${name}].\n`);
  }
  ctx.cluster.advanceTo(ctx.cluster.now());
  return { stdout: '', stderr: lines.join(''), exitCode: 0 };
}

function projects(table: CloudRouteTable, verb: string, args: readonly string[]): CommandOutput {
  const command = `projects.${verb}`;
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (a.includes('=')) flags.set(a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else flags.set(a.slice(2), args[++i] ?? ''); // `--role roles/x`: the value is the next word
  }
  const project = positional[0];
  if (!project) return { stdout: '', stderr: `ERROR: (gcloud.${command}) argument PROJECT_ID: Must be specified.\n`, exitCode: 2 };
  if (project !== table.state.project) return fail(`ERROR: (gcloud.${command}) [${project}] does not have permission to access projects instance [${project}] (or it may not exist)\n`, 1);
  if (verb === 'get-iam-policy') {
    if (flags.size || positional.length > 1) return unrecognized(command, args.slice(1));
    return ok(policyYaml(table));
  }
  if (verb !== 'add-iam-policy-binding' && verb !== 'remove-iam-policy-binding') return { stdout: '', stderr: `ERROR: (gcloud.projects) Invalid choice: '${verb}'.\n`, exitCode: 2 };
  const extra = [...flags.keys()].filter((k) => k !== 'member' && k !== 'role');
  if (extra.length || positional.length > 1) return unrecognized(command, [...extra.map((k) => `--${k}`), ...positional.slice(1)]);
  const member = flags.get('member');
  const role = flags.get('role');
  if (!member || !role) return { stdout: '', stderr: `ERROR: (gcloud.${command}) argument --member --role: Must be specified.\n`, exitCode: 2 };
  if (!/^(serviceAccount|user|group|domain):/.test(member)) return fail(`ERROR: (gcloud.${command}) INVALID_ARGUMENT: Invalid principal: ${member}. Use one of serviceAccount:, user:, group:, domain:.\n`, 1);
  if (!role.startsWith('roles/')) return fail(`ERROR: (gcloud.${command}) INVALID_ARGUMENT: Role (${role}) does not exist in the resource's hierarchy.\n`, 1);
  if (verb === 'add-iam-policy-binding') table.addBinding(role, member);
  else if (!table.removeBinding(role, member)) return fail('ERROR: Policy binding with the specified principal, role, and condition not found!\n', 1);
  return { stdout: policyYaml(table), stderr: `Updated IAM policy for project [${project}].\n`, exitCode: 0 };
}

function policyYaml(table: CloudRouteTable): string {
  const roles = Object.keys(table.state.bindings).sort();
  const body = roles.map((role) => `- members:\n${table.state.bindings[role].map((m) => `  - ${m}\n`).join('')}  role: ${role}\n`).join('');
  return `bindings:\n${body}etag: BwYk3n2c9Xo=\nversion: 1\n`;
}

// kubectl auth (pkg/cmd/auth): `can-i` asks the API server a SelfSubjectAccessReview (or, with
// --list, a SelfSubjectRulesReview) evaluated by the RBAC authorizer
// (cluster/apiserver/rbac-authorizer.ts) for the kubeconfig's user — kubeadm's kubernetes-admin in
// the kubeadm:cluster-admins group — or whoever --as / --as-group impersonate; `whoami` prints the
// SelfSubjectReview. cani.go's messages, warnings and exit status (1 for `no`) are kept.

import { authorize, impersonatedUser, rulesFor, type AccessRequest, type RbacReader, type UserInfo } from '../../../cluster/apiserver/rbac-authorizer';
import { resolveResource } from '../../../cluster/resources';
import { OutputBuilder, type CommandContext, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { notModelledText } from './kubectl-errors';
import { USER_NAME } from './kubeconfig';
import { formatTable } from './printers/table-writer';
import { ruleRows } from './printers/rbac-rules';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest'];
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];
/** Review resources every API server has (create-only, so Flatnet's discovery leaves them out), by their group. */
const REVIEWS: Record<string, string> = {
  selfsubjectaccessreviews: 'authorization.k8s.io',
  selfsubjectrulesreviews: 'authorization.k8s.io',
  localsubjectaccessreviews: 'authorization.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io',
  selfsubjectreviews: 'authentication.k8s.io',
  tokenreviews: 'authentication.k8s.io',
};
/** kubeadm's admin.conf user: its client certificate's O is kubeadm:cluster-admins (v1.29+). */
const ADMIN: UserInfo = { name: USER_NAME, groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

const HELP = `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Experimental: Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a command.
${OPTIONS_TRAILER}`;

const CAN_I_HELP = `Check whether an action is allowed.

 VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource.
Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a
particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.

Examples:
  # Check to see if I can create pods in any namespace
  kubectl auth can-i create pods --all-namespaces

  # Check to see if I can list deployments in my current namespace
  kubectl auth can-i list deployments.apps

  # Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"
  # You must be allowed to use impersonation for the global option "--as"
  kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod

  # Check to see if I can do everything in my current namespace ("*" means all)
  kubectl auth can-i '*' '*'

  # Check to see if I can get the job named "bar" in namespace "foo"
  kubectl auth can-i list jobs.batch/bar -n foo

  # Check to see if I can read pod logs
  kubectl auth can-i get pods --subresource=log

  # Check to see if I can access the URL /logs/
  kubectl auth can-i get /logs/

  # List all allowed actions in namespace "foo"
  kubectl auth can-i --list --namespace=foo

Options:
    -A, --all-namespaces=false:
\tIf true, check the specified action in all namespaces.

    --list=false:
\tIf true, prints all allowed actions.

    --no-headers=false:
\tIf true, prints allowed actions without headers

    -q, --quiet=false:
\tIf true, suppress output and just return the exit code.

    --subresource='':
\tSubResource such as pod/log or deployment/scale

Usage:
  kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]

${OPTIONS_TRAILER}`;

export const auth: KubectlVerb = {
  name: 'auth',
  flags: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'list', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'subresource', kind: 'string' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'as', kind: 'string' },
    { name: 'as-group', kind: 'strings' },
  ],
  help: HELP,
  subcommandHelp: (positionals) => (positionals[0] === 'can-i' ? CAN_I_HELP : undefined),
  run(inv) {
    const [sub, ...rest] = inv.args.positionals;
    switch (sub) {
      case 'can-i':
        return canI(inv, rest);
      case 'whoami':
        return whoami(inv);
      case 'reconcile':
        return new OutputBuilder().err(notModelledText('kubectl auth reconcile')).done(1);
      case undefined:
        return new OutputBuilder().out(HELP).done(0);
      default:
        return new OutputBuilder().err(`error: unknown command "${sub}" for "kubectl auth"\n`).done(1);
    }
  },
};

function rbacOf(ctx: CommandContext): RbacReader {
  const c = ctx.cluster;
  return {
    clusterRoleBindings: () => c.list('clusterrolebindings'),
    roleBindings: (ns) => c.list('rolebindings', ns),
    clusterRole: (name) => c.get('clusterroles', undefined, name),
    role: (ns, name) => c.get('roles', ns, name),
  };
}

function userOf(inv: VerbInvocation): UserInfo {
  const as = str(inv.args, 'as');
  const groups = (inv.args.flags.get('as-group') as string[] | undefined) ?? [];
  return as ? impersonatedUser(as, groups) : ADMIN;
}

function canI(inv: VerbInvocation, args: string[]): CommandOutput {
  const out = new OutputBuilder();
  const list = bool(inv.args, 'list');
  const quiet = bool(inv.args, 'quiet');
  const all = bool(inv.args, 'all-namespaces');
  const subresource = str(inv.args, 'subresource') ?? '';
  // cani.go's messages end in a newline and the WarningPrinter adds its own: a blank line follows.
  const warn = (text: string) => out.err(`Warning: ${text}\n\n`);
  if (list) {
    if (args.length) return out.err('error: list option must be specified with no arguments\n').done(1);
    if (quiet || all || subresource) return out.err("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n").done(1);
    const rows = ruleRows(rulesFor(rbacOf(inv.ctx), userOf(inv), inv.namespace));
    const header = bool(inv.args, 'no-headers') ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
    return out.out(formatTable([...header, ...rows])).done(0);
  }
  if (args.length !== 2) return out.err("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n").done(1);
  const [verb, target] = args;
  let request: AccessRequest;
  if (target.startsWith('/')) {
    if (subresource) return out.err('error: --subresource can not be used with NonResourceURL\n').done(1);
    if (!NON_RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    request = { kind: 'nonResource', verb, path: target };
  } else {
    const slash = target.indexOf('/');
    const typed = slash < 0 ? target : target.slice(0, slash);
    const name = slash < 0 ? undefined : target.slice(slash + 1);
    let group = '';
    let resource = typed;
    if (typed !== '*') {
      const info = resolveResource(typed);
      const review = REVIEWS[typed.toLowerCase()];
      if (info) ({ group, resource } = info);
      else if (review) [resource, group] = [typed.toLowerCase(), review];
      else {
        const dot = typed.indexOf('.');
        const [r, g] = dot < 0 ? [typed.toLowerCase(), ''] : [typed.slice(0, dot).toLowerCase(), typed.slice(dot + 1).toLowerCase()];
        if (r !== 'users' && r !== 'groups') warn(g ? `the server doesn't have a resource type '${r}' in group '${g}'` : `the server doesn't have a resource type '${r}'`);
        [resource, group] = [r, g];
      }
      if (info && !info.namespaced && !all) warn(info.group ? `resource '${info.resource}' is not namespace scoped in group '${info.group}'` : `resource '${info.resource}' is not namespace scoped`);
    }
    if (!RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    request = { kind: 'resource', verb, group, resource, ...(subresource ? { subresource } : {}), ...(name ? { name } : {}), namespace: all ? '' : inv.namespace };
  }
  if (bool(inv.args, 'no-headers')) return out.err('error: --no-headers cannot be set without --list specified\n').done(1);
  const allowed = authorize(rbacOf(inv.ctx), userOf(inv), request);
  if (!quiet) out.out(allowed ? 'yes\n' : 'no\n');
  return out.done(allowed ? 0 : 1);
}

/** SelfSubjectReview as `kubectl auth whoami` prints it (a table of ATTRIBUTE / VALUE). */
function whoami(inv: VerbInvocation): CommandOutput {
  const user = userOf(inv);
  const rows = [['ATTRIBUTE', 'VALUE'], ['Username', user.name], ['Groups', `[${user.groups.join(' ')}]`]];
  return new OutputBuilder().out(formatTable(rows)).done(0);
}

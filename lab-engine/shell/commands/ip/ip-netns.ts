// `ip netns` on a node (iproute2 6.1 ip/ipnetns.c): `list` (the default) prints /var/run/netns,
// the learner's namespaces and the pods' `cni-…` ones, each with its netnsid where the node's
// root netns has assigned one (a veth links them); `add NAME` / `del NAME` make and remove a named
// netns (hand-built changes of the node's model); `exec NAME CMD…` runs a command with the netns
// as its network (the node's files stay, as with the real `ip netns exec`). In a pod there is no
// /var/run/netns to read and no CAP_SYS_ADMIN to enter one.

import type { CommandContext, CommandOutput } from '../../command-types';
import { fail, ok } from '../../command-types';
import type { Netns } from '../../../dataplane/netns/types';
import { quoteWords } from '../shell-words';
import { handErrorOutput } from './ip-errors';

const USAGE = `Usage:	ip netns list
	ip netns add NAME
	ip netns attach NAME PID
	ip netns set NAME NETNSID
	ip [-all] netns delete [NAME]
	ip netns identify [PID]
	ip netns pids NAME
	ip [-all] netns exec [NAME] cmd ...
	ip netns monitor
	ip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]
NETNSID := auto | POSITIVE-INT
`;

const matches = (w: string, k: string) => w.length > 0 && k.startsWith(w);

/** A name `ip netns add` takes: a file name under /var/run/netns (ipnetns.c: invalid_name). */
function validName(name: string): boolean {
  return name.length > 0 && !name.includes('/') && name !== '.' && name !== '..';
}

/** The node whose namespaces this shell sees, or undefined in a pod. */
function nodeOf(ctx: CommandContext): string | undefined {
  const loc = ctx.session?.location();
  return loc?.kind === 'node' ? loc.node : undefined;
}

export async function netnsCommand(ctx: CommandContext, here: Netns, args: string[]): Promise<CommandOutput> {
  const sub = args[0];
  if (sub === 'help') return { stdout: '', stderr: USAGE, exitCode: 255 };
  if (sub === undefined || matches(sub, 'list') || matches(sub, 'show')) return listNetns(ctx, here);
  const node = nodeOf(ctx);
  if (!node || !ctx.session) return fail(`${sub === 'exec' ? 'setting the network namespace' : 'mount --make-shared /run/netns'} failed: Operation not permitted\n`, 1);
  const name = args[1];
  if (matches(sub, 'add')) {
    if (name === undefined) return fail('No netns name specified\n', 1);
    if (!validName(name)) return fail(`Invalid netns name "${name}"\n`, 1);
    const forwarding = ctx.session.network().nodes.sysctls.forwarding(node);
    const e = ctx.session.changeNetwork?.({ op: 'netns-add', name, forwarding });
    return e ? handErrorOutput(e, 'netns-add') : ok('');
  }
  if (matches(sub, 'delete')) {
    if (name === undefined) return fail('No netns name specified\n', 1);
    if (podNetnsNames(ctx, node).includes(name)) return fail(`ip: ${name} is a pod's network namespace here; the container runtime owns it\n`, 2);
    const e = ctx.session.changeNetwork?.({ op: 'netns-del', name });
    return e ? handErrorOutput(e, 'netns-del') : ok('');
  }
  if (matches(sub, 'exec')) return execIn(ctx, node, args.slice(1));
  return fail(`ip netns ${sub}: not modelled in this simulated cluster (list, add, delete and exec are)\n`, 2);
}

async function execIn(ctx: CommandContext, node: string, args: string[]): Promise<CommandOutput> {
  const session = ctx.session!;
  const [name, ...command] = args;
  if (name === undefined) return fail('No netns name specified\n', 1);
  if (!session.dataplane().named?.[`${node}/${name}`]) {
    const pod = podNetnsNames(ctx, node).includes(name);
    return fail(pod ? `ip: entering a pod's network namespace is not modelled here; use kubectl exec\n` : `Cannot open network namespace "${name}": No such file or directory\n`, 1);
  }
  if (!command.length) return fail('No command specified\n', 1);
  if (!ctx.exec) return fail('ip: cannot run a command here\n', 1);
  const depth = session.depth();
  session.enter({ kind: 'node', node, netns: name }, { oneShot: true });
  try {
    const r = await ctx.exec(quoteWords(command), ctx.stdin);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  } finally {
    while (session.depth() > depth) session.leave();
  }
}

function podNetnsNames(ctx: CommandContext, node: string): string[] {
  return Object.values(ctx.session!.dataplane().pods)
    .filter((p) => p.node === node)
    .map((p) => p.name ?? '');
}

function listNetns(ctx: CommandContext, here: Netns): CommandOutput {
  if (here.kind === 'pod') return ok('');
  const dp = ctx.session!.dataplane();
  const pods = podNetnsNames(ctx, here.node);
  const root = dp.nodes[here.node];
  // The root netns numbers a peer netns when a veth first links them; pods' come first here.
  let nextId = pods.length;
  const named = Object.values(dp.named ?? {})
    .filter((n) => n.node === here.node)
    .map((n) => {
      const linked = root?.links.some((l) => l.peer?.netns === n.id);
      return linked ? `${n.name ?? ''} (id: ${nextId++})` : (n.name ?? '');
    });
  const podLines = pods.map((n, i) => `${n} (id: ${i})`);
  // tmpfs lists the newest file first.
  return ok([...podLines, ...named].reverse().map((l) => `${l}\n`).join(''));
}

// `bridge` (iproute2 6.1): `bridge link [show] [dev X]` lists bridge ports (with -d their flags:
// hairpin, guard, learning...), `bridge fdb [show] [dev X] [br B]` the forwarding database,
// including VXLAN's per-VTEP entries (`dst`). `bridge link set dev X hairpin on|off` changes a
// pod veth port's hairpin_mode (link-set.ts); other changes are refused as with `ip`.

import type { CommandOutput, ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import type { FdbEntry, Link, Netns } from '../../../dataplane/netns/types';
import { linkLabel } from '../ip/ip-format';
import { linkSet } from './link-set';

const USAGE = `Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
       bridge [ -force ] -batch filename
where  OBJECT := { link | fdb | mdb | vlan | vni | monitor }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                    -o[neline] | -t[imestamp] | -n[etns] name |
                    -com[pressvlans] -c[olor] -p[retty] -j[son] }
`;

const matches = (w: string, k: string) => w.length > 0 && k.startsWith(w);

export const bridge: ShellCommand = {
  name: 'bridge',
  run(ctx): CommandOutput {
    const args = [...ctx.args];
    let details = false;
    while (args.length && args[0].startsWith('-')) {
      // iproute2 takes `--details` as `-details` (bridge.c: a second dash is skipped).
      const opt = args.shift()!.replace(/^--/, '-');
      if (matches(opt, '-Version')) return ok('bridge utility, iproute2-6.1.0, libbpf 1.3.0\n');
      if (matches(opt, '-help')) return { stdout: '', stderr: USAGE, exitCode: 255 };
      if (matches(opt, '-details')) details = true;
      else if (!(matches(opt, '-statistics') || matches(opt, '-color') || matches(opt, '-oneline'))) return fail(`Option "${opt}" is unknown, try "bridge help".\n`, 255);
    }
    if (!args.length) return { stdout: '', stderr: USAGE, exitCode: 255 };
    const obj = args.shift()!;
    const ns = ctx.session?.netns();
    if (matches(obj, 'help')) return { stdout: '', stderr: USAGE, exitCode: 255 };
    const object = ['link', 'fdb', 'mdb', 'vlan', 'vni', 'monitor'].find((o) => matches(obj, o));
    if (!object) return fail(`Object "${obj}" is unknown, try "bridge help".\n`, 255);
    if (!ns) return fail('Cannot open netlink socket: Operation not permitted\n', 1);
    const sub = args[0];
    if (object === 'link' && sub && (matches(sub, 'set') || matches(sub, 'change'))) {
      if (ns.kind === 'pod') return fail('RTNETLINK answers: Operation not permitted\n', 2);
      return linkSet(args.slice(1), ns, (dev, flags) => ctx.session?.setBridgePort(dev, flags) ?? false);
    }
    if (sub && ['add', 'del', 'delete', 'replace', 'append', 'set', 'flush'].some((c) => matches(sub, c))) {
      return ns.kind === 'pod' ? fail('RTNETLINK answers: Operation not permitted\n', 2) : fail('bridge: changing bridges by hand is not modelled in this simulated cluster; the CNI owns them\n', 2);
    }
    const rest = sub && (matches(sub, 'show') || matches(sub, 'list')) ? args.slice(1) : args;
    const filter: { dev?: string; br?: string } = {};
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === 'dev') filter.dev = rest[++i];
      else if (rest[i] === 'br' || rest[i] === 'master') filter.br = rest[++i];
      else return fail(`Command "${rest[i]}" is unknown, try "bridge ${object} help".\n`, 255);
    }
    for (const d of [filter.dev, filter.br]) if (d !== undefined && !ns.links.some((l) => l.name === d)) return fail(`Cannot find device "${d}"\n`, 1);
    switch (object) {
      case 'link':
        return ok(links(ns, filter.dev, details));
      case 'fdb':
        return ok(fdb(ns, filter));
      case 'vlan':
        return ok(vlans(ns, filter.dev));
      default:
        return ok('');
    }
  },
};

function links(ns: Netns, dev: string | undefined, details: boolean): string {
  return ns.links
    .filter((l) => l.master && (!dev || l.name === dev))
    .map((l) => `${l.ifindex}: ${linkLabel(l)}: <${l.flags.join(',')}> mtu ${l.mtu} master ${l.master} state forwarding priority 32 cost 2 ${details ? portDetails(l) : ''}\n`)
    .join('');
}

/**
 * `-d`: the port's flags on a second line, as print_protinfo prints them (iproute2 6.1,
 * bridge/link.c: each "%s %s " in its order, after `_SL_` and four spaces), with the values the
 * kernel gives a veth the bridge plugin enslaved; hairpin is the CNI's (or the learner's),
 * isolated only ever the learner's.
 */
function portDetails(l: Link): string {
  const on = (v: boolean | undefined) => (v ? 'on' : 'off');
  return `\n    hairpin ${on(l.hairpin)} guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated ${on(l.isolated)} locked off `;
}

/**
 * iproute2's print_fdb: each field printed as "%s " in its order (mac, dev, dst, vlan, flags such
 * as self, master), then the state and the newline. A learned entry's state (NUD_REACHABLE) is
 * the empty string, so its line ends in "master cni0 " with the space.
 */
function fdbLine(e: FdbEntry): string {
  let s = `${e.mac} dev ${e.dev} `;
  if (e.dst) s += `dst ${e.dst} `;
  if (e.vlan !== undefined) s += `vlan ${e.vlan} `;
  if (e.self) s += 'self ';
  if (e.master) s += `master ${e.master} `;
  return `${s}${e.permanent ? 'permanent' : ''}\n`;
}

function fdb(ns: Netns, f: { dev?: string; br?: string }): string {
  const order = (dev: string) => ns.links.find((l) => l.name === dev)?.ifindex ?? 0;
  return ns.fdb
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => (!f.dev || e.dev === f.dev) && (!f.br || e.master === f.br))
    .sort((a, b) => order(a.e.dev) - order(b.e.dev) || a.i - b.i)
    .map(({ e }) => fdbLine(e))
    .join('');
}

function vlans(ns: Netns, dev?: string): string {
  const ports = ns.links.filter((l) => (l.master || l.kind === 'bridge') && (!dev || l.name === dev));
  if (!ports.length) return '';
  return `port              vlan-id  \n${ports.map((l) => `${l.name.padEnd(17)} 1 PVID Egress Untagged\n`).join('')}`;
}

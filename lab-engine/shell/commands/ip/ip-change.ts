// `ip link add|del|set`, `ip addr add|del`, `ip route add|del|replace` on a node: the words parsed
// in iproute2's order into a hand-made change (dataplane/netns/hand-built), which the session
// applies to the node's model and keeps; the kernel's refusals come back in iproute2's words
// (ip-errors.ts). `ns` is where the change is made: '' for the node's root netns, or the name of a
// netns made with `ip netns add` (the shell is inside it through `ip netns exec`, or `ip -n`).
// Devices a CNI made, flush, `ip neigh` changes and link types other than veth and bridge are not
// modelled and say so.

import type { CommandOutput } from '../../command-types';
import { fail, ok } from '../../command-types';
import type { HandError, HandOp, LinkChange } from '../../../dataplane/netns/hand-built';
import { formatIPv4, mustParseIPv4, parseCidr } from '../../../kube/ipv4';
import { duparg, handErrorOutput, invarg, notAddress, notPrefix } from './ip-errors';

/** IFNAMSIZ - 1: the longest interface name the kernel takes. */
const MAX_IFNAME = 15;

export type Change = (op: HandOp) => HandError | undefined;

const matches = (w: string, k: string) => w.length > 0 && k.startsWith(w);

function apply(change: Change, ops: HandOp[], verb: 'link-netns' | 'other' = 'other'): CommandOutput {
  for (const op of ops) {
    const e = change(op);
    if (e) return handErrorOutput(e, op.op === 'link-set' && op.change.kind === 'netns' ? 'link-netns' : verb);
  }
  return ok('');
}

function validIfname(name: string): boolean {
  return name.length > 0 && name.length <= MAX_IFNAME && !/[\s/:]/.test(name) && name !== '.' && name !== '..';
}

/** `ip link add [name] NAME type veth|bridge [peer [name] PEER [netns NS]]`, `ip link del [dev] NAME`, `ip link set [dev] NAME …`. */
export function linkChange(sub: string, args: string[], ns: string, change: Change): CommandOutput {
  if (matches(sub, 'add')) return linkAdd(args, ns, change);
  if (matches(sub, 'delete')) {
    const words = args[0] === 'dev' ? args.slice(1) : args;
    if (!words.length) return fail('Not enough information: "dev" argument is required.\n', 1);
    if (words.length > 1) return duparg('dev', words[1]);
    return apply(change, [{ op: 'link-del', ns, name: words[0] }]);
  }
  if (matches(sub, 'set') || matches(sub, 'change')) return linkSet(args, ns, change);
  return fail(`ip link ${sub}: not modelled in this simulated cluster (ip link add, del and set are)\n`, 2);
}

function linkAdd(args: string[], ns: string, change: Change): CommandOutput {
  let name: string | undefined;
  let type: string | undefined;
  let peer: string | undefined;
  let peerNetns: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === 'type') {
      type = args[++i];
      if (type === 'veth' && args[i + 1] === 'peer') {
        i++;
        if (args[i + 1] === 'name') i++;
        peer = args[++i];
        if (peer === undefined) return fail('Command line is not complete. Try option "help"\n', 255);
        if (!validIfname(peer)) return invarg('"name" not a valid ifname', peer);
        if (args[i + 1] === 'netns') {
          i++;
          peerNetns = args[++i];
        }
      }
      if (i + 1 < args.length) return fail(`ip link add: the ${type ?? ''} options after "${args[i + 1]}" are not modelled in this simulated cluster\n`, 2);
    } else if (w === 'name' || w === 'dev') {
      if (name !== undefined) return duparg('name', args[i + 1] ?? w);
      name = args[++i];
    } else if (name === undefined && !w.startsWith('-')) name = w;
    else return duparg('name', w);
  }
  if (name === undefined) return fail('Not enough information: "dev" argument is required.\n', 1);
  if (!validIfname(name)) return invarg('"name" not a valid ifname', name);
  if (type === undefined) return fail('Not enough information: "type" argument is required\n', 1);
  if (type === 'bridge') return apply(change, [{ op: 'link-add', ns, name, type: 'bridge' }]);
  if (type !== 'veth') return fail(`ip link add: type ${type} is not modelled in this simulated cluster (veth and bridge are)\n`, 2);
  const ops: HandOp[] = [{ op: 'link-add', ns, name, type: 'veth', ...(peer !== undefined ? { peer } : {}) }];
  if (peerNetns !== undefined && peer !== undefined) ops.push({ op: 'link-set', ns, name: peer, change: { kind: 'netns', to: peerNetns } });
  return apply(change, ops);
}

function linkSet(args: string[], ns: string, change: Change): CommandOutput {
  let dev: string | undefined;
  const changes: LinkChange[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const value = (): string | undefined => args[++i];
    if (w === 'up') changes.push({ kind: 'up' });
    else if (w === 'down') changes.push({ kind: 'down' });
    else if (w === 'mtu') {
      const v = value();
      if (v === undefined) return fail('Command line is not complete. Try option "help"\n', 255);
      if (!/^\d+$/.test(v)) return invarg('Invalid "mtu" value', v);
      changes.push({ kind: 'mtu', mtu: Number(v) });
    } else if (w === 'master') {
      const v = value();
      if (v === undefined) return fail('Command line is not complete. Try option "help"\n', 255);
      changes.push({ kind: 'master', master: v });
    } else if (w === 'nomaster') changes.push({ kind: 'nomaster' });
    else if (w === 'netns') {
      const v = value();
      if (v === undefined) return fail('Command line is not complete. Try option "help"\n', 255);
      changes.push({ kind: 'netns', to: v });
    } else if (w === 'dev') {
      if (dev !== undefined) return duparg('dev', args[i + 1] ?? w);
      dev = value();
    } else if (dev === undefined) dev = w;
    else if (['name', 'address', 'txqueuelen', 'qlen', 'arp', 'multicast', 'promisc', 'alias', 'group', 'type'].includes(w)) return fail(`ip link set: "${w}" is not modelled in this simulated cluster (up, down, mtu, master, nomaster, netns are)\n`, 2);
    else return duparg('dev', w);
  }
  if (dev === undefined) return fail('Not enough information: "dev" argument is required.\n', 1);
  return apply(change, changes.map((c) => ({ op: 'link-set', ns, name: dev!, change: c })));
}

/** A word as get_prefix reads it: IPv4 with an optional /N (none means /32). */
function parsePrefix(w: string): { address: string; prefix: number; bare: boolean } | undefined {
  const [ip, bits, extra] = w.split('/');
  if (extra !== undefined || !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return undefined;
  try {
    mustParseIPv4(ip);
  } catch {
    return undefined;
  }
  if (bits !== undefined && (!/^\d{1,2}$/.test(bits) || Number(bits) > 32)) return undefined;
  return { address: ip, prefix: bits === undefined ? 32 : Number(bits), bare: bits === undefined };
}

/** `ip addr add|del ADDR[/N] [brd +|ADDR] dev NAME`. */
export function addrChange(sub: string, args: string[], ns: string, change: Change): CommandOutput {
  const del = matches(sub, 'delete');
  if (!del && !matches(sub, 'add')) return fail(`ip address ${sub}: not modelled in this simulated cluster (ip address add and del are)\n`, 2);
  let local: { address: string; prefix: number; bare: boolean } | undefined;
  let dev: string | undefined;
  let brd: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === 'dev') {
      if (dev !== undefined) return duparg('dev', args[i + 1] ?? w);
      dev = args[++i];
    } else if (w === 'brd' || w === 'broadcast') brd = args[++i];
    else if (w === 'scope' || w === 'label') i++;
    else {
      const word = w === 'local' ? args[++i] ?? '' : w;
      if (local !== undefined) return duparg('local', word);
      local = parsePrefix(word);
      if (!local) return notPrefix(word);
    }
  }
  if (!local) return fail('Not enough information: "local" argument is required.\n', 1);
  if (dev === undefined) return fail('Not enough information: "dev" argument is required.\n', 1);
  let broadcast: string | undefined;
  if (brd === '+' || brd === '-') {
    const { network, size } = parseCidr(`${local.address}/${local.prefix}`);
    if (brd === '+' && local.prefix < 31) broadcast = formatIPv4(network + size - 1);
  } else if (brd !== undefined) {
    if (!parsePrefix(brd)?.bare) return notAddress(brd);
    broadcast = brd;
  }
  if (del) return apply(change, [{ op: 'addr-del', ns, dev, address: local.address, ...(local.bare ? {} : { prefix: local.prefix }) }]);
  return apply(change, [{ op: 'addr-add', ns, dev, address: local.address, prefix: local.prefix, ...(broadcast ? { broadcast } : {}) }]);
}

/** `ip route add|del|replace DST [via GW] [dev DEV]`. */
export function routeChange(sub: string, args: string[], ns: string, change: Change): CommandOutput {
  const kind = matches(sub, 'add') ? 'route-add' : matches(sub, 'delete') ? 'route-del' : matches(sub, 'replace') ? 'route-replace' : undefined;
  if (!kind) return fail(`ip route ${sub}: not modelled in this simulated cluster (ip route add, del and replace are)\n`, 2);
  let dst: string | undefined;
  let via: string | undefined;
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === 'via') {
      if (via !== undefined) return duparg('via', args[i + 1] ?? w);
      const v = args[++i];
      const parsed = v === undefined ? undefined : parsePrefix(v);
      if (!parsed?.bare) return notAddress(v ?? '');
      via = parsed.address;
    } else if (w === 'dev' || w === 'oif') {
      if (dev !== undefined) return duparg('dev', args[i + 1] ?? w);
      dev = args[++i];
    } else if (w === 'to') continue;
    else if (w === 'proto' || w === 'metric' || w === 'src' || w === 'scope' || w === 'table') return fail(`ip route: "${w}" is not modelled in this simulated cluster (dst, via and dev are)\n`, 2);
    else if (dst === undefined) {
      if (w === 'default') dst = 'default';
      else {
        const p = parsePrefix(w);
        if (!p) return notPrefix(w);
        const { network } = parseCidr(`${p.address}/${p.prefix}`);
        // The kernel refuses host bits under the mask (fib_valid_prefix / rtm_to_fib_config).
        if (formatIPv4(network) !== p.address) return fail('Error: Invalid prefix for given prefix length.\n', 2);
        dst = `${p.address}/${p.prefix}`;
      }
    } else return duparg('to', w);
  }
  if (dst === undefined) return fail('RTNETLINK answers: Invalid argument\n', 2);
  if (kind !== 'route-del' && via === undefined && dev === undefined) return fail('RTNETLINK answers: No such device\n', 2);
  return apply(change, [{ op: kind, ns, dst, ...(via ? { via } : {}), ...(dev !== undefined ? { dev } : {}) }]);
}

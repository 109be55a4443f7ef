// wg (wireguard-tools 1.0) on a node: reads the WireGuard devices of the node's kernel (the
// `wireguard` field Calico's Felix put on wireguard.cali, dataplane/cni/calico/wireguard.ts).
// - `wg` / `wg show [all|<interface>]`: the pretty listing (show.c's pretty_print, no colour off a
//   terminal): interface, public key, `private key: (hidden)`, listening port, fwmark in hex, then
//   each peer with endpoint and allowed ips;
// - `wg show <interface|all> public-key|listen-port|fwmark|peers|endpoints|allowed-ips`, `wg show
//   interfaces`: show.c's ugly_print, tab-separated, one line per peer;
// - `wg --help`, and show.c's errors for a device that is not WireGuard or does not exist.
// Writing subcommands (set, setconf, genkey...) answer that the model is read-only here.
// Simplification: no handshake or transfer lines (the model keeps no per-peer counters).
// Source: wireguard-tools src/wg.c (usage), src/show.c (formats and errors).

import { fail, ok, type CommandOutput, type ShellCommand } from '../../command-types';
import type { Link, Netns, WireguardDevice } from '../../../dataplane/netns/types';

const USAGE = `Usage: wg <cmd> [<args>]

Available subcommands:
  show: Shows the current configuration and device information
  showconf: Shows the current configuration of a given WireGuard interface, for use with \`setconf'
  set: Change the current configuration, add peers, remove peers, or change peers
  setconf: Applies a configuration file to a WireGuard interface
  addconf: Appends a configuration file to a WireGuard interface
  syncconf: Synchronizes a configuration file to a WireGuard interface
  genkey: Generates a new private key and writes it to stdout
  genpsk: Generates a new preshared key and writes it to stdout
  pubkey: Reads a private key from stdin and writes a public key to stdout
You may pass \`--help' to any of these subcommands to view usage.
`;

const SHOW_USAGE = 'Usage: wg show { <interface> | all | interfaces } [public-key | private-key | listen-port | fwmark | peers | preshared-keys | endpoints | allowed-ips | latest-handshakes | transfer | persistent-keepalive | dump]\n';
const FIELDS = ['public-key', 'private-key', 'listen-port', 'fwmark', 'peers', 'preshared-keys', 'endpoints', 'allowed-ips', 'latest-handshakes', 'transfer', 'persistent-keepalive', 'dump'] as const;
type Field = (typeof FIELDS)[number];
const WRITERS = ['showconf', 'set', 'setconf', 'addconf', 'syncconf', 'genkey', 'genpsk', 'pubkey'];

type WgLink = Link & { wireguard: WireguardDevice };

export const wg: ShellCommand = {
  name: 'wg',
  run(ctx): CommandOutput {
    const [sub = 'show', ...rest] = ctx.args;
    if (sub === '--help' || sub === '-h' || sub === 'help') return ok(USAGE);
    if (WRITERS.includes(sub)) return fail(`wg ${sub}: not simulated here: Calico's Felix owns wireguard.cali's keys and peers (set them through a FelixConfiguration)\n`, 1);
    if (sub !== 'show') return { stdout: '', stderr: `Invalid subcommand: \`${sub}'\n${USAGE}`, exitCode: 1 };
    const ns = ctx.session?.netns();
    if (!ns) return fail('Unable to access interface: Operation not permitted\n', 1);
    return show(ns, rest);
  },
};

function devices(ns: Netns): WgLink[] {
  return ns.links.filter((l): l is WgLink => l.kind === 'wireguard' && l.wireguard !== undefined);
}

function show(ns: Netns, args: readonly string[]): CommandOutput {
  if (args.length > 2 || args[0] === '--help' || args[0] === '-h') return { stdout: '', stderr: SHOW_USAGE, exitCode: args[0]?.startsWith('-') ? 0 : 1 };
  const [which = 'all', fieldWord] = args;
  if (which === 'interfaces') {
    if (fieldWord !== undefined) return { stdout: '', stderr: SHOW_USAGE, exitCode: 1 };
    const names = devices(ns).map((d) => d.name);
    return ok(names.length ? `${names.join(' ')}\n` : '');
  }
  let field: Field | undefined;
  if (fieldWord !== undefined) {
    field = FIELDS.find((f) => f === fieldWord);
    if (!field) return { stdout: '', stderr: SHOW_USAGE, exitCode: 1 };
  }
  let selected: WgLink[];
  if (which === 'all') selected = devices(ns);
  else {
    const link = ns.links.find((l) => l.name === which);
    // show.c: ipc_get_device fails with the kernel's errno (no device, or not a WireGuard one).
    if (!link) return fail(`Unable to access interface: No such device\n`, 1);
    if (link.kind !== 'wireguard' || !link.wireguard) return fail(`Unable to access interface: Operation not supported\n`, 1);
    selected = [link as WgLink];
  }
  if (!field) return ok(selected.map(pretty).join('\n'));
  return ok(selected.map((d) => ugly(d, field, which === 'all')).join(''));
}

/** show.c's pretty_print: the interface block, then a blank line and a block per peer. */
export function pretty(d: WgLink): string {
  const w = d.wireguard;
  const lines = [`interface: ${d.name}`, `  public key: ${w.publicKey}`, '  private key: (hidden)', `  listening port: ${w.listenPort}`];
  if (w.fwmark) lines.push(`  fwmark: 0x${w.fwmark.toString(16)}`);
  for (const p of w.peers) {
    lines.push('', `peer: ${p.publicKey}`);
    lines.push(`  endpoint: ${p.endpoint}`);
    lines.push(`  allowed ips: ${p.allowedIps.length ? p.allowedIps.join(', ') : '(none)'}`);
  }
  return lines.join('\n') + '\n';
}

/** show.c's ugly_print: one value per line, peers' lines keyed by public key, `all` prefixes the interface. */
function ugly(d: WgLink, field: Field, all: boolean): string {
  const w = d.wireguard;
  const prefix = all ? `${d.name}\t` : '';
  switch (field) {
    case 'public-key':
      return `${prefix}${w.publicKey}\n`;
    case 'private-key':
      return `${prefix}(hidden)\n`;
    case 'listen-port':
      return `${prefix}${w.listenPort}\n`;
    case 'fwmark':
      return `${prefix}${w.fwmark ? `0x${w.fwmark.toString(16)}` : 'off'}\n`;
    case 'peers':
      return w.peers.map((p) => `${prefix}${p.publicKey}\n`).join('');
    case 'preshared-keys':
      return w.peers.map((p) => `${prefix}${p.publicKey}\t(none)\n`).join('');
    case 'endpoints':
      return w.peers.map((p) => `${prefix}${p.publicKey}\t${p.endpoint}\n`).join('');
    case 'allowed-ips':
      return w.peers.map((p) => `${prefix}${p.publicKey}\t${p.allowedIps.join(' ') || '(none)'}\n`).join('');
    case 'latest-handshakes':
      return w.peers.map((p) => `${prefix}${p.publicKey}\t0\n`).join('');
    case 'transfer':
      return w.peers.map((p) => `${prefix}${p.publicKey}\t0\t0\n`).join('');
    case 'persistent-keepalive':
      return w.peers.map((p) => `${prefix}${p.publicKey}\toff\n`).join('');
    case 'dump':
      return [`${prefix}(hidden)\t${w.publicKey}\t${w.listenPort}\t0x${w.fwmark.toString(16)}\n`, ...w.peers.map((p) => `${prefix}${p.publicKey}\t(none)\t${p.endpoint}\t${p.allowedIps.join(',')}\t0\t0\t0\toff\n`)].join('');
    default: {
      const never: never = field;
      return never;
    }
  }
}

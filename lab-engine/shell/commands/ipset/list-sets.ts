// How ipset 7.x prints a node's sets: `ipset list` (plain: Name/Type/Revision/Header/Size in
// memory/References/Number of entries/Members), its terse and name-only forms, and `ipset save`
// (create/add lines). Revisions are the newest each set type has on the node's 6.8 kernel
// (net/netfilter/ipset/ip_set_*.c IPSET_TYPE_REV_MAX: hash:ip 6 and hash:ip,port 7 with bitmask
// support, hash:ip,port,ip 6 and hash:ip,port,net 8 with bucketsize/initval, bitmap:port 3), so the
// hash headers carry `bucketsize 12 initval 0x…`. kube-proxy creates its sets without the comment
// extension, so no header says `comment` and no member carries one.
//
// Two values are the kernel's own and only modelled: `initval` (a random jhash seed at create
// time; here a hash of node and set name, so a session is stable) and `Size in memory` (the
// allocator's accounting; here a fixed size per type plus one bucket per entry).

import type { IpSet, IpsetType } from '../../../dataplane/kube-proxy/ipsets';
import type { NodeTables } from '../../../dataplane/kube-proxy/netfilter/node-tables';

export const IPSET_VERSION = 'v7.19';
export const IPSET_PROTOCOL = 7;

const REVISION: Readonly<Record<IpsetType, number>> = { 'hash:ip': 6, 'hash:ip,port': 7, 'hash:ip,port,ip': 6, 'hash:ip,port,net': 8, 'bitmap:port': 3, 'hash:net': 7 };

/** Bytes: the empty set, and one bucket (header + its first two element slots) per entry. */
const MEMORY: Readonly<Record<IpsetType, { base: number; perEntry: number }>> = {
  'hash:ip': { base: 200, perEntry: 40 },
  'hash:ip,port': { base: 200, perEntry: 48 },
  'hash:ip,port,ip': { base: 200, perEntry: 56 },
  'hash:ip,port,net': { base: 712, perEntry: 64 },
  'bitmap:port': { base: 8264, perEntry: 0 },
  'hash:net': { base: 1256, perEntry: 48 },
};

export interface SetListing {
  sets: readonly IpSet[];
  tables: NodeTables;
  node: string;
}

/** FNV-1a of node and set name: stands in for the jhash seed the kernel draws at create time. */
export function initval(node: string, set: string): string {
  let h = 0x811c9dc5;
  for (const c of `${node}/${set}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `0x${h.toString(16).padStart(8, '0')}`;
}

function header(set: IpSet, node: string): string {
  return set.type === 'bitmap:port' ? 'range 0-65535' : `family inet hashsize 1024 maxelem ${set.maxelem ?? 65536} bucketsize 12 initval ${initval(node, set.name)}`;
}

/** Each iptables rule with `-m set --match-set NAME` holds a reference to the set. */
export function references(tables: NodeTables, name: string): number {
  let n = 0;
  for (const table of [tables.mangle, tables.filter, tables.nat]) {
    for (const c of table.chains) for (const r of c.rules) for (const m of r.matches) if (m.module === 'set' && m.setName === name) n++;
  }
  return n;
}

function members(set: IpSet, sorted: boolean): string[] {
  if (set.type === 'bitmap:port') return [...set.members].sort((a, b) => Number(a) - Number(b));
  return sorted ? [...set.members].sort() : set.members;
}

export interface ListOptions {
  terse: boolean;
  namesOnly: boolean;
  sorted: boolean;
}

/** `ipset list [-t|-n] [-s]`: sets separated by one blank line. */
export function renderList(l: SetListing, o: ListOptions): string {
  if (o.namesOnly) return l.sets.map((s) => `${s.name}\n`).join('');
  const blocks = l.sets.map((s) => {
    const lines = [
      `Name: ${s.name}`,
      `Type: ${s.type}`,
      `Revision: ${REVISION[s.type]}`,
      `Header: ${header(s, l.node)}`,
      `Size in memory: ${MEMORY[s.type].base + MEMORY[s.type].perEntry * s.members.length}`,
      `References: ${references(l.tables, s.name)}`,
      `Number of entries: ${s.members.length}`,
    ];
    if (!o.terse) lines.push('Members:', ...members(s, o.sorted));
    return lines.map((x) => `${x}\n`).join('');
  });
  return blocks.join('\n');
}

/** `ipset save`: what `ipset restore` reads back. */
export function renderSave(l: SetListing, sorted: boolean): string {
  const lines: string[] = [];
  for (const s of l.sets) {
    lines.push(`create ${s.name} ${s.type} ${header(s, l.node)}`);
    for (const m of members(s, sorted)) lines.push(`add ${s.name} ${m}`);
  }
  return lines.map((x) => `${x}\n`).join('');
}

// `nft list` output for kube-proxy's table, in nft 1.0.9's layout (Ubuntu 24.04's nftables): tab
// indentation, one blank line between objects, symbolic priorities where nft has a name for the
// hook (`dstnat - 10` in prerouting, `-110` in output), marks as 0x%08x, map elements of
// concatenated keys one per line under `elements = { `.

import type { NftBaseChain, NftChain, NftElement, NftMatch, NftRule, NftSet, NftStatement, NftTable, NftVerdict } from './ruleset';

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/** nft's standard priority names for family ip, and the hooks each is valid in. */
function priorityText(b: NftBaseChain): string {
  const names: readonly [string, number, readonly string[]][] = [
    ['raw', -300, ['prerouting', 'input', 'forward', 'output', 'postrouting']],
    ['mangle', -150, ['prerouting', 'input', 'forward', 'output', 'postrouting']],
    ['dstnat', -100, ['prerouting']],
    ['filter', 0, ['prerouting', 'input', 'forward', 'output', 'postrouting']],
    ['security', 50, ['prerouting', 'input', 'forward', 'output', 'postrouting']],
    ['srcnat', 100, ['postrouting']],
  ];
  for (const [name, value, hooks] of names) {
    if (!hooks.includes(b.hook)) continue;
    const off = b.priority - value;
    if (off === 0) return name;
    if (Math.abs(off) <= 10) return `${name} ${off < 0 ? '-' : '+'} ${Math.abs(off)}`;
  }
  return String(b.priority);
}

export function formatVerdict(v: NftVerdict): string {
  return v.kind === 'jump' || v.kind === 'goto' ? `${v.kind} ${v.chain}` : v.kind;
}

function formatMatch(m: NftMatch): string {
  switch (m.kind) {
    case 'ct-state-new':
      return 'ct state new';
    case 'daddr':
    case 'saddr':
      return `ip ${m.kind} ${m.negate ? '!= ' : ''}${m.value}`;
    case 'addr-in':
      // nft turns a one-element anonymous set into a plain comparison.
      return `ip ${m.field} ${m.negate ? '!= ' : ''}${m.values.length === 1 ? m.values[0] : `{ ${m.values.join(', ')} }`}`;
    case 'addr-in-set':
      return `ip ${m.field} @${m.set}`;
    case 'fib-saddr-local':
      return 'fib saddr type local';
    case 'mark-clear':
      return `meta mark & ${hex(m.mask)} == ${hex(0)}`;
    default: {
      const never: never = m;
      return never;
    }
  }
}

function formatStatement(s: NftStatement): string {
  switch (s.kind) {
    case 'verdict':
      return formatVerdict(s.verdict);
    case 'reject':
      return 'reject';
    case 'vmap':
      return `${s.key === 'daddr.l4proto.dport' ? 'ip daddr . ' : ''}meta l4proto . th dport vmap @${s.map}`;
    case 'numgen':
      return `numgen random mod ${s.targets.length} vmap { ${s.targets.map((t, i) => `${i} : goto ${t}`).join(', ')} }`;
    case 'mark-or':
      return `meta mark set meta mark | ${hex(s.mark)}`;
    case 'mark-xor':
      return `meta mark set meta mark ^ ${hex(s.mark)}`;
    case 'masquerade':
      return s.fullyRandom ? 'masquerade fully-random' : 'masquerade';
    case 'dnat':
      return `meta l4proto ${s.proto} dnat to ${s.ip}:${s.port}`;
    case 'update-set':
      return `update @${s.set} { ip saddr }`;
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** One rule as `nft list` prints it (no handle). */
export function formatNftRule(r: NftRule): string {
  const parts = [...r.match.map(formatMatch), formatStatement(r.statement)];
  if (r.comment !== undefined) parts.push(`comment "${r.comment}"`);
  return parts.join(' ');
}

function formatElement(e: NftElement): string {
  const key = e.key.join(' . ') + (e.comment !== undefined ? ` comment "${e.comment}"` : '');
  return e.value ? `${key} : ${formatVerdict(e.value)}` : key;
}

function formatTimeout(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.join('');
}

/** `set NAME { ... }` / `map NAME { ... }` at the given indent (1 inside a table). */
export function formatNftSet(s: NftSet, indent = 1): string {
  const t = '\t'.repeat(indent);
  const lines = [`${t}${s.kind} ${s.name} {`, `${t}\ttype ${s.type}`];
  if (s.flags?.length) lines.push(`${t}\tflags ${s.flags.join(',')}`);
  if (s.timeout !== undefined) lines.push(`${t}\ttimeout ${formatTimeout(s.timeout)}`);
  if (s.comment !== undefined) lines.push(`${t}\tcomment "${s.comment}"`);
  if (s.elements.length > 0) {
    const oneLine = s.kind === 'set' && !s.type.includes(' . ');
    const sep = oneLine ? ', ' : `,\n${t}\t\t     `;
    lines.push(`${t}\telements = { ${s.elements.map(formatElement).join(sep)} }`);
  }
  lines.push(`${t}}`);
  return lines.join('\n');
}

export function formatNftChain(c: NftChain, indent = 1): string {
  const t = '\t'.repeat(indent);
  const lines = [`${t}chain ${c.name} {`];
  if (c.comment !== undefined) lines.push(`${t}\tcomment "${c.comment}"`);
  if (c.base) lines.push(`${t}\ttype ${c.base.type} hook ${c.base.hook} priority ${priorityText(c.base)}; policy accept;`);
  for (const r of c.rules) lines.push(`${t}\t${formatNftRule(r)}`);
  lines.push(`${t}}`);
  return lines.join('\n');
}

/** `nft list table ip kube-proxy`. */
export function formatNftTable(table: NftTable): string {
  const head = [`table ${table.family} ${table.name} {`];
  if (table.comment !== undefined) head.push(`\tcomment "${table.comment}"`);
  const objects = [...table.sets.map((s) => formatNftSet(s)), ...table.chains.map((c) => formatNftChain(c))];
  return `${head.join('\n')}\n${objects.join('\n\n')}\n}\n`;
}

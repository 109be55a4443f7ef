// `nft` (nftables 1.0.9, Ubuntu 24.04's) reading a node's ruleset: `list ruleset`, `list tables`,
// `list table`, `list chain`, `list set`, `list map`, `list chains|sets|maps`, with the options
// that only shape output (-n, -s, -t, -c). kube-proxy's `table ip kube-proxy` (nftables mode) is
// printed in full; iptables-nft's own tables (what iptables-save shows) are named by `list tables`
// but not translated into nft syntax. Errors use nft's words: `Error: syntax error, ...` and
// `Error: No such file or directory` with the command line and carets under the culprit.

import type { NftTable } from '../../../dataplane/kube-proxy/nftables';
import { formatNftChain, formatNftSet, formatNftTable } from '../../../dataplane/kube-proxy/nftables';
import type { CommandOutput } from '../../command-types';

export interface NodeNftables {
  /** Tables nft can print: kube-proxy's in nftables mode. */
  tables: readonly NftTable[];
  /** Tables iptables-nft keeps for iptables' rules (`table ip nat`...), named but not translated. */
  iptablesTables: readonly { family: string; name: string }[];
}

const FAMILIES = new Set(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);

const ok = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string): CommandOutput => ({ stdout: '', stderr, exitCode: 1 });

/** nft's error: the message, the command line, carets under the words at [from, to). */
function nftError(message: string, words: readonly string[], from: number, to = from + 1): CommandOutput {
  const line = words.join(' ');
  const start = words.slice(0, from).reduce((n, w) => n + w.length + 1, 0);
  const width = Math.max(1, words.slice(from, to).join(' ').length);
  return fail(`Error: ${message}\n${line}\n${' '.repeat(start)}${'^'.repeat(width)}\n`);
}

export function runNft(args: readonly string[], state: NodeNftables): CommandOutput {
  const words: string[] = [];
  let terse = false;
  for (const a of args) {
    if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 't') terse = true;
        else if (!'nscya'.includes(f)) return fail(`nft: invalid option -- '${f}'\n`);
      }
    } else if (a === '--terse') terse = true;
    else if (a === '--numeric' || a === '--stateless' || a === '--handle') continue;
    else if (a.startsWith('--')) return fail(`nft: unrecognized option '${a}'\n`);
    else words.push(...a.split(/\s+/).filter(Boolean));
  }
  if (words.length === 0) return ok('');
  const [verb, object] = words;
  if (['add', 'create', 'insert', 'replace', 'delete', 'destroy', 'flush', 'reset', 'rename'].includes(verb)) {
    return fail(`nft: changing the ruleset ("nft ${verb} ...") is not available in this simulated cluster yet\n`);
  }
  if (verb !== 'list') return nftError(`syntax error, unexpected string`, words, 0);
  if (object === undefined) return nftError('syntax error, unexpected end of file', words, 1);
  const tables = terse ? state.tables.map((t) => ({ ...t, sets: t.sets.map((s) => ({ ...s, elements: [] })) })) : state.tables;
  switch (object) {
    case 'ruleset': {
      const family = words[2];
      if (family !== undefined && !FAMILIES.has(family)) return nftError('syntax error, unexpected string', words, 2);
      return ok(tables.filter((t) => family === undefined || t.family === family).map(formatNftTable).join(''));
    }
    case 'tables': {
      const all = [...state.iptablesTables, ...tables.map((t) => ({ family: t.family, name: t.name }))];
      return ok(all.filter((t) => words[2] === undefined || t.family === words[2]).map((t) => `table ${t.family} ${t.name}\n`).join(''));
    }
    case 'chains':
    case 'sets':
    case 'maps':
      return ok(
        tables
          .map((t) => {
            const inner = object === 'chains' ? t.chains.map((c) => formatNftChain({ ...c, rules: [] })) : t.sets.filter((s) => `${s.kind}s` === object).map((s) => formatNftSet({ ...s, elements: [] }));
            return inner.length ? `table ${t.family} ${t.name} {\n${inner.join('\n')}\n}\n` : '';
          })
          .join(''),
      );
    case 'table':
    case 'chain':
    case 'set':
    case 'map':
      return listOne(object, words, tables, state);
    default:
      return nftError('syntax error, unexpected string', words, 1);
  }
}

function listOne(object: 'table' | 'chain' | 'set' | 'map', words: readonly string[], tables: readonly NftTable[], state: NodeNftables): CommandOutput {
  // [family] table [name]: the family is optional and defaults to ip.
  const hasFamily = words[2] !== undefined && FAMILIES.has(words[2]) && words[3] !== undefined;
  const family = hasFamily ? words[2] : 'ip';
  const tableAt = hasFamily ? 3 : 2;
  const tableName = words[tableAt];
  if (tableName === undefined) return nftError('syntax error, unexpected end of file', words, words.length - 1);
  const table = tables.find((t) => t.family === family && t.name === tableName);
  if (!table) {
    if (state.iptablesTables.some((t) => t.family === family && t.name === tableName)) {
      return fail(`nft: listing iptables-nft's table ${family} ${tableName} is not available in this simulated cluster yet; iptables-save shows its rules\n`);
    }
    return nftError('No such file or directory', words, tableAt);
  }
  if (object === 'table') return words.length > tableAt + 1 ? nftError('syntax error, unexpected string', words, tableAt + 1) : ok(formatNftTable(table));
  const name = words[tableAt + 1];
  if (name === undefined) return nftError('syntax error, unexpected end of file', words, words.length - 1);
  const wrap = (body: string) => ok(`table ${table.family} ${table.name} {\n${body}\n}\n`);
  if (object === 'chain') {
    const chain = table.chains.find((c) => c.name === name);
    return chain ? wrap(formatNftChain(chain)) : nftError('No such file or directory', words, tableAt + 1);
  }
  const set = table.sets.find((s) => s.name === name && s.kind === object);
  return set ? wrap(formatNftSet(set)) : nftError('No such file or directory', words, tableAt + 1);
}

// `iptables` on a node: -L/--list [CHAIN], -S/--list-rules [CHAIN], -Z/--zero [CHAIN [RULENUM]]
// (alone, or with -L/-S: list, then zero), -V, with -t TABLE, -n, -v, -x, --line-numbers, -w.
// Options bundle as getopt allows (`-nvL`, `-tnat`); -L/-S/-Z take the next word as CHAIN when it
// is not an option. Errors read as xtables prints them. Commands that change rules are refused:
// kube-proxy owns these tables in the simulation; the counters are the kernel's to zero.

import { tableOf, type NodeTables } from '../../../dataplane/kube-proxy/netfilter/node-tables';
import { findChain } from '../../../dataplane/kube-proxy/netfilter/rule';
import { NO_COUNTERS, type NodeCounters } from '../../../dataplane/kube-proxy/netfilter/counter-store';
import type { CommandResult } from '../../command-types';
import { IPTABLES_BACKEND, IPTABLES_VERSION, parameterProblem } from './iptables-version';
import { renderList, renderListRules } from './list-rules';

const P = 'iptables';
const MODIFYING = new Set(['-A', '--append', '-I', '--insert', '-D', '--delete', '-R', '--replace', '-F', '--flush', '-N', '--new-chain', '-X', '--delete-chain', '-P', '--policy', '-E', '--rename-chain', '-C', '--check']);

type Command = 'L' | 'S';

export function runIptables(argv: readonly string[], tables: NodeTables, counters: NodeCounters = NO_COUNTERS): CommandResult {
  let command: Command | undefined;
  let zero = false;
  let zeroRule: number | undefined;
  let chain: string | undefined;
  let table: string = 'filter';
  let numeric = false;
  let verbose = false;
  let exact = false;
  let lineNumbers = false;
  const setCommand = (c: Command): CommandResult | undefined => {
    if (command && command !== c) return parameterProblem(P, `Cannot use -${c} with -${command}`);
    command = c;
    return undefined;
  };
  const takeChain = (i: number): number => {
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-')) {
      chain = next;
      return i + 1;
    }
    return i;
  };
  /** -Z [CHAIN [RULENUM]]: the rule number only right after the chain. */
  const takeZero = (i: number): number => {
    zero = true;
    const at = takeChain(i);
    if (at > i && /^\d+$/.test(argv[at + 1] ?? '')) {
      zeroRule = Number(argv[at + 1]);
      return at + 1;
    }
    return at;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (MODIFYING.has(a)) return { stdout: '', stderr: `${P}: the rules on this simulated node are programmed by kube-proxy; ${a} is not available (try -S or -L)\n`, exitCode: 4 };
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      switch (name) {
        case '--list':
        case '--list-rules': {
          const err = setCommand(name === '--list' ? 'L' : 'S');
          if (err) return err;
          i = takeChain(i);
          break;
        }
        case '--zero':
          i = takeZero(i);
          break;
        case '--table': {
          const v = inline ?? argv[++i];
          if (v === undefined) return parameterProblem(P, `option "--table" requires an argument`);
          table = v;
          break;
        }
        case '--numeric':
          numeric = true;
          break;
        case '--verbose':
          verbose = true;
          break;
        case '--exact':
          exact = true;
          break;
        case '--line-numbers':
          lineNumbers = true;
          break;
        case '--wait':
          if (inline === undefined && argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1])) i++;
          break;
        case '--version':
          return { stdout: `${P} ${IPTABLES_VERSION} (${IPTABLES_BACKEND})\n`, stderr: '', exitCode: 0 };
        case '--help':
          return { stdout: `${P} ${IPTABLES_VERSION}\n\nUsage: ${P} -[ACD] chain rule-specification [options]\n       ${P} -L [chain [rulenum]] [options]\n       ${P} -S [chain [rulenum]]\n`, stderr: '', exitCode: 0 };
        default:
          return parameterProblem(P, `unknown option "${a}"`);
      }
      continue;
    }
    if (!a.startsWith('-') || a === '-') return parameterProblem(P, `Bad argument \`${a}'`);
    // A bundle of short options: -nvL, -tnat, -L.
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      switch (c) {
        case 'L':
        case 'S': {
          const err = setCommand(c);
          if (err) return err;
          if (k === a.length - 1) i = takeChain(i);
          break;
        }
        case 'Z':
          if (k === a.length - 1) i = takeZero(i);
          else zero = true;
          break;
        case 't': {
          const rest = a.slice(k + 1);
          const v = rest || argv[++i];
          if (v === undefined) return parameterProblem(P, `option "-t" requires an argument`);
          table = v;
          k = a.length;
          break;
        }
        case 'n':
          numeric = true;
          break;
        case 'v':
          verbose = true;
          break;
        case 'x':
          exact = true;
          break;
        case 'w':
          if (k === a.length - 1 && argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1])) i++;
          break;
        case 'V':
          return { stdout: `${P} ${IPTABLES_VERSION} (${IPTABLES_BACKEND})\n`, stderr: '', exitCode: 0 };
        case 'h':
          return runIptables(['--help'], tables, counters);
        default:
          if (MODIFYING.has(`-${c}`)) return runIptables([`-${c}`], tables, counters);
          return parameterProblem(P, `unknown option "-${c}"`);
      }
    }
  }
  if (!command && !zero) return parameterProblem(P, 'no command specified');
  if (table !== 'filter' && table !== 'nat' && table !== 'mangle' && table !== 'raw') {
    return { stdout: '', stderr: `${P} ${IPTABLES_VERSION} (${IPTABLES_BACKEND}): table '${table}' does not exist\nPerhaps ${P} or your kernel needs to be upgraded.\n`, exitCode: 3 };
  }
  const t = tableOf(tables, table);
  const found = chain !== undefined ? findChain(t, chain) : undefined;
  if (chain !== undefined && !found) return { stdout: '', stderr: `${P}: No chain/target/match by that name.\n`, exitCode: 1 };
  if (zeroRule !== undefined && (zeroRule < 1 || zeroRule > (found?.rules.length ?? 0))) return { stdout: '', stderr: `${P}: Index of deletion too big.\n`, exitCode: 1 };
  let stdout = '';
  if (command === 'S') {
    if (numeric) return parameterProblem(P, 'Illegal option `-n\' with this command');
    if (lineNumbers) return parameterProblem(P, 'Illegal option `--line-numbers\' with this command');
    stdout = renderListRules(t, chain);
  } else if (command === 'L') {
    stdout = renderList(t, { numeric, verbose, exact, lineNumbers }, chain, counters);
  }
  // `-L -Z`: the listing shows the counters as they were, then they are zeroed.
  if (zero) counters.zero(table, chain, zeroRule !== undefined ? zeroRule - 1 : undefined);
  return { stdout, stderr: '', exitCode: 0 };
}

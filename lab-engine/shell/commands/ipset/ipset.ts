// `ipset` on a node, read-only: list [SETNAME], save [SETNAME], help, version, with the global
// options ipset parses anywhere on the line (-n/-name, -t/-terse, -s/-sorted, -o/-output
// plain|save, -q/-quiet, -r/-resolve, -!/-exist). Parsing follows ipset 7's ipset_parse_argv:
// options first, then a command matched by unique prefix in ipset's command order ("l" is list,
// "s" is save), then one optional set name; anything left is "Unknown argument". Errors read as
// ipset prints them (`ipset v7.19: ...`, parameter problems add the `Try` line and exit 2; a
// kernel error such as a missing set exits 1). Commands that change sets are refused: kube-proxy
// owns them in the simulation.

import type { CommandResult } from '../../command-types';
import { IPSET_PROTOCOL, IPSET_VERSION, renderList, renderSave, type SetListing } from './list-sets';

const P = 'ipset';

/** ipset's command table order (prefix matching takes the first hit) and the aliases of each. */
const COMMANDS: readonly { name: string; aliases: readonly string[] }[] = [
  { name: 'create', aliases: ['-N', '--create', 'n'] },
  { name: 'add', aliases: ['-A', '--add'] },
  { name: 'del', aliases: ['-D', '--del'] },
  { name: 'test', aliases: ['-T', '--test'] },
  { name: 'destroy', aliases: ['-X', '--destroy', 'x'] },
  { name: 'list', aliases: ['-L', '--list'] },
  { name: 'save', aliases: ['-S', '--save'] },
  { name: 'restore', aliases: ['-R', '--restore'] },
  { name: 'flush', aliases: ['-F', '--flush'] },
  { name: 'rename', aliases: ['-E', '--rename', 'e'] },
  { name: 'swap', aliases: ['-W', '--swap', 'w'] },
  { name: 'help', aliases: ['-h', '--help', '-H'] },
  { name: 'version', aliases: ['-V', '--version', '-v'] },
  { name: 'quit', aliases: [] },
];

const MODIFYING = new Set(['create', 'add', 'del', 'destroy', 'restore', 'flush', 'rename', 'swap']);

/** ipset_envopts: name, long name, whether it takes a value. */
const ENV_OPTIONS: readonly { short: string; long: string; value: boolean; key: 'output' | 'quiet' | 'resolve' | 'sorted' | 'name' | 'terse' | 'file' | 'exist' }[] = [
  { short: '-o', long: '-output', value: true, key: 'output' },
  { short: '-q', long: '-quiet', value: false, key: 'quiet' },
  { short: '-r', long: '-resolve', value: false, key: 'resolve' },
  { short: '-s', long: '-sorted', value: false, key: 'sorted' },
  { short: '-n', long: '-name', value: false, key: 'name' },
  { short: '-t', long: '-terse', value: false, key: 'terse' },
  { short: '-f', long: '-file', value: true, key: 'file' },
  { short: '-!', long: '-exist', value: false, key: 'exist' },
];

export const IPSET_HELP = `${P} ${IPSET_VERSION}

Usage: ${P} [options] COMMAND

Commands:
create SETNAME TYPENAME [type-specific-options]
        Create a new set
add SETNAME ENTRY
        Add entry to the named set
del SETNAME ENTRY
        Delete entry from the named set
test SETNAME ENTRY
        Test entry in the named set
destroy [SETNAME]
        Destroy a named set or all sets
list [SETNAME]
        List the entries of a named set or all sets
save [SETNAME]
        Save the named set or all sets to stdout
restore
        Restore a saved state
flush [SETNAME]
        Flush a named set or all sets
rename FROM-SETNAME TO-SETNAME
        Rename two sets
swap FROM-SETNAME TO-SETNAME
        Swap the contect of two existing sets
help [TYPENAME]
        Print help, and settype specific help
version
        Print version information
quit
        Quit interactive mode

Options:
-o plain|save|xml
       Specify output mode for listing sets.
       Default value for "list" command is mode "plain"
       and for "save" command is mode "save".
-s
        Print elements sorted (if supported by the set type).
-q
        Suppress any notice or warning message.
-r
        Try to resolve IP addresses in the output (slow!)
-!
        Ignore errors when creating or adding sets or
        elements that do exist or when deleting elements
        that don't exist.
-n
        When listing, just list setnames from kernel.

-t
        When listing, list setnames and set headers
        from kernel only.
-f
        Read from the given file instead of standard
        input (restore) or write to given file instead
        of standard output (list/save).
`;

function parameterProblem(message: string): CommandResult {
  return { stdout: '', stderr: `${P} ${IPSET_VERSION}: ${message}\nTry \`${P} help' for more information.\n`, exitCode: 2 };
}

function matchCommand(arg: string): string | undefined {
  for (const c of COMMANDS) if (c.aliases.includes(arg)) return c.name;
  if (arg.startsWith('-')) return undefined;
  return COMMANDS.find((c) => arg.length > 0 && arg.length <= c.name.length && c.name.startsWith(arg))?.name;
}

export function runIpset(argv: readonly string[], listing: SetListing): CommandResult {
  const args = [...argv];
  const opts: Partial<Record<(typeof ENV_OPTIONS)[number]['key'], string | true>> = {};
  // First: global options, wherever they are.
  for (const o of ENV_OPTIONS) {
    for (let i = 0; i < args.length; ) {
      const a = args[i];
      if (a !== o.short && a !== o.long && a !== `-${o.long}`) {
        i++;
        continue;
      }
      args.splice(i, 1);
      if (!o.value) opts[o.key] = true;
      else {
        if (i >= args.length) return parameterProblem(`Missing mandatory argument to option ${o.short}`);
        opts[o.key] = args.splice(i, 1)[0];
      }
    }
  }
  const output = opts.output;
  if (output !== undefined && output !== 'plain' && output !== 'save' && output !== 'xml') return parameterProblem(`Syntax error: unknown output mode '${output}'`);
  if (output === 'xml') return { stdout: '', stderr: `${P}: -o xml is not simulated; use -o plain or -o save\n`, exitCode: 1 };
  if (opts.file !== undefined) return { stdout: '', stderr: `${P}: -f is not simulated: the shell's redirection (> FILE) does the same\n`, exitCode: 1 };

  // Second: the command and its optional set name.
  const command = args.length > 0 ? matchCommand(args[0]) : undefined;
  if (!command) return parameterProblem(args.length > 0 ? `No command specified: unknown argument ${args[0]}` : 'No command specified.');
  args.shift();
  switch (command) {
    case 'help':
      return { stdout: IPSET_HELP, stderr: '', exitCode: 0 };
    case 'version':
      return { stdout: `${P} ${IPSET_VERSION}, protocol version: ${IPSET_PROTOCOL}\n`, stderr: '', exitCode: 0 };
    case 'quit':
      return { stdout: '', stderr: '', exitCode: 0 };
    default:
      if (MODIFYING.has(command)) return { stdout: '', stderr: `${P}: the sets on this simulated node are programmed by kube-proxy; ${command} is not available (try list or save)\n`, exitCode: 1 };
  }
  const setName = args.shift();
  if (args.length > 0) return parameterProblem(`Unknown argument ${args[0]}`);
  let sets = listing.sets;
  if (setName !== undefined) {
    if (setName.length > 31) return parameterProblem(`Syntax error: setname '${setName}' is longer than 31 characters`);
    sets = sets.filter((s) => s.name === setName);
    if (sets.length === 0) return { stdout: '', stderr: `${P} ${IPSET_VERSION}: The set with the given name does not exist\n`, exitCode: 1 };
  }
  const view = { ...listing, sets };
  const sorted = opts.sorted === true;
  if (command === 'save' ? output !== 'plain' : output === 'save') return { stdout: renderSave(view, sorted), stderr: '', exitCode: 0 };
  return { stdout: renderList(view, { terse: opts.terse === true, namesOnly: opts.name === true, sorted }), stderr: '', exitCode: 0 };
}

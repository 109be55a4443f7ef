// GNU grep's command line: clustered short options (`-inA2`), `-NUM` as context, attached or
// separate values (`-A2`, `-A 2`, `--context=2`), long options, `--` and the usage / trouble
// messages with exit status 2. Real options Flatnet does not simulate are named as such instead of
// being called invalid, since the real grep accepts them.

export type Syntax = 'basic' | 'extended' | 'fixed' | 'perl';

export interface GrepOptions {
  patterns: string[];
  files: string[];
  syntax: Syntax;
  ignoreCase: boolean;
  invert: boolean;
  count: boolean;
  lineNumber: boolean;
  onlyMatching: boolean;
  quiet: boolean;
  noMessages: boolean;
  wordRegexp: boolean;
  lineRegexp: boolean;
  /** -l lists files with a match, -L files without one. */
  listFiles?: 'with' | 'without';
  /** -H / -h; undefined means "when more than one file". */
  withFilename?: boolean;
  maxCount?: number;
  /** -A / -B; undefined when not given (then -C / -NUM applies, else no context). */
  after?: number;
  before?: number;
  /** null for --no-group-separator. */
  groupSeparator: string | null;
}

export type GrepParse = { kind: 'run'; options: GrepOptions } | { kind: 'help' } | { kind: 'error'; stderr: string };

export const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/** Short options taking a value in GNU grep (`A:B:C:D:d:e:f:m:X:`). */
const SHORT_WITH_VALUE = 'ABCDdefmX';
const SHORT_FLAGS = 'EFGPHhiyvcnoqswxlL';
/** Real GNU grep options this simulation does not implement. */
const SHORT_NOT_SIMULATED = 'abDdfIRrTUuVXZz';

const LONG_FLAGS: Record<string, string> = {
  'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'perl-regexp': 'P', 'with-filename': 'H', 'no-filename': 'h',
  'ignore-case': 'i', 'no-ignore-case': 'no-i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'only-matching': 'o', quiet: 'q',
  silent: 'q', 'no-messages': 's', 'word-regexp': 'w', 'line-regexp': 'x', 'files-with-matches': 'l', 'files-without-match': 'L',
  'no-group-separator': 'no-group-separator',
};
const LONG_VALUES: Record<string, string> = {
  'after-context': 'A', 'before-context': 'B', context: 'C', regexp: 'e', 'max-count': 'm', 'group-separator': 'group-separator',
};
const LONG_NOT_SIMULATED = ['recursive', 'dereference-recursive', 'file', 'include', 'exclude', 'exclude-dir', 'byte-offset', 'null', 'null-data', 'text', 'binary-files', 'label', 'line-buffered', 'initial-tab', 'version', 'devices', 'directories', 'binary'];

export function parseGrepArgs(args: readonly string[]): GrepParse {
  const o: GrepOptions = {
    patterns: [], files: [], syntax: 'basic', ignoreCase: false, invert: false, count: false, lineNumber: false, onlyMatching: false,
    quiet: false, noMessages: false, wordRegexp: false, lineRegexp: false, groupSeparator: '--',
  };
  let context: number | undefined;
  let patternGiven = false;
  const trouble = (message: string): GrepParse => ({ kind: 'error', stderr: `grep: ${message}\n` });
  const contextLength = (value: string): number | GrepParse => (/^\d+$/.test(value) ? Number(value) : trouble(`${value}: invalid context length argument`));

  /** Applies one option with its value; returns an error parse or undefined. */
  const apply = (key: string, value?: string): GrepParse | undefined => {
    switch (key) {
      case 'A': case 'B': case 'C': {
        const n = contextLength(value!);
        if (typeof n !== 'number') return n;
        if (key === 'A') o.after = n;
        else if (key === 'B') o.before = n;
        else context = n;
        return undefined;
      }
      case 'e': o.patterns.push(value!); patternGiven = true; return undefined;
      case 'm':
        if (!/^-?\d+$/.test(value!)) return trouble('invalid max count');
        o.maxCount = Math.max(0, Number(value));
        return undefined;
      case 'group-separator': o.groupSeparator = value!; return undefined;
      case 'no-group-separator': o.groupSeparator = null; return undefined;
      case 'E': o.syntax = 'extended'; return undefined;
      case 'F': o.syntax = 'fixed'; return undefined;
      case 'G': o.syntax = 'basic'; return undefined;
      case 'P': o.syntax = 'perl'; return undefined;
      case 'H': o.withFilename = true; return undefined;
      case 'h': o.withFilename = false; return undefined;
      case 'i': case 'y': o.ignoreCase = true; return undefined;
      case 'no-i': o.ignoreCase = false; return undefined;
      case 'v': o.invert = true; return undefined;
      case 'c': o.count = true; return undefined;
      case 'n': o.lineNumber = true; return undefined;
      case 'o': o.onlyMatching = true; return undefined;
      case 'q': o.quiet = true; return undefined;
      case 's': o.noMessages = true; return undefined;
      case 'w': o.wordRegexp = true; return undefined;
      case 'x': o.lineRegexp = true; return undefined;
      case 'l': o.listFiles = 'with'; return undefined;
      case 'L': o.listFiles = 'without'; return undefined;
      default: return trouble(`internal: unknown option key ${key}`);
    }
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { o.files.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      if (name === 'help') return { kind: 'help' };
      if (name === 'color' || name === 'colour') {
        if (inline !== undefined && !/^(always|yes|force|never|no|none|auto|tty|if-tty)$/i.test(inline)) return { kind: 'error', stderr: USAGE };
        continue;
      }
      if (LONG_NOT_SIMULATED.includes(name)) return trouble(`--${name}: option not simulated in Flatnet`);
      if (name in LONG_FLAGS) {
        if (inline !== undefined) return { kind: 'error', stderr: `grep: option '--${name}' doesn't allow an argument\n${USAGE}` };
        const err = apply(LONG_FLAGS[name]);
        if (err) return err;
        continue;
      }
      if (name in LONG_VALUES) {
        const value = inline ?? args[++i];
        if (value === undefined) return { kind: 'error', stderr: `grep: option '--${name}' requires an argument\n${USAGE}` };
        const err = apply(LONG_VALUES[name], value);
        if (err) return err;
        continue;
      }
      return { kind: 'error', stderr: `grep: unrecognized option '${a}'\n${USAGE}` };
    }
    if (a.startsWith('-') && a.length > 1) {
      let digits = '';
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (/\d/.test(c)) {
          digits += c;
          if (!/\d/.test(a[j + 1] ?? '')) { context = Number(digits); digits = ''; }
          continue;
        }
        if (SHORT_WITH_VALUE.includes(c)) {
          if (SHORT_NOT_SIMULATED.includes(c)) return trouble(`-${c}: option not simulated in Flatnet`);
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) return { kind: 'error', stderr: `grep: option requires an argument -- '${c}'\n${USAGE}` };
          const err = apply(c, value);
          if (err) return err;
          break;
        }
        if (SHORT_NOT_SIMULATED.includes(c)) return trouble(`-${c}: option not simulated in Flatnet`);
        if (!SHORT_FLAGS.includes(c)) return { kind: 'error', stderr: `grep: invalid option -- '${c}'\n${USAGE}` };
        const err = apply(c);
        if (err) return err;
      }
      continue;
    }
    o.files.push(a);
  }
  if (!patternGiven) {
    if (o.files.length === 0) return { kind: 'error', stderr: USAGE };
    o.patterns.push(o.files.shift()!);
  }
  // An explicit -A / -B wins over -C / -NUM whatever the order, as in GNU grep.
  if (context !== undefined) {
    o.after ??= context;
    o.before ??= context;
  }
  return { kind: 'run', options: o };
}

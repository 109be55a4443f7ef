// Command-line parsing with spf13/pflag's rules and error texts, which kubectl's own errors are
// built from: `--name value`, `--name=value`, `-n value`, `-nvalue`, `-n=value`, bundled boolean
// shorthands (`-Aw`), flags anywhere among the arguments, and `--` ending flag parsing.

export type FlagKind = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** Parsed but not modelled yet: using it answers with a clear "not available" error. */
  unsupported?: boolean;
}

export type FlagValue = boolean | string | number | string[];

export interface ParsedArgs {
  flags: Map<string, FlagValue>;
  positionals: string[];
  /** Arguments after `--`, if any. */
  afterDash: string[] | undefined;
}

export type ParseOutcome = { ok: true; args: ParsedArgs } | { ok: false; error: string };

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParseOutcome {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags = new Map<string, FlagValue>();
  const positionals: string[] = [];
  const set = (spec: FlagSpec, raw: string | undefined, display: string): string | undefined => {
    switch (spec.kind) {
      case 'bool': {
        if (raw === undefined) { flags.set(spec.name, true); return undefined; }
        const v = parseBool(raw);
        if (v === undefined) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
        flags.set(spec.name, v);
        return undefined;
      }
      case 'int': {
        if (!/^[+-]?\d+$/.test(raw!)) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
        flags.set(spec.name, Number(raw));
        return undefined;
      }
      case 'strings': {
        const prev = (flags.get(spec.name) as string[] | undefined) ?? [];
        flags.set(spec.name, [...prev, raw!]);
        return undefined;
      }
      case 'string':
        flags.set(spec.name, raw!);
        return undefined;
      default: {
        const never: never = spec.kind;
        return never;
      }
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return { ok: true, args: { flags, positionals, afterDash: argv.slice(i + 1) } };
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byName.get(name.replace(/_/g, '-'));
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
      if (value === undefined && spec.kind !== 'bool') {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        value = argv[++i];
      }
      const error = set(spec, value, `--${spec.name}`);
      if (error) return { ok: false, error };
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const spec = byShort.get(c);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in ${arg}` };
        const display = `-${c}, --${spec.name}`;
        if (spec.kind === 'bool') {
          if (arg[j + 1] === '=') {
            const error = set(spec, arg.slice(j + 2), display);
            if (error) return { ok: false, error };
            break;
          }
          set(spec, undefined, display);
          continue;
        }
        let value = arg.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        else if (!value) {
          if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
          value = argv[++i];
        }
        const error = set(spec, value, display);
        if (error) return { ok: false, error };
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { ok: true, args: { flags, positionals, afterDash: undefined } };
}

export function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}

/** kubectl's global flags (`kubectl options`), accepted before or after the verb. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'help', short: 'h', kind: 'bool' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'context', kind: 'string' },
  { name: 'cluster', kind: 'string' },
  { name: 'user', kind: 'string' },
  { name: 'v', short: 'v', kind: 'string' },
  { name: 'request-timeout', kind: 'string' },
  { name: 'server', short: 's', kind: 'string', unsupported: true },
  { name: 'as', kind: 'string', unsupported: true },
  { name: 'as-group', kind: 'strings', unsupported: true },
  { name: 'token', kind: 'string', unsupported: true },
  { name: 'insecure-skip-tls-verify', kind: 'bool' },
  { name: 'match-server-version', kind: 'bool' },
  { name: 'warnings-as-errors', kind: 'bool' },
  { name: 'cache-dir', kind: 'string' },
];

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function bool(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

// GNU-style option parsing for the text tools: clustered short flags (`-nr`), attached or separate
// values (`-d,` / `-d ,`), long options (`--field=2`), `--` ending options, and coreutils' own
// error wording, so a wrong flag answers the way the real tool does.

export interface OptionSpec {
  /** Short flags that take no value, e.g. 'nru'. */
  flags?: string;
  /** Short options that take a value, e.g. 'dfk'. */
  values?: string;
  /** Long name → short letter (or a long-only key); a trailing '=' means it takes a value. */
  long?: Record<string, string>;
  /** Digits-as-option like `-5` for head/uniq; off by default. */
}

export type ParsedOptions =
  | { ok: true; flags: Set<string>; values: Map<string, string[]>; operands: string[] }
  | { ok: false; error: string };

export function tryHelp(tool: string): string {
  return `Try '${tool} --help' for more information.\n`;
}

export function parseOptions(tool: string, args: readonly string[], spec: OptionSpec): ParsedOptions {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const operands: string[] = [];
  const setValue = (key: string, value: string) => values.set(key, [...(values.get(key) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const entry = Object.entries(spec.long ?? {}).find(([k]) => k.replace(/=$/, '') === name);
      if (!entry) return { ok: false, error: `${tool}: unrecognized option '${a}'\n${tryHelp(tool)}` };
      const [key, short] = entry;
      if (key.endsWith('=')) {
        const value = eq < 0 ? args[++i] : a.slice(eq + 1);
        if (value === undefined) return { ok: false, error: `${tool}: option '--${name}' requires an argument\n${tryHelp(tool)}` };
        setValue(short, value);
      } else {
        if (eq >= 0) return { ok: false, error: `${tool}: option '--${name}' doesn't allow an argument\n${tryHelp(tool)}` };
        flags.add(short);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (spec.values?.includes(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) return { ok: false, error: `${tool}: option requires an argument -- '${c}'\n${tryHelp(tool)}` };
          setValue(c, value);
          break;
        }
        if (!spec.flags?.includes(c)) return { ok: false, error: `${tool}: invalid option -- '${c}'\n${tryHelp(tool)}` };
        flags.add(c);
      }
      continue;
    }
    operands.push(a);
  }
  return { ok: true, flags, values, operands };
}

/** The last value given for an option (later ones win, as in getopt loops). */
export function lastValue(values: Map<string, string[]>, key: string): string | undefined {
  const list = values.get(key);
  return list?.[list.length - 1];
}

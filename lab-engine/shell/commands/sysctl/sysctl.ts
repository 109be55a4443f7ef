// sysctl (procps-ng 4.0.4, Ubuntu 24.04) over the kernel parameters kernel-params.ts models:
// reading (names, -n, -N, -a with -r PATTERN), writing (`-w key=value`, or a bare key=value),
// loading files (`-p [FILE]`, default /etc/sysctl.conf) and `--system`, which applies every
// /etc/sysctl.d/*.conf, /run/sysctl.d, /usr/local/lib/sysctl.d, /usr/lib/sysctl.d and
// /lib/sysctl.d file in name order (the first directory holding a name wins) and then
// /etc/sysctl.conf, printing "* Applying FILE ..." before each: what systemd-sysctl does at boot.
// A value written with -w lives until the next such re-read; only a file keeps it. Writes land in
// the node's one sysctl store (dataplane/packet/node-sysctls.ts) through kernel-params.ts; a pod's
// /proc/sys is read-only. A failed setting makes the exit status 255 (procps returns -1).

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { kernelParams, WRITABLE_KEYS_TEXT, type KernelParams } from './kernel-params';

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

const SYSTEM_DIRS = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'];
const DEFAULT_FILE = '/etc/sysctl.conf';

interface Options {
  valuesOnly: boolean;
  namesOnly: boolean;
  all: boolean;
  quiet: boolean;
  ignore: boolean;
  write: boolean;
  pattern?: RegExp;
  load?: string[];
  system: boolean;
  args: string[];
}

type Parsed = { ok: true; options: Options } | { ok: false; output: CommandOutput };

function parse(argv: readonly string[]): Parsed {
  const o: Options = { valuesOnly: false, namesOnly: false, all: false, quiet: false, ignore: false, write: false, system: false, args: [] };
  const fail = (text: string, code = 1): Parsed => ({ ok: false, output: { stdout: '', stderr: text, exitCode: code } });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      o.args.push(a);
      continue;
    }
    if (a === '--help' || a === '-h' || a === '-d') return { ok: false, output: { stdout: USAGE, stderr: '', exitCode: 0 } };
    if (a === '--version' || a === '-V') return { ok: false, output: { stdout: 'sysctl from procps-ng 4.0.4\n', stderr: '', exitCode: 0 } };
    if (a === '--system') o.system = true;
    else if (a === '--all' || a === '-a' || a === '-A' || a === '-X') o.all = true;
    else if (a === '--values' || a === '-n') o.valuesOnly = true;
    else if (a === '--names' || a === '-N') o.namesOnly = true;
    else if (a === '--quiet' || a === '-q') o.quiet = true;
    else if (a === '--ignore' || a === '-e') o.ignore = true;
    else if (a === '--write' || a === '-w') o.write = true;
    else if (a === '-o' || a === '-x' || a === '--deprecated' || a === '-b' || a === '--binary') continue;
    else if (a === '-p' || a === '-f' || a === '--load') {
      // -p takes the next word as its file only when it is not another option or a key=value.
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-') && !next.includes('=')) {
        o.load = [...(o.load ?? []), next];
        i++;
      } else o.load = [...(o.load ?? []), DEFAULT_FILE];
    } else if (a.startsWith('--load=') || (a.startsWith('-p') && a.length > 2)) o.load = [...(o.load ?? []), a.startsWith('--load=') ? a.slice(7) : a.slice(2)];
    else if (a === '-r' || a === '--pattern') {
      const expr = argv[++i];
      if (expr === undefined) return fail(`sysctl: option requires an argument -- 'r'\n${USAGE}`);
      try {
        o.pattern = new RegExp(expr);
      } catch {
        return fail(`sysctl: unable to parse regex: ${expr}\n`);
      }
    } else return fail(`sysctl: invalid option -- '${a.replace(/^-+/, '').slice(0, 1)}'\n${USAGE}`);
  }
  return { ok: true, options: o };
}

/** Writes one setting as procps does; returns the line to echo, or prints the kernel's refusal. */
function writeSetting(params: KernelParams, setting: string, o: Options, out: OutputBuilder, ignoreUnknown = false): boolean {
  const eq = setting.indexOf('=');
  if (eq < 0) {
    out.err(`sysctl: "${setting}" must be of the form name=value\n`);
    return false;
  }
  const key = setting.slice(0, eq).trim().replace(/\//g, '.');
  const value = setting.slice(eq + 1).trim();
  if (!params.values.has(key)) {
    if (ignoreUnknown || o.ignore) return true;
    out.err(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
    return false;
  }
  const r = params.write(key, value);
  if (r.ok) {
    // procps echoes the value as it was given, not as the kernel stored it ("1024 65535", not a tab).
    if (!o.quiet) out.out(o.valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
    return true;
  }
  switch (r.error) {
    case 'invalid':
      out.err(`sysctl: setting key "${key}": Invalid argument\n`);
      return false;
    case 'read-only':
      out.err(`sysctl: permission denied on key "${key}"\n`);
      return false;
    case 'read-only-fs':
      out.err(`sysctl: setting key "${key}": Read-only file system\n`);
      return false;
    case 'not-simulated':
      out.err(`sysctl: setting key "${key}": changing it is not simulated in Flatnet (${WRITABLE_KEYS_TEXT} are)\n`);
      return false;
    default: {
      const never: never = r.error;
      return never;
    }
  }
}

/** One file's settings, applied in order: `key = value`, `#`/`;` comments, a leading `-` that ignores a failure. */
function loadFile(ctx: CommandContext, params: KernelParams, path: string, o: Options, out: OutputBuilder): boolean {
  const text = ctx.fs.read(path);
  if (text === undefined) {
    out.err(`sysctl: cannot open "${path}": No such file or directory\n`);
    return false;
  }
  let ok = true;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const lenient = line.startsWith('-');
    if (!writeSetting(params, lenient ? line.slice(1) : line, o, out, lenient)) ok = lenient && ok;
  }
  return ok;
}

/** --system's files: every directory's *.conf by name, the first directory holding a name winning, then /etc/sysctl.conf. */
function systemFiles(ctx: CommandContext): string[] {
  const byName = new Map<string, string>();
  for (const dir of SYSTEM_DIRS) {
    if (!ctx.fs.isDirectory(dir)) continue;
    for (const name of ctx.fs.list(dir)) if (name.endsWith('.conf') && !byName.has(name)) byName.set(name, `${dir}/${name}`);
  }
  const files = [...byName.keys()].sort().map((name) => byName.get(name) ?? name);
  if (ctx.fs.read(DEFAULT_FILE) !== undefined) files.push(DEFAULT_FILE);
  return files;
}

export const sysctl: ShellCommand = {
  name: 'sysctl',
  run(ctx): CommandOutput {
    const parsed = parse(ctx.args);
    if (!parsed.ok) return parsed.output;
    const o = parsed.options;
    const out = new OutputBuilder();
    const params = kernelParams(ctx);
    const line = (k: string, v: string) => (o.valuesOnly ? `${v}\n` : o.namesOnly ? `${k}\n` : `${k} = ${v}\n`);
    if (o.system) {
      let ok = true;
      for (const file of systemFiles(ctx)) {
        out.out(`* Applying ${file} ...\n`);
        ok = loadFile(ctx, params, file, o, out) && ok;
      }
      return out.done(ok ? 0 : 255);
    }
    if (o.load) {
      let ok = true;
      for (const file of o.load) ok = loadFile(ctx, params, file, o, out) && ok;
      return out.done(ok ? 0 : 255);
    }
    if (o.all) return out.out([...params.values].filter(([k]) => !o.pattern || o.pattern.test(k)).map(([k, v]) => line(k, v)).join('')).done(0);
    if (o.args.length === 0) return out.err("sysctl: no variables specified\nTry `sysctl --help' for more information.\n").done(1);
    let code = 0;
    for (const a of o.args) {
      if (o.write || a.includes('=')) {
        if (!writeSetting(params, a, o, out)) code = 255;
        continue;
      }
      const k = a.replace(/\//g, '.');
      const v = params.values.get(k);
      if (v !== undefined) out.out(line(k, v));
      else if (!o.ignore) {
        out.err(`sysctl: cannot stat /proc/sys/${k.replace(/\./g, '/')}: No such file or directory\n`);
        code = 255;
      }
    }
    return out.done(code);
  },
};

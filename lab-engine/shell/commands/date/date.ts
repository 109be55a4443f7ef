// date: the simulation's clock (UTC), as GNU date prints it on the workstation, nodes and Debian
// images (`Mon Jan  5 09:00:00 UTC 2026`, `-u`, `+FORMAT`, `-I[FMT]`/`--iso-8601`, `-R`,
// `--rfc-3339`, `-d @SECONDS|ISO`) and as BusyBox's applet does in busybox and Alpine images
// (same formats, fewer options, its usage on a bad one). Setting the clock is refused: the
// simulation's clock is the course's, not the learner's.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions, tryHelp } from '../gnu-options';
import { busyboxUsage, placeOf } from '../userland';
import { format } from './date-format';

const DEFAULT = '%a %b %e %H:%M:%S %Z %Y';
const RFC_EMAIL = '%a, %d %b %Y %H:%M:%S %z';
const ISO: Record<string, string> = { date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z', seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z' };
const RFC_3339: Record<string, string> = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z' };

const HELP = `Usage: date [OPTION]... [+FORMAT]
  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]
Display date and time in the given FORMAT.
With -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.

Mandatory arguments to long options are mandatory for short options too.
  -d, --date=STRING          display time described by STRING, not 'now'
  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.
                               FMT='date' for date only (the default),
                               'hours', 'minutes', 'seconds', or 'ns'
                               for date and time to the indicated precision.
                               Example: 2006-08-14T02:34:56-06:00
  -R, --rfc-email            output date and time in RFC 5322 format.
                               Example: Mon, 14 Aug 2006 02:34:56 -0600
      --rfc-3339=FMT         output date/time in RFC 3339 format.
                               FMT='date', 'seconds', or 'ns'
  -s, --set=STRING           set time described by STRING
  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)
      --help        display this help and exit
      --version     output version information and exit

FORMAT controls the output.  Interpreted sequences are:

  %%   a literal %
  %a   locale's abbreviated weekday name (e.g., Sun)
  %b   locale's abbreviated month name (e.g., Jan)
  %d   day of month (e.g., 01)
  %F   full date; like %+4Y-%m-%d
  %H   hour (00..23)
  %M   minute (00..59)
  %s   seconds since the Epoch (1970-01-01 00:00 UTC)
  %S   second (00..60)
  %T   time; same as %H:%M:%S
  %Y   year
  %z   +hhmm numeric time zone (e.g., -0400)
  %Z   alphabetic time zone abbreviation (e.g., EDT)
`;

const BB_USAGE = busyboxUsage('date', '[OPTIONS] [+FMT] [[-s] TIME]', `Display time (using +FMT), or set time

\t-u\t\tWork in UTC (don't convert to local time)
\t[-s] TIME\tSet time to TIME
\t-d TIME\t\tDisplay TIME, not 'now'
\t-D FMT\t\tFMT (strptime format) for -s/-d TIME conversion
\t-r FILE\t\tDisplay last modification time of FILE
\t-R\t\tOutput RFC-2822 date
\t-I[SPEC]\tOutput ISO-8601 date
\t\t\tSPEC=date (default), hours, minutes, seconds or ns

Recognized TIME formats:
\t@seconds_since_1970
\thh:mm[:ss]
\t[YYYY.]MM.DD-hh:mm[:ss]
\tYYYY-MM-DD hh:mm[:ss]
\t[[[[[YY]YY]MM]DD]hh]mm[.ss]
\t'date TIME' form accepts MMDDhhmm[[YY]YY][.ss] instead`);

/** `-d` STRING: now, @SECONDS, or an ISO-like date; undefined when unreadable. */
function parseWhen(text: string, now: number): number | undefined {
  const t = text.trim();
  if (t === '' || t === 'now') return now;
  if (/^@-?\d+(\.\d+)?$/.test(t)) return Math.round(Number(t.slice(1)) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** GNU/BusyBox: `-I` alone, `-Iseconds` attached (both getopt "I::"); `--iso-8601[=FMT]` only in GNU. */
function isoArgs(args: readonly string[]): { args: string[]; iso?: string } {
  let iso: string | undefined;
  const rest: string[] = [];
  for (const a of args) {
    const m = /^(?:-I|--iso-8601)(?:=?(.*))?$/.exec(a);
    if (m && (a.startsWith('-I') || a === '--iso-8601' || a.startsWith('--iso-8601='))) iso = m[1] || 'date';
    else rest.push(a);
  }
  return { args: rest, ...(iso !== undefined ? { iso } : {}) };
}

function run(ctx: CommandContext): CommandOutput {
  const out = new OutputBuilder();
  const busybox = placeOf(ctx).userland !== 'gnu';
  const now = ctx.cluster.now();
  if (ctx.args[0] === '--help') return busybox ? out.err(BB_USAGE).done(0) : out.out(HELP).done(0);
  const { args, iso } = isoArgs(ctx.args);
  if (busybox && ctx.args.some((a) => a.startsWith('--iso-8601'))) return out.err(`date: unrecognized option '${ctx.args.find((a) => a.startsWith('--iso-8601'))}'\n${BB_USAGE}`).done(1);
  const parsed = parseOptions('date', args, busybox
    ? { flags: 'Ru', values: 'sdrD', long: { 'rfc-822': 'R', 'rfc-2822': 'R', 'set=': 's', utc: 'u', 'date=': 'd', 'reference=': 'r' } }
    : { flags: 'Ru', values: 'sdrf', long: { 'rfc-email': 'R', 'rfc-2822': 'R', 'rfc-822': 'R', 'rfc-3339=': '3', 'set=': 's', utc: 'u', universal: 'u', 'date=': 'd', 'reference=': 'r', 'file=': 'f', debug: 'g' } });
  if (!parsed.ok) return busybox ? out.err(`${parsed.error.split('\n')[0]}\n${BB_USAGE}`).done(1) : out.err(parsed.error).done(1);
  if (busybox && iso && !ISO[iso]) return out.err(BB_USAGE).done(1);
  if (!busybox && iso && !ISO[iso]) return out.err(`date: invalid argument ‘${iso}’ for ‘--iso-8601’\nValid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\n${tryHelp('date')}`).done(1);
  const formats = parsed.operands.filter((o) => o.startsWith('+'));
  const others = parsed.operands.filter((o) => !o.startsWith('+'));
  const rfc3339 = parsed.values.get('3')?.at(-1);
  if (rfc3339 !== undefined && !RFC_3339[rfc3339]) return out.err(`date: invalid argument ‘${rfc3339}’ for ‘--rfc-3339’\nValid arguments are:\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\n${tryHelp('date')}`).done(1);
  const styles = [iso !== undefined, parsed.flags.has('R'), rfc3339 !== undefined, formats.length > 0].filter(Boolean).length;
  if (!busybox && (formats.length > 1 || styles > 1)) return out.err(`date: multiple output formats specified\n${tryHelp('date')}`).done(1);
  if (parsed.values.has('s') || others.length > 0) {
    if (busybox) return out.err(`date: can't set date: Operation not permitted\n`).done(1);
    if (others.length > 1) return out.err(`date: extra operand ‘${others[1]}’\n${tryHelp('date')}`).done(1);
    // GNU reads a bare operand as a time to set; the course's clock is not the learner's to change.
    return out.err(`date: cannot set date: Operation not permitted\n`).done(1);
  }
  if (parsed.values.has('r') || parsed.values.has('f')) return out.err(`date: -r/-f (file times) are not simulated in Flatnet\n`).done(1);
  const dateText = parsed.values.get('d')?.at(-1);
  const when = dateText === undefined ? now : parseWhen(dateText, now);
  if (when === undefined) return out.err(busybox ? `date: invalid date '${dateText}'\n` : `date: invalid date ‘${dateText}’\n`).done(1);
  const fmt = formats.length ? formats[0].slice(1) : iso !== undefined ? ISO[iso] : rfc3339 !== undefined ? RFC_3339[rfc3339] : parsed.flags.has('R') ? RFC_EMAIL : DEFAULT;
  return out.out(`${format(fmt, when)}\n`).done(0);
}

export const date: ShellCommand = { name: 'date', run };

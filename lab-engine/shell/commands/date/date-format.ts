// strftime as date(1) uses it in the C locale and UTC (every Flatnet clock is UTC): the common
// conversions, GNU's padding flags (`%-d`, `%_H`, `%0e`), `%N` nanoseconds and `%:z`.
// An unknown conversion is printed as typed, as glibc does.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Pad = '0' | ' ' | '';

function num(n: number, width: number, pad: Pad): string {
  const s = String(n);
  return pad === '' ? s : s.padStart(width, pad);
}

/** One conversion letter: [text, default padding, width] so flags can re-pad numbers. */
function conversion(c: string, d: Date, ms: number, colon: boolean): [string | number, Pad, number] | undefined {
  const day = d.getUTCDay();
  const hour = d.getUTCHours();
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - yearStart) / 86_400_000) + 1;
  switch (c) {
    case 'a': return [DAYS[day].slice(0, 3), '', 0];
    case 'A': return [DAYS[day], '', 0];
    case 'b': case 'h': return [MONTHS[d.getUTCMonth()].slice(0, 3), '', 0];
    case 'B': return [MONTHS[d.getUTCMonth()], '', 0];
    case 'c': return [format('%a %b %e %H:%M:%S %Y', ms), '', 0];
    case 'C': return [Math.floor(d.getUTCFullYear() / 100), '0', 2];
    case 'd': return [d.getUTCDate(), '0', 2];
    case 'D': case 'x': return [format('%m/%d/%y', ms), '', 0];
    case 'e': return [d.getUTCDate(), ' ', 2];
    case 'F': return [format('%Y-%m-%d', ms), '', 0];
    case 'H': return [hour, '0', 2];
    case 'I': return [hour % 12 || 12, '0', 2];
    case 'j': return [yday, '0', 3];
    case 'k': return [hour, ' ', 2];
    case 'l': return [hour % 12 || 12, ' ', 2];
    case 'm': return [d.getUTCMonth() + 1, '0', 2];
    case 'M': return [d.getUTCMinutes(), '0', 2];
    case 'n': return ['\n', '', 0];
    case 'N': return [String((ms % 1000) * 1_000_000).padStart(9, '0'), '', 0];
    case 'p': return [hour < 12 ? 'AM' : 'PM', '', 0];
    case 'P': return [hour < 12 ? 'am' : 'pm', '', 0];
    case 'r': return [format('%I:%M:%S %p', ms), '', 0];
    case 'R': return [format('%H:%M', ms), '', 0];
    case 's': return [Math.floor(ms / 1000), '', 0];
    case 'S': return [d.getUTCSeconds(), '0', 2];
    case 't': return ['\t', '', 0];
    case 'T': case 'X': return [format('%H:%M:%S', ms), '', 0];
    case 'u': return [day || 7, '', 0];
    case 'w': return [day, '', 0];
    case 'y': return [d.getUTCFullYear() % 100, '0', 2];
    case 'Y': return [d.getUTCFullYear(), '', 0];
    case 'z': return [colon ? '+00:00' : '+0000', '', 0];
    case 'Z': return ['UTC', '', 0];
    case '%': return ['%', '', 0];
    default: return undefined;
  }
}

/** Renders `fmt` for the instant `ms` (UTC). */
export function format(fmt: string, ms: number): string {
  const d = new Date(ms);
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%' || i === fmt.length - 1) {
      out += fmt[i];
      continue;
    }
    const m = /^%([-_0^]?)(:?)([A-Za-z%])/.exec(fmt.slice(i));
    const converted = m ? conversion(m[3], d, ms, m[2] === ':') : undefined;
    if (!m || !converted || (m[2] === ':' && m[3] !== 'z')) {
      out += '%';
      continue;
    }
    const [value, pad, width] = converted;
    const flag = m[1];
    let text = typeof value === 'number' ? num(value, width, flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : pad) : value;
    if (flag === '^') text = text.toUpperCase();
    out += text;
    i += m[0].length - 1;
  }
  return out;
}

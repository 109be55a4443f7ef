// Instants as text (ISO 8601, HTTP dates, month names) from the UTC getters alone. Node 20's
// V8 builds Date.prototype.toISOString and toUTCString on the code that names the local time
// zone, so their first call loads ICU's time-zone names, and toLocaleString builds an ICU
// DateTimeFormat: about 1 MB more in every labsh that calls one even once (measured on an idle
// session under the gateway). The text is exactly what those methods print.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDate(ms: number): Date {
  const d = new Date(ms);
  // What toISOString throws for NaN and for instants past ±8.64e15 ms.
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid time value');
  return d;
}

/** `new Date(ms).toISOString()`: `2026-01-02T03:04:05.678Z`, six-digit signed years outside 0–9999. */
export function isoString(ms: number): string {
  const d = validDate(ms);
  const year = d.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

/** `new Date(ms).toUTCString()`, the HTTP date: `Fri, 02 Jan 2026 03:04:05 GMT`. */
export function utcString(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'Invalid Date';
  const year = d.getUTCFullYear();
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${y} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

/** The English short month of the instant in UTC, as `toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })`. */
export function utcMonthShort(ms: number): string {
  return MONTHS[new Date(ms).getUTCMonth()] ?? 'Invalid Date';
}

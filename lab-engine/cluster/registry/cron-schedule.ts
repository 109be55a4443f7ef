// The schedule check of ValidateCronJobSpec: `TZ`/`CRON_TZ` refused in favour of spec.timeZone,
// then github.com/robfig/cron/v3 ParseStandard's parser (5 fields or an @descriptor) with its own
// error texts (`expected exactly 5 fields, found N: [...]`, `end of range (61) above maximum
// (59): 61`, `failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax`).

interface Bounds {
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** The parser's error for `schedule`, or undefined when it parses. */
export function cronScheduleError(schedule: string): string | undefined {
  if (schedule.includes('TZ')) return 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead';
  const spec = schedule.trim();
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.includes(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      const d = spec.slice(7);
      return DURATION.test(d) ? undefined : `failed to parse duration ${spec}: time: invalid duration "${d}"`;
    }
    return `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    for (const expr of fields[i].split(',')) {
      const error = rangeError(expr, FIELDS[i], i >= 2 && i !== 3);
      if (error) return error;
    }
  }
  return undefined;
}

function rangeError(expr: string, b: Bounds, questionMark: boolean): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || (questionMark && lowAndHigh[0] === '?')) {
    [start, end] = [b.min, b.max];
  } else {
    const s = intOrName(lowAndHigh[0], b);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1], b);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const st = int(rangeAndStep[1]);
    if (typeof st === 'string') return st;
    step = st;
    if (single) end = b.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

function intOrName(text: string, b: Bounds): number | string {
  const at = b.names?.indexOf(text.toLowerCase()) ?? -1;
  if (at >= 0) return at + (b.min === 1 ? 1 : 0);
  return int(text);
}

function int(text: string): number | string {
  if (!/^[+-]?\d+$/.test(text)) return `failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`;
  const n = Number(text);
  return n < 0 ? `negative number (${n}) not allowed: ${text}` : n;
}

// curl's command line, the subset a learner uses on a cluster: -s -S -v -I -i -k -L -f, -H, -o,
// -w, -m/--max-time, --connect-timeout, -X, -d, --resolve, --cacert, --http1.1, and the URL. Unknown options answer
// as curl 8 does (`curl: option --bogus: is unknown`, exit 2).

export interface CurlOptions {
  url: string;
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  insecure: boolean;
  location: boolean;
  fail: boolean;
  headers: [string, string][];
  output?: string;
  writeOut?: string;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  method?: string;
  data?: string;
  resolve: { host: string; port: number; address: string }[];
  /** --cacert: a PEM file of certificates to trust. */
  cacert?: string;
  /** --http1.1: offer only http/1.1 by ALPN. */
  http11: boolean;
}

type Parsed = { ok: true; options: CurlOptions } | { ok: false; error: string; exitCode: number } | { ok: 'help' };

const FLAGS: Record<string, keyof CurlOptions> = { s: 'silent', S: 'showError', v: 'verbose', I: 'head', i: 'include', k: 'insecure', L: 'location', f: 'fail' };
const LONG_FLAGS: Record<string, keyof CurlOptions> = { 'http1.1': 'http11', silent: 'silent', 'show-error': 'showError', verbose: 'verbose', head: 'head', include: 'include', insecure: 'insecure', location: 'location', fail: 'fail' };
const WITH_VALUE: Record<string, string> = { H: 'header', o: 'output', w: 'write-out', m: 'max-time', X: 'request', d: 'data' };
const LONG_WITH_VALUE = new Set(['header', 'output', 'write-out', 'max-time', 'connect-timeout', 'request', 'data', 'data-raw', 'resolve', 'user-agent', 'url', 'cacert']);
const IGNORED = new Set(['http2', 'compressed', 'no-progress-meter', 'ipv4', '4', 'tcp-nodelay']);

export function parseCurlArgs(args: readonly string[]): Parsed {
  const o: CurlOptions = { url: '', silent: false, showError: false, verbose: false, head: false, include: false, insecure: false, location: false, fail: false, headers: [], resolve: [], http11: false };
  const seconds = (v: string, name: string): number | { error: string } => {
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : { error: `curl: option --${name}: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n` };
  };
  const setValue = (name: string, v: string): string | undefined => {
    switch (name) {
      case 'header': {
        const i = v.indexOf(':');
        if (i > 0) o.headers.push([v.slice(0, i).trim(), v.slice(i + 1).trim()]);
        return undefined;
      }
      case 'user-agent':
        o.headers.push(['User-Agent', v]);
        return undefined;
      case 'output':
        o.output = v;
        return undefined;
      case 'write-out':
        o.writeOut = v;
        return undefined;
      case 'request':
        o.method = v;
        return undefined;
      case 'data':
      case 'data-raw':
        o.data = v;
        return undefined;
      case 'cacert':
        o.cacert = v;
        return undefined;
      case 'url':
        o.url = v;
        return undefined;
      case 'resolve': {
        const m = /^([^:]+):(\d+):(.+)$/.exec(v);
        if (!m) return `curl: option --resolve: error encountered when reading a file\n`;
        o.resolve.push({ host: m[1], port: Number(m[2]), address: m[3] });
        return undefined;
      }
      case 'max-time':
      case 'connect-timeout': {
        const ms = seconds(v, name);
        if (typeof ms !== 'number') return ms.error;
        if (name === 'max-time') o.maxTimeMs = ms;
        else o.connectTimeoutMs = ms;
        return undefined;
      }
      default:
        return `curl: option --${name}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (LONG_FLAGS[name]) {
        (o[LONG_FLAGS[name]] as boolean) = true;
        continue;
      }
      if (IGNORED.has(name)) continue;
      if (LONG_WITH_VALUE.has(name)) {
        const v = args[++i];
        if (v === undefined) return { ok: false, error: `curl: option --${name}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
        const err = setValue(name, v);
        if (err) return { ok: false, error: err, exitCode: 2 };
        continue;
      }
      return { ok: false, error: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (FLAGS[c]) {
          (o[FLAGS[c]] as boolean) = true;
          continue;
        }
        if (c === '4') continue;
        if (WITH_VALUE[c]) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return { ok: false, error: `curl: option -${c}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
          const err = setValue(WITH_VALUE[c], v);
          if (err) return { ok: false, error: err, exitCode: 2 };
          break;
        }
        return { ok: false, error: `curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
      }
      continue;
    }
    o.url = a;
  }
  if (!o.url) return { ok: false, error: `curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
  return { ok: true, options: o };
}

export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

export function parseUrl(url: string): ParsedUrl | { error: string; exitCode: number } {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d*))?([^#]*)/.exec(url);
  if (!m || !m[2]) return { error: `curl: (3) URL rejected: No host part in the URL\n`, exitCode: 3 };
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { error: `curl: (1) Protocol "${scheme}" not supported\n`, exitCode: 1 };
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n`, exitCode: 3 };
  return { scheme, host: m[2], port, path: m[4] || '/' };
}

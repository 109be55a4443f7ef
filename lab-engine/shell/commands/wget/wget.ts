// BusyBox wget, the HTTP client of busybox and alpine pods (the NetworkPolicy docs' test client):
// `-q`, `-O FILE|-`, `-T SEC`/`--timeout`, `--spider`, `-S`, `-U`, with BusyBox 1.37's messages on
// stderr — `Connecting to web (10.96.0.12:80)`, `saving to 'index.html'`, `wget: bad address`,
// `wget: can't connect to remote host (…): Connection refused`, `wget: download timed out`,
// `wget: server returned error: HTTP/1.1 404 Not Found` — and exit status 1 on any failure.

import { OutputBuilder, type CommandOutput, type ShellCommand } from '../../command-types';
import { httpCall } from '../curl/http-client';
import { parseUrl } from '../curl/curl-options';

const USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`;

interface WgetOptions {
  quiet: boolean;
  spider: boolean;
  showResponse: boolean;
  output?: string;
  timeoutMs?: number;
  userAgent: string;
  headers: [string, string][];
  postData?: string;
  urls: string[];
}

function parse(args: readonly string[]): WgetOptions | { error: string } {
  const o: WgetOptions = { quiet: false, spider: false, showResponse: false, userAgent: 'Wget', headers: [], urls: [] };
  const value = (i: number) => args[i + 1];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const [name, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const take = () => inline ?? value(i++);
    switch (name) {
      case '-q': case '--quiet': o.quiet = true; break;
      case '--spider': o.spider = true; break;
      case '-S': case '--server-response': o.showResponse = true; break;
      case '-qO-': o.quiet = true; o.output = '-'; break;
      case '-O': case '--output-document': o.output = take(); break;
      case '-T': case '--timeout': {
        const v = take();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) return { error: `wget: invalid number '${v ?? ''}'\n` };
        o.timeoutMs = n * 1000;
        break;
      }
      case '-U': case '--user-agent': o.userAgent = take() ?? 'Wget'; break;
      case '--header': {
        const h = take() ?? '';
        const c = h.indexOf(':');
        if (c > 0) o.headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
        break;
      }
      case '--post-data': o.postData = take(); break;
      default:
        if (a.startsWith('-O') && a.length > 2) { o.output = a.slice(2); break; }
        if (/^-[qS]+O?-?$/.test(a) || /^-[qS]+$/.test(a)) {
          if (a.includes('q')) o.quiet = true;
          if (a.includes('S')) o.showResponse = true;
          if (a.endsWith('O-')) o.output = '-';
          else if (a.endsWith('O')) o.output = value(i++);
          break;
        }
        if (a.startsWith('-')) return { error: `wget: unrecognized option '${a}'\n${USAGE}` };
        o.urls.push(a);
    }
  }
  return o;
}

export const wget: ShellCommand = {
  name: 'wget',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const o = parse(ctx.args);
    if ('error' in o) return out.err(o.error).done(1);
    if (o.urls.length === 0) return out.err(USAGE).done(1);
    const say = (text: string) => {
      if (!o.quiet) out.err(text);
    };
    let failed = false;
    for (const raw of o.urls) {
      const url = parseUrl(raw);
      if ('error' in url) {
        out.err(`wget: bad address '${raw}'\n`);
        failed = true;
        continue;
      }
      const headers: Record<string, string> = { host: url.port === 80 ? url.host : `${url.host}:${url.port}`, 'user-agent': o.userAgent };
      for (const [k, v] of o.headers) headers[k.toLowerCase()] = v;
      const result = await httpCall(ctx, { host: url.host, port: url.port, path: url.path, method: o.spider ? 'HEAD' : o.postData !== undefined ? 'POST' : 'GET', headers, ...(o.postData !== undefined ? { body: o.postData } : {}), ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}) });
      if (result.kind === 'interrupted') return out.done(130);
      if (result.kind === 'no-name') {
        if (result.timedOut) out.err('wget: download timed out\n');
        else out.err(`wget: bad address '${url.host}'\n`);
        failed = true;
        continue;
      }
      say(`Connecting to ${url.host} (${result.ip}:${url.port})\n`);
      switch (result.kind) {
        case 'refused':
          out.err(`wget: can't connect to remote host (${result.ip}): Connection refused\n`);
          failed = true;
          continue;
        case 'unreachable':
          out.err(`wget: can't connect to remote host (${result.ip}): Host is unreachable\n`);
          failed = true;
          continue;
        case 'timeout':
          out.err(result.byCaller ? 'wget: download timed out\n' : `wget: can't connect to remote host (${result.ip}): Connection timed out\n`);
          failed = true;
          continue;
        case 'stalled':
          out.err(result.byCaller ? 'wget: download timed out\n' : 'wget: error getting response: Connection timed out\n');
          failed = true;
          continue;
        case 'tls-plain':
        case 'tls-rejected':
          // wget here never asks for TLS (https URLs are not simulated for BusyBox wget).
          out.err('wget: error getting response: Connection reset by peer\n');
          failed = true;
          continue;
        case 'empty-reply':
          out.err('wget: error getting response: Connection reset by peer\n');
          failed = true;
          continue;
        case 'response':
          break;
        default: {
          const never: never = result;
          return never;
        }
      }
      const res = result.exchange.response;
      if (o.showResponse) out.err(`  HTTP/${res.version} ${res.status} ${res.reason}\n${res.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('')}`);
      if (res.status >= 400) {
        out.err(`wget: server returned error: HTTP/${res.version} ${res.status} ${res.reason}\n`);
        failed = true;
        continue;
      }
      if (o.spider) {
        say('remote file exists\n');
        continue;
      }
      const target = o.output ?? (url.path.split('?')[0].split('/').pop() || 'index.html');
      const size = res.body.length;
      const bar = `${(target === '-' ? '-' : target).padEnd(20).slice(0, 20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
      if (target === '-') {
        say('writing to stdout\n');
        out.out(res.body);
        say(`${bar}written to stdout\n`);
        continue;
      }
      if (ctx.fs.read(target) !== undefined && o.output === undefined) {
        out.err(`wget: can't open '${target}': File exists\n`);
        failed = true;
        continue;
      }
      say(`saving to '${target}'\n`);
      const written = ctx.fs.write(target, res.body);
      if (!written.ok) {
        out.err(`wget: can't open '${target}': ${written.reason}\n`);
        failed = true;
        continue;
      }
      say(`${bar}'${target}' saved\n`);
    }
    return out.done(failed ? 1 : 0);
  },
};

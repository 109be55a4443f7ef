// curl on the simulated network: resolve the host as the shell's location would (hosts file, the
// cluster DNS from pods), open the connection with the packet engine (the learner's own traffic:
// it leaves conntrack entries), and when a pod accepts it, ask that pod's application for the
// response. Failures are curl 8's messages and exit codes: 6 (name), 7 (refused, no route),
// 28 (timeouts: waited on the simulated clock, Ctrl-C stops the wait), 22 (-f and HTTP ≥ 400).

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseImageRef } from '../../../cluster/images';
import type { Pod } from '../../../cluster/types';
import { serveHttp } from '../../../dataplane/apps/http-server';
import type { HttpRequest, HttpResponse } from '../../../dataplane/apps/http-types';
import { sendProbe } from '../../../dataplane/packet/walk';
import type { PacketSource } from '../../../dataplane/packet/types';
import { DNS_GIVE_UP_MS, resolveHost } from '../../contexts/name-resolution';
import type { ShellLocation } from '../../contexts/location';
import { parseCurlArgs, parseUrl, type CurlOptions } from './curl-options';

/** Linux gives up on an unanswered SYN after 6 retries (tcp_syn_retries): about 130 s. */
const KERNEL_CONNECT_TIMEOUT_MS = 130_000;

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>           HTTP POST data
 -f, --fail                  Fail fast with no output on HTTP errors
 -H, --header <header/@file> Pass custom header(s) to server
 -i, --include               Include response headers in output
 -I, --head                  Show document info only
 -k, --insecure              Allow insecure server connections
 -L, --location              Follow redirects
 -m, --max-time <seconds>    Maximum time allowed for transfer
 -o, --output <file>         Write to file instead of stdout
 -s, --silent                Silent mode
 -S, --show-error            Show error even when -s is used
 -v, --verbose               Make the operation more talkative
 -w, --write-out <format>    Use output FORMAT after completion
 -X, --request <method>      Specify request method to use
`;

export function curlVersion(loc: ShellLocation, pod: Pod | undefined): string {
  if (loc.kind !== 'pod' || !pod) return '8.5.0';
  const c = pod.spec.containers.find((x) => x.name === loc.container) ?? pod.spec.containers[0];
  const ref = parseImageRef(c?.image ?? '');
  if (ref?.repository === 'docker.io/curlimages/curl') return ref.tag === 'latest' ? '8.17.0' : ref.tag;
  if (ref?.repository === 'docker.io/library/nginx' && !ref.tag.includes('alpine')) return '8.14.1';
  return '8.14.1';
}

function sourceOf(loc: ShellLocation): PacketSource {
  switch (loc.kind) {
    case 'workstation':
      return { kind: 'external', host: 'workstation' };
    case 'node':
      return { kind: 'node', node: loc.node };
    case 'pod':
      return { kind: 'pod', namespace: loc.namespace, name: loc.pod };
    default: {
      const never: never = loc;
      return never;
    }
  }
}

export const curl: ShellCommand = {
  name: 'curl',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const parsed = parseCurlArgs(ctx.args);
    if (parsed.ok === 'help') return out.out(HELP).done(0);
    if (!parsed.ok) return out.err(parsed.error).done(parsed.exitCode);
    const o = parsed.options;
    const url = parseUrl(o.url);
    if ('error' in url) return out.err(url.error).done(url.exitCode);
    const fail = (code: number, message: string) => {
      if (!o.silent || o.showError) out.err(`curl: (${code}) ${message}\n`);
      return out.done(code);
    };
    const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
    const world = ctx.session?.network();
    const pod = loc.kind === 'pod' ? ctx.cluster.get('pods', loc.namespace, loc.pod) : undefined;

    const pinned = o.resolve.find((r) => r.host === url.host && r.port === url.port);
    const resolution = pinned ? { ok: true as const, ip: pinned.address } : resolveHost(url.host, loc, ctx.cluster, ctx.fs, world);
    const budget = o.maxTimeMs ?? Infinity;
    if (!resolution.ok) {
      if (resolution.reason === 'timeout') {
        const waited = Math.min(budget, DNS_GIVE_UP_MS);
        const slept = await ctx.sleep(waited);
        if (slept < waited) return out.done(130);
        if (budget < DNS_GIVE_UP_MS) return fail(28, `Resolving timed out after ${budget} milliseconds`);
      }
      return fail(6, `Could not resolve host: ${url.host}`);
    }
    const ip = resolution.ip;
    if (o.verbose) out.err(`*   Trying ${ip}:${url.port}...\n`);
    if (!world) return fail(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);

    const result = sendProbe(world, { from: sourceOf(loc), dst: ip, protocol: 'tcp', dport: url.port });
    const outcome = result.outcome;
    switch (outcome.kind) {
      case 'refused':
        return fail(7, `Failed to connect to ${url.host} port ${url.port} after ${1 + (url.port % 3)} ms: Connection refused`);
      case 'unreachable':
        return fail(7, `Failed to connect to ${url.host} port ${url.port} after 3 ms: No route to host`);
      case 'dropped': {
        const limit = Math.min(o.connectTimeoutMs ?? Infinity, budget);
        const wait = Number.isFinite(limit) ? limit : KERNEL_CONNECT_TIMEOUT_MS;
        const slept = await ctx.sleep(wait);
        if (slept < wait) return out.done(130);
        if (Number.isFinite(limit)) return fail(28, `Connection timed out after ${wait + 1} milliseconds`);
        return fail(28, `Failed to connect to ${url.host} port ${url.port} after ${KERNEL_CONNECT_TIMEOUT_MS + 3525} ms: Connection timed out`);
      }
      case 'delivered':
        break;
      default: {
        const never: never = outcome;
        return never;
      }
    }
    if (o.verbose) out.err(`* Connected to ${url.host} (${ip}) port ${url.port}\n`);
    const target = outcome.at.pod ? ctx.cluster.get('pods', outcome.at.pod.namespace, outcome.at.pod.name) : undefined;
    if (!target) return fail(52, 'Empty reply from server');
    if (url.scheme === 'https') {
      // The simulated applications speak plain HTTP: a TLS ClientHello gets an HTTP 400 or a reset.
      return fail(35, `OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number`);
    }
    const version = curlVersion(loc, pod);
    const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
    const headers: Record<string, string> = { host: url.port === 80 ? url.host : `${url.host}:${url.port}`, 'user-agent': `curl/${version}`, accept: '*/*' };
    for (const [k, v] of o.headers) headers[k.toLowerCase()] = v;
    const request: HttpRequest = { method, path: url.path, headers, ...(o.data !== undefined ? { body: o.data } : {}), remoteAddr: outcome.at.sourceSeen, remotePort: result.hops[0]?.headers.sport ?? 40000, localAddr: outcome.at.ip, localPort: outcome.at.port ?? url.port };
    const exchange = serveHttp(target, request, ctx.cluster.now());
    logAccess(ctx, target, request, exchange.response);
    return finish(ctx, out, o, { host: url.host, ip, port: url.port }, request, exchange.response);
  },
};

/** nginx's combined log format, as its image writes to stdout (kubectl logs shows it). */
function logAccess(ctx: CommandContext, pod: Pod, req: HttpRequest, res: HttpResponse): void {
  const c = pod.spec.containers[0];
  if (!c || parseImageRef(c.image)?.repository !== 'docker.io/library/nginx') return;
  const d = new Date(ctx.cluster.now());
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  const size = res.headers.find(([k]) => k === 'Content-Length')?.[1] ?? '0';
  ctx.cluster.appendLog(pod.metadata.namespace ?? 'default', pod.metadata.name, c.name, `${req.remoteAddr} - - [${stamp}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${req.method === 'HEAD' ? 0 : size} "-" "${req.headers['user-agent'] ?? '-'}" "-"`);
}

function finish(ctx: CommandContext, out: OutputBuilder, o: CurlOptions, peer: { host: string; ip: string; port: number }, req: HttpRequest, res: HttpResponse): CommandOutput {
  const statusLine = `HTTP/${res.version} ${res.status} ${res.reason}`;
  const headerBlock = `${statusLine}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  if (o.verbose) {
    out.err(`* using HTTP/1.x\n> ${req.method} ${req.path} HTTP/1.1\n> Host: ${req.headers.host}\n> User-Agent: ${req.headers['user-agent']}\n> Accept: ${req.headers.accept}\n>${' '}\n* Request completely sent off\n`);
    out.err(`< ${statusLine}\n${res.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}<${' '}\n`);
  }
  if (o.fail && res.status >= 400) {
    if (!o.silent || o.showError) out.err(`curl: (22) The requested URL returned error: ${res.status}\n`);
    return out.done(22);
  }
  let body = o.head ? headerBlock : (o.include ? headerBlock : '') + res.body;
  if (o.output === '/dev/null') body = '';
  else if (o.output) {
    const written = ctx.fs.write(o.output, body);
    if (!written.ok) {
      out.err(`curl: (23) Failure writing output to destination, passed ${body.length} returned 0\n`);
      return out.done(23);
    }
    body = '';
  }
  out.out(body);
  if (o.verbose) out.err(`* Connection #0 to host ${peer.host} left intact\n`);
  if (o.writeOut) out.out(writeOut(o.writeOut, res, peer));
  return out.done(0);
}

/** -w variables a learner uses: %{http_code}, %{remote_ip}, %{remote_port}, %{size_download}; \n escapes. */
function writeOut(format: string, res: HttpResponse, peer: { ip: string; port: number }): string {
  return format
    .replace(/%\{http_code\}|%\{response_code\}/g, String(res.status).padStart(3, '0'))
    .replace(/%\{remote_ip\}/g, peer.ip)
    .replace(/%\{remote_port\}/g, String(peer.port))
    .replace(/%\{size_download\}/g, String(res.body.length))
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

// curl on the simulated network: resolve the host as the shell's location would (hosts file, the
// cluster DNS from pods), open the connection with the packet engine (the learner's own traffic:
// it leaves conntrack entries), and when a pod accepts it, ask that pod's application for the
// response. Failures are curl 8's messages and exit codes: 6 (name), 7 (refused, no route),
// 28 (timeouts: waited on the simulated clock, Ctrl-C stops the wait), 22 (-f and HTTP ≥ 400).

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseImageRef } from '../../../cluster/images';
import { imageProfile } from '../../../dataplane/apps/images';
import type { Pod } from '../../../kube/types';
import type { HttpRequest, HttpResponse } from '../../../dataplane/apps/http-types';
import type { ShellLocation } from '../../contexts/location';
import { parseCurlArgs, parseUrl, type CurlOptions } from './curl-options';
import { httpCall, KERNEL_CONNECT_TIMEOUT_MS, type TlsHandshake } from './http-client';
import { CA_CERT_ERROR, judge, negotiated, rejection, tlsClient, verboseAccepted, verboseRejected, type TlsClient } from './curl-tls';

const HELP = `Usage: curl [options...] <url>
     --cacert <file>         CA certificate to verify peer against
 -d, --data <data>           HTTP POST data
 -f, --fail                  Fail fast with no output on HTTP errors
 -H, --header <header/@file> Pass custom header(s) to server
 -i, --include               Include response headers in output
 -I, --head                  Show document info only
 -k, --insecure              Allow insecure server connections
 -L, --location              Follow redirects
 -m, --max-time <seconds>    Maximum time allowed for transfer
 -o, --output <file>         Write to file instead of stdout
     --resolve <[+]host:port:addr[,addr]...> Resolve the host+port to this address
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
  // An image that builds curl itself (curlimages/curl) is tagged with its version.
  const own = ref && imageProfile(ref)?.builds?.curl;
  if (ref && own) return ref.tag === 'latest' ? own.latest : ref.tag;
  return '8.14.1';
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
    // curl writes its -w format after a failed transfer too, with the variables it never got: http_code 000.
    const fail = (code: number, message: string) => {
      if (!o.silent || o.showError) out.err(`curl: (${code}) ${message}\n`);
      if (o.writeOut) out.out(writeOut(o.writeOut, undefined, undefined));
      return out.done(code);
    };
    const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
    const pod = loc.kind === 'pod' ? ctx.cluster.get('pods', loc.namespace, loc.pod) : undefined;
    const version = curlVersion(loc, pod);
    const pinned = o.resolve.find((r) => r.host === url.host && r.port === url.port);
    const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
    const defaultPort = url.scheme === 'https' ? 443 : 80;
    const headers: Record<string, string> = { host: url.port === defaultPort ? url.host : `${url.host}:${url.port}`, 'user-agent': `curl/${version}`, accept: '*/*' };
    let client: TlsClient | undefined;
    if (url.scheme === 'https') {
      const made = tlsClient(ctx, url.host, o);
      if ('error' in made) return out.err(made.error).done(made.exitCode);
      client = made;
    }
    const tls = client;
    for (const [k, v] of o.headers) headers[k.toLowerCase()] = v;
    if (o.verbose && pinned) out.err(`* Added ${url.host}:${url.port}:${pinned.address} to DNS cache\n`);
    const connectLimit = Math.min(o.connectTimeoutMs ?? Infinity, o.maxTimeMs ?? Infinity);
    const result = await httpCall(ctx, {
      host: url.host,
      port: url.port,
      path: url.path,
      method,
      headers,
      ...(o.data !== undefined ? { body: o.data } : {}),
      ...(pinned ? { address: pinned.address } : {}),
      ...(tls ? { tls: { sni: tls.sni, verify: (hs: TlsHandshake) => judge(tls, hs, url.host, ctx.cluster.now(), hostnameWord(version)) } } : {}),
      ...(Number.isFinite(connectLimit) ? { timeoutMs: connectLimit } : {}),
    });
    switch (result.kind) {
      case 'interrupted':
        return out.done(130);
      case 'no-name':
        return result.timedOut ? fail(28, `Resolving timed out after ${result.waitedMs} milliseconds`) : fail(6, `Could not resolve host: ${url.host}`);
      case 'refused':
        if (o.verbose) out.err(`*   Trying ${result.ip}:${url.port}...\n`);
        return fail(7, `Failed to connect to ${url.host} port ${url.port} after ${1 + (url.port % 3)} ms: Connection refused`);
      case 'unreachable':
        if (o.verbose) out.err(`*   Trying ${result.ip}:${url.port}...\n`);
        return fail(7, `Failed to connect to ${url.host} port ${url.port} after ${result.waitedMs !== undefined ? result.waitedMs + 4 : 3} ms: No route to host`);
      case 'timeout':
        if (o.verbose) out.err(`*   Trying ${result.ip}:${url.port}...\n`);
        return result.byCaller ? fail(28, `Connection timed out after ${result.waitedMs + 1} milliseconds`) : fail(28, `Failed to connect to ${url.host} port ${url.port} after ${KERNEL_CONNECT_TIMEOUT_MS + 3525} ms: Connection timed out`);
      case 'stalled':
        // Connected, request sent, not one byte of the response back (curl's multi.c and transfer.c wording).
        if (o.verbose) out.err(`*   Trying ${result.ip}:${url.port}...\n* Connected to ${url.host} (${result.ip}) port ${url.port}\n`);
        return result.byCaller ? fail(28, `Operation timed out after ${result.waitedMs + 1} milliseconds with 0 bytes received`) : fail(56, 'Recv failure: Connection timed out');
      case 'tls-plain':
        if (o.verbose) out.err(`*   Trying ${result.ip}:${url.port}...\n* Connected to ${url.host} (${result.ip}) port ${url.port}\n* ALPN: curl offers ${tls?.alpn ?? 'h2,http/1.1'}\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n`);
        // The simulated applications speak plain HTTP: the ClientHello gets an HTTP error page back.
        return fail(35, `OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number`);
      case 'tls-rejected':
        if (o.verbose && tls) out.err(`*   Trying ${result.ip}:${url.port}...\n* Connected to ${url.host} (${result.ip}) port ${url.port}\n${verboseRejected(tls, result.tls)}`);
        return fail(60, `${rejection(tls?.verdict)}\n${CA_CERT_ERROR}`.replace(/\n$/, ''));
      case 'empty-reply':
        return fail(52, 'Empty reply from server');
      case 'response':
        break;
      default: {
        const never: never = result;
        return never;
      }
    }
    if (o.verbose) out.err(`*   Trying ${result.ip}:${url.port}...\n* Connected to ${url.host} (${result.ip}) port ${url.port}\n`);
    const h2 = tls && result.tls ? negotiated(tls, result.tls) === 'h2' : false;
    if (o.verbose && tls && result.tls) out.err(verboseAccepted(tls, result.tls));
    return finish(ctx, out, o, { host: url.host, ip: result.ip, port: url.port, url: `${url.scheme}://${url.host}${url.port === defaultPort ? '' : `:${url.port}`}${url.path}` }, result.exchange.request, result.exchange.response, h2);
  },
};

/** curl 8.5 still wrote "host name" in its messages; later releases write "hostname". */
function hostnameWord(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return major > 8 || (major === 8 && minor >= 8) ? 'hostname' : 'host name';
}

/** HTTP/2 as curl shows it: `HTTP/2 200 ` and the lower-case header names h2 carries, without connection headers. */
function asHttp2(res: HttpResponse): { statusLine: string; headers: [string, string][] } {
  return { statusLine: `HTTP/2 ${res.status} `, headers: res.headers.map(([k, v]): [string, string] => [k.toLowerCase(), v]).filter(([k]) => !['connection', 'keep-alive', 'transfer-encoding'].includes(k)) };
}

function finish(ctx: CommandContext, out: OutputBuilder, o: CurlOptions, peer: { host: string; ip: string; port: number; url: string }, req: HttpRequest, res: HttpResponse, h2 = false): CommandOutput {
  const shown = h2 ? asHttp2(res) : { statusLine: `HTTP/${res.version} ${res.status} ${res.reason}`, headers: res.headers };
  const statusLine = shown.statusLine;
  const headerBlock = `${statusLine}\r\n${shown.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  if (o.verbose) {
    const ua = req.headers['user-agent'];
    if (h2) {
      const pseudo = [`:method: ${req.method}`, ':scheme: https', `:authority: ${req.headers.host}`, `:path: ${req.path}`, `user-agent: ${ua}`, `accept: ${req.headers.accept}`];
      out.err(`* using HTTP/2\n* [HTTP/2] [1] OPENED stream for ${peer.url}\n${pseudo.map((p) => `* [HTTP/2] [1] [${p}]\n`).join('')}> ${req.method} ${req.path} HTTP/2\n> Host: ${req.headers.host}\n> User-Agent: ${ua}\n> Accept: ${req.headers.accept}\n>${' '}\n* Request completely sent off\n`);
    } else {
      out.err(`* using HTTP/1.x\n> ${req.method} ${req.path} HTTP/1.1\n> Host: ${req.headers.host}\n> User-Agent: ${ua}\n> Accept: ${req.headers.accept}\n>${' '}\n* Request completely sent off\n`);
    }
    out.err(`< ${statusLine}\n${shown.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}<${' '}\n`);
  }
  if (o.fail && res.status >= 400) {
    if (!o.silent || o.showError) out.err(`curl: (22) The requested URL returned error: ${res.status}\n`);
    if (o.writeOut) out.out(writeOut(o.writeOut, res, peer));
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

/**
 * -w variables a learner uses: %{http_code}, %{remote_ip}, %{remote_port}, %{size_download}; \n escapes.
 * Without a response (the connection failed) the code is 000, the size 0 and the peer empty, as curl writes them.
 */
function writeOut(format: string, res: HttpResponse | undefined, peer: { ip: string; port: number } | undefined): string {
  return format
    .replace(/%\{http_code\}|%\{response_code\}/g, String(res?.status ?? 0).padStart(3, '0'))
    .replace(/%\{remote_ip\}/g, peer?.ip ?? '')
    .replace(/%\{remote_port\}/g, String(peer?.port ?? 0))
    .replace(/%\{size_download\}/g, String(res?.body.length ?? 0))
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

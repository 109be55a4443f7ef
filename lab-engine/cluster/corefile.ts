// The Corefile as CoreDNS v1.12 reads it at start (its Caddy-derived parser, core/dnsserver and
// each plugin's setup): server blocks, each with its keys (`corp.example:53`, `.:53`, several per
// block) and its plugins with their arguments and property blocks. What CoreDNS refuses it refuses
// here with its own words, which is all `kubectl logs` shows of a pod that will not start:
//   /etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'forwrd'
//   plugin/forward: /etc/coredns/Corefile:12 - Error during parsing: Wrong argument count or unexpected line ending after '.'
//   cannot serve dns://corp.example.:53 - it is already defined
// (coredns/deployment#215, coredns#7121, coredns#1208, coredns#7733). Only the plugins Flatnet
// answers with (forward, hosts, rewrite, cache, kubernetes, loop, log) have their arguments
// checked; the others kubeadm writes (errors, health, ready, prometheus, reload, loadbalance) are
// taken as they are.

/** Where the kubeadm Deployment mounts the ConfigMap (`-conf /etc/coredns/Corefile`). */
export const COREFILE_PATH = '/etc/coredns/Corefile';

/** CoreDNS's directives (plugin.cfg of v1.12), in the order the server chains them: a query meets them in this order whatever the Corefile's order. */
export const PLUGIN_ORDER = [
  'root', 'metadata', 'geoip', 'cancel', 'tls', 'timeouts', 'multisocket', 'reload', 'nsid', 'bufsize', 'bind', 'debug', 'trace', 'ready', 'health', 'pprof', 'prometheus', 'errors', 'log', 'dnstap', 'local', 'dns64', 'acl', 'any', 'chaos', 'loadbalance', 'tsig', 'cache', 'rewrite', 'header', 'dnssec', 'autopath', 'minimal', 'template', 'transfer', 'hosts', 'route53', 'azure', 'clouddns', 'k8s_external', 'kubernetes', 'file', 'auto', 'secondary', 'etcd', 'loop', 'forward', 'grpc', 'erratic', 'whoami', 'on', 'sign', 'view',
] as const;

export interface CorefileLine {
  name: string;
  args: string[];
  /** 1-based line of the directive in the file. */
  line: number;
}

export interface CorefilePlugin extends CorefileLine {
  /** The lines inside the plugin's `{ }`, if it has one. */
  block: CorefileLine[];
}

export interface ServerKey {
  /** Lower case, fully qualified: `.`, `corp.example.`. */
  zone: string;
  port: number;
}

export interface ServerBlock {
  keys: ServerKey[];
  plugins: CorefilePlugin[];
  line: number;
}

export type CorefileParse = { kind: 'ok'; blocks: ServerBlock[] } | { kind: 'error'; message: string };

interface Token {
  text: string;
  line: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  text.split('\n').forEach((raw, i) => {
    const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      if (m[2]?.startsWith('#')) break;
      tokens.push({ text: m[1] ?? m[2], line: i + 1 });
    }
  });
  return tokens;
}

const parseError = (line: number, what: string, plugin?: string): CorefileParse => ({
  kind: 'error',
  message: `${plugin ? `plugin/${plugin}: ` : ''}${COREFILE_PATH}:${line} - Error during parsing: ${what}`,
});

/** Groups tokens into lines of one block level, starting at `i`; stops at the `}` closing it. */
function readLines(tokens: Token[], start: number): { lines: (CorefileLine & { block?: CorefileLine[]; blockError?: CorefileParse })[]; next: number; closed: boolean } {
  const lines: (CorefileLine & { block?: CorefileLine[] })[] = [];
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.text === '}') return { lines, next: i + 1, closed: true };
    const line: CorefileLine & { block?: CorefileLine[] } = { name: t.text, args: [], line: t.line };
    i++;
    while (i < tokens.length && tokens[i].line === t.line && tokens[i].text !== '{' && tokens[i].text !== '}') line.args.push(tokens[i++].text);
    if (i < tokens.length && tokens[i].text === '{' && tokens[i].line === t.line) {
      const inner = readLines(tokens, i + 1);
      if (!inner.closed) return { lines, next: tokens.length, closed: false };
      line.block = inner.lines.map(({ name, args, line: l }) => ({ name, args, line: l }));
      i = inner.next;
    }
    lines.push(line);
  }
  return { lines, next: i, closed: false };
}

export function parseCorefile(text: string): CorefileParse {
  const tokens = tokenize(text);
  const blocks: ServerBlock[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    const keys: string[] = [];
    while (i < tokens.length && tokens[i].text !== '{') {
      if (tokens[i].text === '}') return parseError(tokens[i].line, "Unexpected '}' because no matching opening brace");
      keys.push(tokens[i++].text.replace(/,$/, ''));
    }
    if (i >= tokens.length) return parseError(tokens.at(-1)!.line, 'Unexpected EOF');
    const body = readLines(tokens, i + 1);
    if (!body.closed) return parseError(tokens.at(-1)!.line, 'Unexpected EOF');
    i = body.next;
    const serverKeys: ServerKey[] = [];
    for (const key of keys) {
      const parsed = serverKey(key);
      if (!parsed) return { kind: 'error', message: `${COREFILE_PATH}:${first.line} - Error during parsing: invalid server block key '${key}'` };
      serverKeys.push(parsed);
    }
    const plugins: CorefilePlugin[] = [];
    for (const l of body.lines) {
      if (!(PLUGIN_ORDER as readonly string[]).includes(l.name)) return parseError(l.line, `Unknown directive '${l.name}'`);
      const plugin = { name: l.name, args: l.args, line: l.line, block: l.block ?? [] };
      const problem = checkPlugin(plugin);
      if (problem) return parseError(problem.line, problem.what, plugin.name);
      plugins.push(plugin);
    }
    blocks.push({ keys: serverKeys, plugins, line: first.line });
  }
  // core/dnsserver: one zone on one port belongs to one server block.
  const seen = new Set<string>();
  for (const b of blocks) {
    for (const k of b.keys) {
      const id = `dns://${k.zone}:${k.port}`;
      if (seen.has(id)) return { kind: 'error', message: `cannot serve ${id} - it is already defined` };
      seen.add(id);
    }
  }
  return { kind: 'ok', blocks };
}

/** `.:53`, `corp.example`, `dns://corp.example:53` → zone and port (53 when none is given). */
function serverKey(key: string): ServerKey | undefined {
  const m = /^(?:dns:\/\/)?([^:/]*)(?::(\d+))?$/.exec(key.toLowerCase());
  if (!m || m[1] === '') return undefined;
  const zone = m[1] === '.' ? '.' : `${m[1].replace(/\.$/, '')}.`;
  return { zone, port: m[2] ? Number(m[2]) : 53 };
}

const WRONG_ARGS = (after: string) => `Wrong argument count or unexpected line ending after '${after}'`;

const FORWARD_PROPERTIES = ['except', 'force_tcp', 'prefer_udp', 'expire', 'max_fails', 'tls', 'tls_servername', 'policy', 'health_check', 'max_concurrent', 'next', 'failfast_all_unhealthy_upstreams', 'failover'];
const CACHE_PROPERTIES = ['success', 'denial', 'prefetch', 'serve_stale', 'servfail', 'disable', 'keepttl'];
const REWRITE_TYPES = ['name', 'type', 'class', 'edns0', 'ttl', 'cname', 'rcode'];
const HOSTS_PROPERTIES = ['ttl', 'no_reverse', 'reload', 'fallthrough'];

/** What a plugin's setup refuses, with the line it names. */
function checkPlugin(p: CorefilePlugin): { line: number; what: string } | undefined {
  const last = p.args.at(-1) ?? p.name;
  switch (p.name) {
    case 'forward': {
      if (p.args.length < 2) return { line: p.line, what: WRONG_ARGS(last) };
      for (const to of p.args.slice(1)) if (!forwardTarget(to)) return { line: p.line, what: `not an IP address or file: "${to}"` };
      const unknown = p.block.find((l) => !FORWARD_PROPERTIES.includes(l.name));
      return unknown ? { line: unknown.line, what: `unknown property '${unknown.name}'` } : undefined;
    }
    case 'cache': {
      if (p.args[0] !== undefined && !/^\d+$/.test(p.args[0]) && !p.args[0].includes('.')) return { line: p.line, what: `strconv.Atoi: parsing "${p.args[0]}": invalid syntax` };
      const unknown = p.block.find((l) => !CACHE_PROPERTIES.includes(l.name));
      return unknown ? { line: unknown.line, what: `unknown property '${unknown.name}'` } : undefined;
    }
    case 'hosts': {
      const bad = p.block.find((l) => !HOSTS_PROPERTIES.includes(l.name) && !isIPv4(l.name) && !l.name.includes(':'));
      return bad ? { line: bad.line, what: `unknown property '${bad.name}'` } : undefined;
    }
    case 'rewrite': {
      // Every rule type is accepted; only `name` rules change what Flatnet answers.
      const type = p.args.find((a) => a !== 'stop' && a !== 'continue') ?? '';
      if (p.args.length < 3) return { line: p.line, what: WRONG_ARGS(last) };
      return REWRITE_TYPES.includes(type) ? undefined : { line: p.line, what: `invalid rule type "${type}"` };
    }
    case 'loop':
      return p.args.length ? { line: p.line, what: WRONG_ARGS(p.args[0]) } : undefined;
    default:
      return undefined;
  }
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

export type ForwardTarget = { kind: 'address'; ip: string; port: number } | { kind: 'resolv-conf'; path: string };

/** A `forward` TO: an address (`10.50.0.10`, `10.50.0.10:53`, `dns://…`) or a resolv.conf-style file. */
export function forwardTarget(to: string): ForwardTarget | undefined {
  if (to.startsWith('/')) return { kind: 'resolv-conf', path: to };
  const m = /^(?:dns:\/\/)?([\d.]+)(?::(\d+))?$/.exec(to);
  if (!m || !isIPv4(m[1])) return undefined;
  return { kind: 'address', ip: m[1], port: m[2] ? Number(m[2]) : 53 };
}

export type RewriteMatch = 'exact' | 'prefix' | 'suffix' | 'substring' | 'regex';

export interface RewriteRule {
  /** `stop` (the default) ends rewriting at this rule; `continue` goes on to the next. */
  mode: 'stop' | 'continue';
  match: RewriteMatch;
  from: string;
  to: string;
  /** `answer auto` / `answer name`: the response's names are turned back into the asked ones. */
  answerBack: boolean;
}

const MATCHES: readonly RewriteMatch[] = ['exact', 'prefix', 'suffix', 'substring', 'regex'];

/** `rewrite [continue|stop] name [exact|prefix|suffix|substring|regex] FROM TO [answer auto|answer name …]`; undefined for what Flatnet does not model or CoreDNS refuses. */
export function rewriteRule(args: readonly string[]): RewriteRule | undefined {
  let rest = [...args];
  let mode: RewriteRule['mode'] = 'stop';
  if (rest[0] === 'stop' || rest[0] === 'continue') mode = rest.shift() as RewriteRule['mode'];
  if (rest.shift() !== 'name') return undefined;
  let match: RewriteMatch = 'exact';
  if ((MATCHES as readonly string[]).includes(rest[0] ?? '') && rest.length >= 3) match = rest.shift() as RewriteMatch;
  const [from, to, ...tail] = rest;
  if (from === undefined || to === undefined) return undefined;
  rest = tail;
  const answerBack = rest[0] === 'answer' && (rest[1] === 'auto' || rest[1] === 'name');
  return { mode, match, from: from.toLowerCase(), to: to.toLowerCase(), answerBack };
}

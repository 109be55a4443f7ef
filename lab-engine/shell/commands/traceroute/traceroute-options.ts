// Command lines of the two traceroutes. Modern traceroute 2.1 parses with its CLIF library:
// grouped short flags, `-m5` or `-m 5`, `--max-hops=5`, a host and an optional packet length,
// and errors that name the argument's position ("Bad option `-y' (argc 1)", "Extra arg `x'
// (position 3, argc 3)", "Cannot handle `-m' option with arg `x' (argc 2)") with status 2, then
// main()'s range checks ("first hop out of range", "max hops cannot be more than 255", "no more
// than 10 probes per hop"). BusyBox uses getopt32: "traceroute: invalid option -- 'T'" and its
// usage, status 1.

export type TraceMethod = 'udp-seq' | 'udp' | 'icmp' | 'tcp';

export interface TraceRequest {
  host: string;
  /** argv index of the host, for CLIF's messages. */
  hostArgc: number;
  method: TraceMethod;
  /** First destination port (udp-seq adds one per probe); unused for icmp. */
  port: number;
  firstTtl: number;
  maxTtl: number;
  queries: number;
  waitSecs: number;
  simProbes: number;
  numeric: boolean;
  packetLen?: number;
}

export type ParsedTrace = { kind: 'request'; request: TraceRequest } | { kind: 'print'; text: string; status: number } | { kind: 'error'; text: string; status: number };

const MODERN_VERSION = 'Modern traceroute for Linux, version 2.1.5\nCopyright (c) 2016  Dmitry Butskoy,   License: GPL v2 or any later\n';
const MODERN_HELP = `Usage:
  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]
Options:
  -4                          Use IPv4
  -6                          Use IPv6
  -d  --debug                 Enable socket level debugging
  -F  --dont-fragment         Do not fragment packets
  -f first_ttl  --first=first_ttl
                              Start from the first_ttl hop (instead from 1)
  -I  --icmp                  Use ICMP ECHO for tracerouting
  -T  --tcp                   Use TCP SYN for tracerouting (default port is 80)
  -m max_ttl  --max-hops=max_ttl
                              Set the max number of hops (max TTL to be
                              reached). Default is 30
  -N squeries  --sim-queries=squeries
                              Set the number of probes to be tried
                              simultaneously (default is 16)
  -n                          Do not resolve IP addresses to their domain names
  -p port  --port=port        Set the destination port to use. It is either
                              initial udp port value for "default" method
                              (incremented by each probe, default is 33434), or
                              initial seq for "icmp" (incremented as well,
                              default from 1), or some constant destination
                              port for other methods (with default of 80 for
                              "tcp", 53 for "udp", etc.)
  -w MAX,HERE,NEAR  --wait=MAX,HERE,NEAR
                              Wait for a probe no more than HERE (default 3)
                              times longer than a response from the same hop,
                              or no more than NEAR (default 10) times than some
                              next hop, or MAX (default 5.0) seconds (float
                              point values allowed too)
  -q nqueries  --queries=nqueries
                              Set the number of probes per each hop. Default is
                              3
  -U  --udp                   Use UDP to particular port for tracerouting
                              (instead of increasing the port per each probe),
                              default port is 53
  -V  --version               Print version info and exit
  --help                      Read this help and exit

Arguments:
+     host          The host to traceroute to
      packetlen     The full packet length (default is the length of an IP
                    header plus 40). Can be ignored or increased to a minimal
                    allowed value
`;

const VALUE_OPTS = 'fgimNptlwqszMOP';
const FLAG_OPTS = '46dFITnreAUDV';
const LONG_OPTS: Readonly<Record<string, string>> = {
  debug: 'd', 'dont-fragment': 'F', first: 'f', gateway: 'g', icmp: 'I', tcp: 'T', interface: 'i', 'max-hops': 'm', 'sim-queries': 'N', port: 'p',
  tos: 't', flowlabel: 'l', wait: 'w', queries: 'q', source: 's', sendwait: 'z', extensions: 'e', 'as-path-lookups': 'A', module: 'M', options: 'O',
  sport: '@sport', fwmark: '@fwmark', udp: 'U', UL: '@UL', dccp: 'D', protocol: 'P', mtu: '@mtu', back: '@back', version: 'V', help: '@help',
};
const LONG_WITH_VALUE = new Set(['f', 'g', 'i', 'm', 'N', 'p', 't', 'l', 'w', 'q', 's', 'z', 'M', 'O', 'P', '@sport', '@fwmark']);
/** Options whose effect Flatnet does not model (source routing, interfaces, other modules...). */
const MODERN_NOT_SIMULATED: Readonly<Record<string, string>> = {
  g: '-g (loose source routing)', i: '-i (interface selection)', s: '-s (source address)', l: '-l (IPv6 flow labels)', A: '-A (AS path lookups)',
  M: '-M (module selection)', O: '-O (module options)', P: '-P (raw protocol probes)', D: '-D (DCCP probes)', r: '-r (bypassing routing)',
  '@UL': '-UL (UDPLITE probes)', '@mtu': '--mtu (path MTU discovery)', '@back': '--back (backward hop counts)', '@sport': '--sport', '@fwmark': '--fwmark',
};

export function parseModernArgs(args: readonly string[]): ParsedTrace {
  const fail = (text: string): ParsedTrace => ({ kind: 'error', text: `${text}\n`, status: 2 });
  const flags = new Set<string>();
  const values = new Map<string, { value: string; argc: number; name: string }>();
  const operands: { value: string; argc: number }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const argc = i + 1;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const key = LONG_OPTS[name];
      if (!key) return fail(`Bad option \`${a}' (argc ${argc})`);
      if (key === '@help') return { kind: 'print', text: MODERN_HELP, status: 0 };
      if (LONG_WITH_VALUE.has(key)) {
        const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (value === undefined) return fail(`Option \`--${name}' (argc ${argc}) should have an argument`);
        values.set(key, { value, argc, name: `--${name}` });
      } else flags.add(key);
      continue;
    }
    if (a === '-UL') {
      flags.add('@UL');
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (VALUE_OPTS.includes(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) return fail(`Option \`-${c}' (argc ${argc}) should have an argument`);
          values.set(c, { value, argc: j + 1 < a.length ? argc : argc + 1, name: `-${c}` });
          break;
        }
        if (!FLAG_OPTS.includes(c)) return fail(`Bad option \`-${c}' (argc ${argc})`);
        flags.add(c);
      }
      continue;
    }
    operands.push({ value: a, argc });
  }
  if (flags.has('V')) return { kind: 'print', text: MODERN_VERSION, status: 0 };
  if (operands.length === 0) return fail('Specify "host" missing argument.');
  if (operands.length > 2) return fail(`Extra arg \`${operands[2].value}' (position 3, argc ${operands[2].argc})`);
  for (const [opt, what] of Object.entries(MODERN_NOT_SIMULATED)) {
    if (flags.has(opt) || values.has(opt)) return { kind: 'error', text: `traceroute: ${what} is not simulated in Flatnet\n`, status: 1 };
  }
  if (flags.has('6')) return fail(`${operands[0].value}: Address family for hostname not supported\nCannot handle "host" cmdline arg \`${operands[0].value}' on position 1 (argc ${operands[0].argc})`);

  const uint = (key: string, fallback: number): number | string => {
    const v = values.get(key);
    if (!v) return fallback;
    return /^\d+$/.test(v.value) ? Number(v.value) : `Cannot handle \`${v.name}' option with arg \`${v.value}' (argc ${v.argc})`;
  };
  const method: TraceMethod = flags.has('T') ? 'tcp' : flags.has('I') ? 'icmp' : flags.has('U') ? 'udp' : 'udp-seq';
  const first = uint('f', 1);
  const max = uint('m', 30);
  const queries = uint('q', 3);
  const sim = uint('N', 16);
  const port = uint('p', method === 'tcp' ? 80 : method === 'udp' ? 53 : method === 'icmp' ? 1 : 33434);
  for (const v of [first, max, queries, sim, port]) if (typeof v === 'string') return fail(v);
  let waitSecs = 5;
  const w = values.get('w');
  if (w) {
    const parts = w.value.split(',').map((p) => Number(p));
    if (parts.some((p) => !Number.isFinite(p)) || parts.length > 3 || w.value === '') return fail(`Cannot handle \`${w.name}' option with arg \`${w.value}' (argc ${w.argc})`);
    waitSecs = parts[0];
  }
  let packetLen: number | undefined;
  if (operands[1]) {
    if (!/^\d+$/.test(operands[1].value)) return fail(`Cannot handle "packetlen" cmdline arg \`${operands[1].value}' on position 2 (argc ${operands[1].argc})`);
    packetLen = Math.max(28, Number(operands[1].value));
    if (packetLen > 65000) return fail(`too big packetlen ${packetLen} specified`);
  }
  if ((first as number) < 1 || (first as number) > (max as number)) return fail('first hop out of range');
  if ((max as number) > 255) return fail('max hops cannot be more than 255');
  if ((queries as number) < 1 || (queries as number) > 10) return fail('no more than 10 probes per hop');
  if (waitSecs < 0) return fail(`bad wait specifications \`${waitSecs},3,10' used`);
  return {
    kind: 'request',
    request: {
      host: operands[0].value,
      hostArgc: operands[0].argc,
      method,
      port: port as number,
      firstTtl: first as number,
      maxTtl: max as number,
      queries: queries as number,
      waitSecs,
      simProbes: Math.max(1, sim as number),
      numeric: flags.has('n'),
      ...(packetLen !== undefined ? { packetLen } : {}),
    },
  };
}

const BUSYBOX_USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: traceroute [-46IFlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]
\t[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]
\t[-z PAUSE_MSEC] HOST [BYTES]

Trace the route to HOST

\t-4,-6\tForce IP or IPv6 name resolution
\t-F\tSet don't fragment bit
\t-I\tUse ICMP ECHO instead of UDP datagrams
\t-l\tDisplay TTL value of the returned packet
\t-n\tPrint numeric addresses
\t-r\tBypass routing tables, send directly to HOST
\t-v\tVerbose
\t-f N\tFirst number of hops (default 1)
\t-m N\tMax number of hops
\t-q N\tNumber of probes per hop (default 3)
\t-p N\tBase UDP port number used in probes
\t\t(default 33434)
\t-s IP\tSource address
\t-i IFACE Source interface
\t-t N\tType-of-service in probe packets (default 0)
\t-w SEC\tWait for a response (default 3)
\t-z MSEC\tWait before each send
`;

export function parseBusyboxArgs(args: readonly string[]): ParsedTrace {
  const usage = (line = ''): ParsedTrace => ({ kind: 'error', text: `${line}${BUSYBOX_USAGE}`, status: 1 });
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if ('timpqswzfg'.includes(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) return usage(`traceroute: option requires an argument -- '${c}'\n`);
          values.set(c, value);
          break;
        }
        if (!'46FIlnrdv'.includes(c)) return usage(`traceroute: invalid option -- '${c}'\n`);
        flags.add(c);
      }
      continue;
    }
    operands.push(a);
  }
  if (operands.length === 0 || operands.length > 2) return usage();
  for (const [opt, what] of Object.entries({ s: '-s (source address)', i: '-i (interface selection)', r: '-r (bypassing routing)', g: '-g (loose source routing)', v: '-v (verbose packet dumps)', l: '-l (reply TTLs)' })) {
    if (flags.has(opt) || values.has(opt)) return { kind: 'error', text: `traceroute: ${what} is not simulated in Flatnet\n`, status: 1 };
  }
  const num = (key: string, fallback: number, min: number, max: number): number | string => {
    const v = values.get(key);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) return `traceroute: invalid number '${v}'\n`;
    const n = Number(v);
    return n < min || n > max ? `traceroute: number ${v} is not in ${min}..${max} range\n` : n;
  };
  const max = num('m', 30, 1, 255);
  const first = num('f', 1, 1, typeof max === 'number' ? max : 255);
  const queries = num('q', 3, 1, 255);
  const wait = num('w', 3, 1, 24 * 60 * 60);
  const port = num('p', 33434, 1, 65535);
  for (const v of [max, first, queries, wait, port]) if (typeof v === 'string') return { kind: 'error', text: v, status: 1 };
  let packetLen: number | undefined;
  if (operands[1] !== undefined) {
    const n = Number(operands[1]);
    if (!/^\d+$/.test(operands[1])) return { kind: 'error', text: `traceroute: invalid number '${operands[1]}'\n`, status: 1 };
    if (n < 46 || n > 32768) return { kind: 'error', text: `traceroute: number ${operands[1]} is not in 46..32768 range\n`, status: 1 };
    packetLen = n;
  }
  return {
    kind: 'request',
    request: {
      host: operands[0],
      hostArgc: 1,
      method: flags.has('I') ? 'icmp' : 'udp-seq',
      port: port as number,
      firstTtl: first as number,
      maxTtl: max as number,
      queries: queries as number,
      waitSecs: wait as number,
      simProbes: 1,
      numeric: flags.has('n'),
      ...(packetLen !== undefined ? { packetLen } : {}),
    },
  };
}

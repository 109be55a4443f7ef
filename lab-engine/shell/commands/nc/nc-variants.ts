// The two netcats learners meet and their words. netcat-openbsd (Debian's patched OpenBSD nc) on
// the workstation, the Ubuntu nodes and netshoot (Alpine packages the same source, but musl's
// resolver errors); BusyBox's nc (built with NC_110_COMPAT, nc_bloaty.c) in busybox and the other
// Alpine images. Sources: Debian netcat-openbsd netcat.c (connection_info, remote_connect,
// udptest, usage, help); busybox networking/nc_bloaty.c (nc_main, udptest, usage text).

import { busyboxUsage } from '../userland';

export type Netcat = 'openbsd' | 'busybox';

export const OPENBSD_USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]
`;

export function openbsdHelp(patchlevel: string): string {
  const summary = [
    ['-4', 'Use IPv4'], ['-6', 'Use IPv6'], ['-b', 'Allow broadcast'], ['-C', 'Send CRLF as line-ending'], ['-D', 'Enable the debug socket option'],
    ['-d', 'Detach from stdin'], ['-F', 'Pass socket fd'], ['-h', 'This help text'], ['-I length', 'TCP receive buffer length'],
    ['-i interval', 'Delay interval for lines sent, ports scanned'], ['-k', 'Keep inbound sockets open for multiple connects'],
    ['-l', 'Listen mode, for inbound connects'], ['-M ttl', 'Outgoing TTL / Hop Limit'], ['-m minttl', 'Minimum incoming TTL / Hop Limit'],
    ['-N', 'Shutdown the network socket after EOF on stdin'], ['-n', 'Suppress name/port resolutions'], ['-O length', 'TCP send buffer length'],
    ['-P proxyuser', 'Username for proxy authentication'], ['-p port', 'Specify local port for remote connects'],
    ['-q secs', 'quit after EOF on stdin and delay of secs'], ['-r', 'Randomize remote ports'], ['-S', 'Enable the TCP MD5 signature option'],
    ['-s sourceaddr', 'Local source address'], ['-T keyword', 'TOS value'], ['-t', 'Answer TELNET negotiation'], ['-U', 'Use UNIX domain socket'],
    ['-u', 'UDP mode'], ['-V rtable', 'Specify alternate routing table'], ['-v', 'Verbose'], ['-W recvlimit', 'Terminate after receiving a number of packets'],
    ['-w timeout', 'Timeout for connects and final net reads'], ['-X proto', 'Proxy protocol: "4", "5" (SOCKS) or "connect"'],
    ['-x addr[:port]', 'Specify proxy address and port'], ['-Z', 'DCCP mode'], ['-z', 'Zero-I/O mode [used for scanning]'],
  ];
  const lines = summary.map(([flag, text]) => `\t\t${flag}${flag.length < 8 ? '\t\t' : '\t'}${text}\n`).join('');
  return `OpenBSD netcat (Debian patchlevel ${patchlevel})\n${OPENBSD_USAGE}\tCommand Summary:\n${lines}\tPort numbers can be individual or ranges: lo-hi [inclusive]\n`;
}

export const BUSYBOX_NC_USAGE = busyboxUsage('nc', '[OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen', [
  '\t-e PROG\tRun PROG after connect (must be last)',
  '\t-l\tListen mode, for inbound connects',
  '\t-lk\tWith -e, provides persistent server',
  '\t-p PORT\tLocal port',
  '\t-s ADDR\tLocal address',
  '\t-w SEC\tTimeout for connects and final net reads',
  '\t-i SEC\tDelay interval for lines sent',
  '\t-n\tDon\'t do DNS resolution',
  '\t-u\tUDP mode',
  '\t-b\tAllow broadcasts',
  '\t-v\tVerbose',
  '\t-o FILE\tHex dump traffic',
  '\t-z\tZero-I/O mode (scanning)',
].join('\n'));

/** getservbyport() against netbase's /etc/services (Alpine's iana-etc agrees on these). */
const SERVICES: Record<number, string> = {
  21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 110: 'pop3', 123: 'ntp', 143: 'imap2', 389: 'ldap', 443: 'https',
  3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt',
};
const BY_NAME = new Map(Object.entries(SERVICES).map(([port, name]) => [name, Number(port)]));
BY_NAME.set('www', 80);
BY_NAME.set('imap', 143);

export function serviceName(port: number): string {
  return SERVICES[port] ?? '*';
}

export function servicePort(name: string): number | undefined {
  return BY_NAME.get(name);
}

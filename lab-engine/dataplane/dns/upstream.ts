// The resolver beyond the cluster: what CoreDNS's `forward . /etc/resolv.conf` and the nodes'
// systemd-resolved ask for every name outside cluster.local.
//
// Decision (issue 15, point 10): the lab has a small simulated internet rather than no upstream.
// Its resolver answers: the names reserved for documentation (RFC 2606: example.com, .net, .org
// and their www.) resolve to the `internet` host (203.0.113.50, TEST-NET-3), and every other name
// gets NXDOMAIN from the root. No route leads from the lab network to that host, so a pod that
// resolves example.com and connects to it waits for a SYN nobody answers. A learner thus sees
// both failures a real cluster shows, each in every client's own words: a name that does not
// exist ("DNS failed": curl (6), `wget: bad address`, `ping: bad address`, NXDOMAIN) and a name
// that resolves to a host the cluster cannot reach ("connection failed": curl (28), wget's
// `can't connect to remote host`, 100% packet loss). The alternative, an upstream that never
// answers (SERVFAIL after CoreDNS's 5 s forward deadline, `[ERROR] plugin/errors: 2 example.com. A:
// read udp ...: i/o timeout`), would turn every short name's last search step into SERVFAIL and
// make a misspelt Service name read as a DNS outage (glibc's EAI_AGAIN), which is not what the
// lessons and field captures of clusters with internet access show.

import type { DnsResponse, QType, ResourceRecord } from './dns-types';

/** The `internet` host (dataplane/packet/world.ts EXTERNAL_HOSTS.internet). */
const INTERNET_HOST = '203.0.113.50';

/** The payment provider's API (EXTERNAL_HOSTS['payments-api']): the one outside service pods can reach. */
const PAYMENTS_API_HOST = '203.0.113.10';

/** Names the simulated internet knows, lower case, without the trailing dot. */
export const INTERNET_NAMES: ReadonlyMap<string, string> = new Map([
  ...['example.com', 'example.net', 'example.org'].flatMap((domain) => [[domain, INTERNET_HOST], [`www.${domain}`, INTERNET_HOST]] as const),
  // `.example` is reserved for documentation too (RFC 2606).
  ['api.payments.example', PAYMENTS_API_HOST],
]);

/** The TTL a caching upstream hands out for these names. */
const INTERNET_TTL = 300;

const ROOT_SOA: ResourceRecord = { name: '.', ttl: 86400, type: 'SOA', data: 'a.root-servers.net. nstld.verisign-grs.com. 2026010500 1800 900 604800 86400' };

/** The zone's SOA as IANA publishes it for the documentation domains. */
function exampleSoa(domain: string): ResourceRecord {
  return { name: `${domain}.`, ttl: 3600, type: 'SOA', data: 'ns.icann.org. noc.dns.icann.org. 2025011636 7200 3600 1209600 3600' };
}

/** The answer forwarded from the upstream resolver: never authoritative, recursion available. */
export function queryUpstream(qnameIn = '', qtype: QType = 'A'): DnsResponse {
  const qname = qnameIn.toLowerCase().replace(/\.$/, '');
  const ip = INTERNET_NAMES.get(qname);
  if (!ip) return { rcode: 'NXDOMAIN', authoritative: false, answers: [], authority: [ROOT_SOA], additional: [] };
  const domain = qname.endsWith('.example') ? 'payments.example' : qname.replace(/^www\./, '');
  if (qtype !== 'A' && qtype !== 'ANY') return { rcode: 'NOERROR', authoritative: false, answers: [], authority: [exampleSoa(domain)], additional: [] };
  return { rcode: 'NOERROR', authoritative: false, answers: [{ name: `${qname}.`, ttl: INTERNET_TTL, type: 'A', data: ip }], authority: [], additional: [] };
}

/** The address the upstream gives a fully qualified outside name, if any. */
export function upstreamAddress(name: string): string | undefined {
  return INTERNET_NAMES.get(name.toLowerCase().replace(/\.$/, ''));
}

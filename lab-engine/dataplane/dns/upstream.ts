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

/** A managed database's writer instance (TEST-NET-3; no route leads there from the lab either). */
export const MANAGED_DB_HOST = '203.0.113.40';

/** Names the simulated internet knows, lower case, without the trailing dot. */
export const INTERNET_NAMES: ReadonlyMap<string, string> = new Map([
  ...['example.com', 'example.net', 'example.org'].flatMap((domain) => [[domain, INTERNET_HOST], [`www.${domain}`, INTERNET_HOST]] as const),
  // `.example` is reserved for documentation too (RFC 2606).
  ['api.payments.example', PAYMENTS_API_HOST],
  ['orders-prod-instance-1.c9akciq32.db.example.net', MANAGED_DB_HOST],
]);

/**
 * Aliases on the internet: a managed database's cluster endpoint is a CNAME to its current writer
 * instance (the provider moves it on failover), which has the A record. A recursive resolver
 * answers the whole chain.
 */
export const INTERNET_ALIASES: ReadonlyMap<string, string> = new Map([
  ['orders-prod.cluster-c9akciq32.db.example.net', 'orders-prod-instance-1.c9akciq32.db.example.net'],
]);

/** The TTL a managed database's names carry (short, so a failover shows quickly). */
const ALIAS_TTL = 5;

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
  const alias = INTERNET_ALIASES.get(qname);
  if (alias) {
    const cname: ResourceRecord = { name: `${qname}.`, ttl: ALIAS_TTL, type: 'CNAME', data: `${alias}.` };
    const target = qtype === 'CNAME' ? undefined : queryUpstream(alias, qtype);
    return { rcode: 'NOERROR', authoritative: false, answers: [cname, ...(target?.answers ?? [])], authority: target?.answers.length ? [] : (target?.authority ?? []), additional: [] };
  }
  const ip = INTERNET_NAMES.get(qname);
  if (!ip) return { rcode: 'NXDOMAIN', authoritative: false, answers: [], authority: [ROOT_SOA], additional: [] };
  const domain = qname.endsWith('.example') ? 'payments.example' : qname.split('.').slice(-2).join('.');
  if (qtype !== 'A' && qtype !== 'ANY') return { rcode: 'NOERROR', authoritative: false, answers: [], authority: [exampleSoa(domain)], additional: [] };
  return { rcode: 'NOERROR', authoritative: false, answers: [{ name: `${qname}.`, ttl: qname.endsWith('.db.example.net') ? ALIAS_TTL : INTERNET_TTL, type: 'A', data: ip }], authority: [], additional: [] };
}

/** The address the upstream gives a fully qualified outside name, if any. */
export function upstreamAddress(name: string): string | undefined {
  const qname = name.toLowerCase().replace(/\.$/, '');
  return INTERNET_NAMES.get(INTERNET_ALIASES.get(qname) ?? qname);
}

// The DNS servers a `forward` may name, by address. The node network's resolver (the DHCP one
// /run/systemd/resolve/resolv.conf lists) and the public resolvers people type (8.8.8.8, 1.1.1.1,
// 9.9.9.9) all answer as the simulated internet does: the cluster's DNS egress to them is open.
// The corporate DNS server behind the company VPN (10.50.0.10, reachable from the nodes) is
// authoritative for corp.example only and refuses recursion for anything else, as a BIND server
// with `allow-recursion { none; }` does: forwarding every name to it breaks the internet's names.

/** The node network's DHCP resolver (cluster/coredns-start.ts NODE_UPSTREAM_RESOLVER). */
const PUBLIC_RESOLVERS = ['172.18.0.1', '8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9'];

export const CORPORATE_DNS = '10.50.0.10';
export const CORPORATE_ZONE = 'corp.example';

/** What the corporate zone holds (RFC 2606 `.example`, so never a real name). */
export const CORPORATE_NAMES: ReadonlyMap<string, string> = new Map([
  ['ldap.corp.example', '10.50.1.10'],
  ['git.corp.example', '10.50.1.21'],
  ['vault.corp.example', '10.50.1.30'],
]);

const CORPORATE_SOA: ResourceRecord = { name: `${CORPORATE_ZONE}.`, ttl: 3600, type: 'SOA', data: `ns1.${CORPORATE_ZONE}. hostmaster.${CORPORATE_ZONE}. 2026110301 3600 600 1209600 300` };

const REFUSED: DnsResponse = { rcode: 'REFUSED', authoritative: false, answers: [], authority: [], additional: [] };

function corporateAnswer(qname: string, qtype: QType): DnsResponse {
  if (qname !== CORPORATE_ZONE && !qname.endsWith(`.${CORPORATE_ZONE}`)) return REFUSED;
  const ip = CORPORATE_NAMES.get(qname);
  if (!ip && qname !== CORPORATE_ZONE) return { rcode: 'NXDOMAIN', authoritative: true, answers: [], authority: [CORPORATE_SOA], additional: [] };
  if (!ip || (qtype !== 'A' && qtype !== 'ANY')) return { rcode: 'NOERROR', authoritative: true, answers: [], authority: [CORPORATE_SOA], additional: [] };
  return { rcode: 'NOERROR', authoritative: true, answers: [{ name: `${qname}.`, ttl: 300, type: 'A', data: ip }], authority: [], additional: [] };
}

/** The answer of the DNS server at `ip`, undefined when nothing answers there (the forward times out). */
export function queryServerAt(ip: string, qnameIn: string, qtype: QType): DnsResponse | undefined {
  const qname = qnameIn.toLowerCase().replace(/\.$/, '');
  if (ip === CORPORATE_DNS) return corporateAnswer(qname, qtype);
  return PUBLIC_RESOLVERS.includes(ip) ? queryUpstream(qname, qtype) : undefined;
}

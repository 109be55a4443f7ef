// CoreDNS's `kubernetes` plugin as kubeadm configures it (`kubernetes cluster.local in-addr.arpa
// ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`): the answers of the
// Kubernetes DNS specification (kubernetes/dns docs/specification.md, schema 1.1.0), read from the
// cluster at the moment of the query. The server around it (coredns-server.ts) picks the server
// block and runs the other plugins; it also follows an ExternalName's CNAME, in the zone or out.
//
// - ClusterIP Service: A `<svc>.<ns>.svc.cluster.local` → the ClusterIP; SRV per *named* port
//   `_<port>._<proto>.<svc>...` → `0 100 <port> <svc>...` (CoreDNS gives priority 0 and splits
//   the weight 100 among the targets) with the target's A in the additional section.
// - Headless: one A per ready endpoint (NXDOMAIN without any; `publishNotReadyAddresses` counts
//   not-ready ones), SRV targets `<hostname or a-b-c-d>.<svc>.<ns>.svc.cluster.local`.
// - ExternalName: a CNAME to the external name (the server resolves its target, in the zone or out).
// - Pods: A for `a-b-c-d.<ns>.pod.cluster.local` (`pods insecure` answers any such name in an
//   existing namespace) and for `a-b-c-d.<svc>.<ns>.svc.cluster.local` when a Service selects it.
// - PTR under in-addr.arpa for ClusterIPs and endpoint addresses.
// - `dns-version.cluster.local` TXT "1.1.0".
// Names in the zone that do not exist get NXDOMAIN with the zone's SOA; an existing name without
// records of the asked type (AAAA on an IPv4 cluster) gets NOERROR with the SOA.

import type { Cluster } from '../../cluster/cluster';
import type { EndpointSlice, Service } from '../../kube/types';
import type { DnsResponse, QType, ResourceRecord } from './dns-types';

export const CLUSTER_ZONE = 'cluster.local';
export const RECORD_TTL = 30;

/** The zone's SOA as CoreDNS's kubernetes plugin makes it; the serial is the time of its last change. */
function zoneSoa(zone: string, serial: number): ResourceRecord {
  return { name: `${zone}.`, ttl: RECORD_TTL, type: 'SOA', data: `ns.dns.${zone}. hostmaster.${zone}. ${serial} 7200 1800 86400 ${RECORD_TTL}` };
}

/** Whether the plugin answers for `qname` (lower case, no trailing dot): the cluster zone and reverse names. */
export function kubernetesHandles(qname: string): boolean {
  return qname === CLUSTER_ZONE || qname.endsWith(`.${CLUSTER_ZONE}`) || qname.endsWith('.in-addr.arpa') || qname.endsWith('.ip6.arpa');
}

/** The plugin's answer for a name it handles; an ExternalName's CNAME comes alone (the server follows it). */
export function kubernetesAnswer(cluster: Cluster, qname: string, qtype: QType): DnsResponse {
  const serial = Math.floor(cluster.now() / 1000);
  if (qname.endsWith('.in-addr.arpa') || qname.endsWith('.ip6.arpa')) return reverseLookup(cluster, qname, qtype, serial);

  const soa = zoneSoa(CLUSTER_ZONE, serial);
  const found = lookupName(cluster, qname);
  if (!found) return { rcode: 'NXDOMAIN', authoritative: true, answers: [], authority: [soa], additional: [] };
  const answers: ResourceRecord[] = [];
  const additional: ResourceRecord[] = [];
  const fqdn = `${qname}.`;
  if (found.cname) answers.push({ name: fqdn, ttl: RECORD_TTL, type: 'CNAME', data: `${found.cname}.` });
  if (qtype === 'A' || qtype === 'ANY') answers.push(...found.a.map((ip) => ({ name: fqdn, ttl: RECORD_TTL, type: 'A' as const, data: ip })));
  if (qtype === 'SRV' || qtype === 'ANY') {
    const weight = found.srv.length ? Math.floor(100 / found.srv.length) : 0;
    for (const s of found.srv) {
      answers.push({ name: fqdn, ttl: RECORD_TTL, type: 'SRV', data: `0 ${weight} ${s.port} ${s.target}.` });
      additional.push(...s.targetA.map((ip) => ({ name: `${s.target}.`, ttl: RECORD_TTL, type: 'A' as const, data: ip })));
    }
  }
  if ((qtype === 'TXT' || qtype === 'ANY') && found.txt) answers.push({ name: fqdn, ttl: RECORD_TTL, type: 'TXT', data: found.txt });
  if ((qtype === 'SOA' || qtype === 'ANY') && qname === CLUSTER_ZONE) answers.push(soa);
  if ((qtype === 'NS' || qtype === 'ANY') && qname === CLUSTER_ZONE) answers.push({ name: fqdn, ttl: RECORD_TTL, type: 'NS', data: `ns.dns.${CLUSTER_ZONE}.` });
  return { rcode: 'NOERROR', authoritative: true, answers, authority: answers.length ? [] : [soa], additional };
}

interface NameRecords {
  a: string[];
  srv: { port: number; target: string; targetA: string[] }[];
  cname?: string;
  txt?: string;
}

/** What the zone holds at one name; undefined when the name does not exist (NXDOMAIN). */
function lookupName(cluster: Cluster, qname: string): NameRecords | undefined {
  const labels = qname.slice(0, -(CLUSTER_ZONE.length + 1)).split('.');
  const empty: NameRecords = { a: [], srv: [] };
  if (qname === CLUSTER_ZONE || qname === `svc.${CLUSTER_ZONE}` || qname === `pod.${CLUSTER_ZONE}`) return empty;
  if (qname === `dns-version.${CLUSTER_ZONE}`) return { ...empty, txt: '"1.1.0"' };
  const kind = labels.at(-1);
  if (kind === 'pod') {
    // a-b-c-d.<ns>.pod: `pods insecure` answers for any address in an existing namespace.
    if (labels.length === 2) return cluster.get('namespaces', undefined, labels[0]) ? empty : undefined;
    if (labels.length !== 3 || !/^\d{1,3}(-\d{1,3}){3}$/.test(labels[0]) || !cluster.get('namespaces', undefined, labels[1])) return undefined;
    return { ...empty, a: [labels[0].replace(/-/g, '.')] };
  }
  if (kind !== 'svc') return undefined;
  if (labels.length === 2) return cluster.get('namespaces', undefined, labels[0]) ? empty : undefined;
  const [ns, svcName] = [labels.at(-2)!, labels.at(-3)!];
  const svc = cluster.get('services', ns, svcName);
  if (!svc) return undefined;
  const rest = labels.slice(0, -3);
  const endpoints = readyEndpoints(cluster, svc);
  const headless = svc.spec.clusterIP === 'None';
  if (rest.length === 0) {
    if (svc.spec.type === 'ExternalName') return { ...empty, cname: svc.spec.externalName?.replace(/\.$/, '') };
    if (headless && endpoints.length === 0) return undefined;
    const a = headless ? endpoints.map((e) => e.ip) : svc.spec.clusterIP ? [svc.spec.clusterIP] : [];
    const srv = headless ? [] : namedPorts(svc).map((p) => ({ port: p.port, target: qname, targetA: a }));
    return { ...empty, a, srv };
  }
  if (rest.length === 1) {
    // <endpoint>.<svc>.<ns>.svc: the endpoint's hostname or its dashed address.
    const e = endpoints.find((x) => x.label === rest[0]);
    return e ? { ...empty, a: [e.ip] } : undefined;
  }
  if (rest.length === 2 && rest[0].startsWith('_') && rest[1].startsWith('_')) {
    const [portName, proto] = [rest[0].slice(1), rest[1].slice(1).toUpperCase()];
    const port = namedPorts(svc).find((p) => p.name === portName && p.protocol === proto);
    if (!port) return undefined;
    const base = `${svcName}.${ns}.svc.${CLUSTER_ZONE}`;
    if (!headless) return { ...empty, srv: [{ port: port.port, target: base, targetA: svc.spec.clusterIP ? [svc.spec.clusterIP] : [] }] };
    return { ...empty, srv: endpoints.map((e) => ({ port: port.port, target: `${e.label}.${base}`, targetA: [e.ip] })) };
  }
  return undefined;
}

function namedPorts(svc: Service) {
  return (svc.spec.ports ?? []).filter((p): p is typeof p & { name: string } => !!p.name);
}

interface DnsEndpoint {
  ip: string;
  /** The DNS label of this endpoint: its hostname, or its address with dashes. */
  label: string;
}

function readyEndpoints(cluster: Cluster, svc: Service): DnsEndpoint[] {
  const ns = svc.metadata.namespace ?? 'default';
  const slices: EndpointSlice[] = cluster.list('endpointslices', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
  const out: DnsEndpoint[] = [];
  for (const s of slices) {
    for (const e of s.endpoints) {
      if (!e.conditions.ready && !svc.spec.publishNotReadyAddresses) continue;
      for (const ip of e.addresses) out.push({ ip, label: e.hostname ?? ip.replace(/\./g, '-') });
    }
  }
  return out;
}

function reverseLookup(cluster: Cluster, qname: string, qtype: QType, serial: number): DnsResponse {
  const octets = qname.slice(0, -'.in-addr.arpa'.length).split('.');
  const soa = { ...zoneSoa('in-addr.arpa', serial) };
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o))) return { rcode: 'NXDOMAIN', authoritative: true, answers: [], authority: [soa], additional: [] };
  const ip = [...octets].reverse().join('.');
  const names: string[] = [];
  for (const svc of cluster.list('services')) {
    const base = `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_ZONE}`;
    if (svc.spec.clusterIP === ip) names.push(`${base}.`);
    if (svc.spec.type === 'ExternalName') continue;
    for (const e of readyEndpoints(cluster, svc)) if (e.ip === ip) names.push(`${e.label}.${base}.`);
  }
  if (names.length === 0) return { rcode: 'NXDOMAIN', authoritative: true, answers: [], authority: [soa], additional: [] };
  const answers = qtype === 'PTR' || qtype === 'ANY' ? names.map((data) => ({ name: `${qname}.`, ttl: RECORD_TTL, type: 'PTR' as const, data })) : [];
  return { rcode: 'NOERROR', authoritative: true, answers, authority: answers.length ? [] : [soa], additional: [] };
}

// From Services and EndpointSlices to kube-proxy's per-port view (pkg/proxy servicePortInfo and
// endpointsInfo): which endpoints serve each service port, which of them are on this node, and the
// chain names. Shared by the iptables and IPVS writers, so both modes pick the same endpoints.

import { endpointChainName, portProtoHash, servicePortNameString } from './chain-names';
import { parseIpv4Cidr } from '../../kube/ipv4';
import { SERVICE_NAME_LABEL, type EndpointSlice, type ProxyNode, type Service, type ServiceProtocol } from './types';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** `IP:port`, the string kube-proxy sorts and comments with. */
  address: string;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  isLocal: boolean;
  chainName: string;
}

export interface ServicePortInfo {
  namespace: string;
  name: string;
  portName?: string;
  /** `ns/name:port` or `ns/name` for an unnamed port. */
  nameString: string;
  protocol: ServiceProtocol;
  /** Lower-case, as iptables takes it. */
  proto: 'tcp' | 'udp' | 'sctp';
  clusterIP: string;
  port: number;
  nodePort?: number;
  externalIPs: readonly string[];
  loadBalancerVIPs: readonly string[];
  loadBalancerSourceRanges: readonly string[];
  healthCheckNodePort?: number;
  sessionAffinitySeconds?: number;
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  /** NodePort, LoadBalancer or externalIPs: reachable from outside the cluster. */
  externallyAccessible: boolean;
  /** Every endpoint for this port, sorted by `IP:port` string as kube-proxy's cache keeps them. */
  endpoints: readonly EndpointInfo[];
  clusterChain: string;
  localChain: string;
  externalChain: string;
  firewallChain: string;
}

/** Service ports kube-proxy programs, in a stable order (namespace/name, then spec order). */
export function buildServicePorts(services: readonly Service[], slices: readonly EndpointSlice[], node: ProxyNode): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  const sorted = services.map((svc) => ({ svc, k: key(svc) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((x) => x.svc);
  const slicesByService = new Map<string, EndpointSlice[]>();
  for (const s of slices) {
    const svcName = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svcName || s.addressType !== 'IPv4') continue;
    const k = `${s.metadata.namespace}/${svcName}`;
    const list = slicesByService.get(k);
    if (list) list.push(s);
    else slicesByService.set(k, [s]);
  }
  for (const svc of sorted) {
    const clusterIP = svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP;
    // Headless and ExternalName Services are DNS-only: kube-proxy skips them.
    if (!clusterIP || clusterIP === 'None' || svc.spec.type === 'ExternalName') continue;
    const type = svc.spec.type ?? 'ClusterIP';
    const mySlices = slicesByService.get(key(svc)) ?? [];
    for (const sp of svc.spec.ports ?? []) {
      const protocol = sp.protocol ?? 'TCP';
      const proto = protocol.toLowerCase() as ServicePortInfo['proto'];
      const nameString = servicePortNameString(svc.metadata.namespace, svc.metadata.name, sp.name);
      const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (svc.spec.externalIPs?.length ?? 0) > 0;
      const lbVIPs = type === 'LoadBalancer' ? (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip) : [];
      out.push({
        namespace: svc.metadata.namespace,
        name: svc.metadata.name,
        portName: sp.name || undefined,
        nameString,
        protocol,
        proto,
        clusterIP,
        port: sp.port,
        nodePort: type === 'NodePort' || type === 'LoadBalancer' ? sp.nodePort : undefined,
        externalIPs: svc.spec.externalIPs ?? [],
        loadBalancerVIPs: lbVIPs,
        // kube-proxy trims and skips unparsable ranges rather than failing the sync.
        loadBalancerSourceRanges: type === 'LoadBalancer' ? (svc.spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()).filter((r) => parseIpv4Cidr(r) !== undefined) : [],
        healthCheckNodePort: externallyAccessible && svc.spec.externalTrafficPolicy === 'Local' ? svc.spec.healthCheckNodePort : undefined,
        sessionAffinitySeconds: svc.spec.sessionAffinity === 'ClientIP' ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined,
        internalPolicyLocal: svc.spec.internalTrafficPolicy === 'Local',
        externalPolicyLocal: externallyAccessible && svc.spec.externalTrafficPolicy === 'Local',
        externallyAccessible,
        endpoints: endpointsFor(mySlices, sp.name, protocol, nameString, proto, node),
        ...serviceChains(portProtoHash(nameString, proto)),
      });
    }
  }
  return out;
}

/** All four prefixes share one hash (proxier.go newServiceInfo). */
function serviceChains(hash: string) {
  return { clusterChain: `KUBE-SVC-${hash}`, localChain: `KUBE-SVL-${hash}`, externalChain: `KUBE-EXT-${hash}`, firewallChain: `KUBE-FW-${hash}` };
}

function key(svc: Service): string {
  return `${svc.metadata.namespace}/${svc.metadata.name}`;
}

class Endpoint implements EndpointInfo {
  private chain: string | undefined;
  constructor(
    readonly ip: string,
    readonly port: number,
    readonly address: string,
    readonly nodeName: string | undefined,
    readonly ready: boolean,
    readonly serving: boolean,
    readonly terminating: boolean,
    readonly isLocal: boolean,
    private readonly servicePortName: string,
    private readonly proto: string,
  ) {}
  /** Hashed on first use: IPVS mode never needs KUBE-SEP- names. */
  get chainName(): string {
    return (this.chain ??= endpointChainName(this.servicePortName, this.proto, this.address));
  }
}

function endpointsFor(slices: readonly EndpointSlice[], portName: string | undefined, protocol: ServiceProtocol, nameString: string, proto: string, node: ProxyNode): EndpointInfo[] {
  const seen = new Map<string, EndpointInfo>();
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (portName ?? '') && (p.protocol ?? 'TCP') === protocol);
    if (!port || port.port === undefined) continue;
    for (const ep of slice.endpoints) {
      const ip = ep.addresses[0];
      if (!ip) continue;
      const address = `${ip}:${port.port}`;
      // API semantics: a nil `ready` means ready; `serving` defaults to `ready`.
      const ready = ep.conditions?.ready ?? true;
      const serving = ep.conditions?.serving ?? ready;
      seen.set(address, new Endpoint(ip, port.port, address, ep.nodeName, ready, serving, ep.conditions?.terminating ?? false, ep.nodeName === node.name, nameString, proto));
    }
  }
  return [...seen.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/**
 * pkg/proxy/topology.go CategorizeEndpoints, without topology hints: ready endpoints, or — when
 * none are ready — the serving-and-terminating ones (graceful drain); Local policies keep only
 * this node's.
 */
export function categorizeEndpoints(sp: ServicePortInfo): {
  clusterEndpoints: EndpointInfo[];
  localEndpoints: EndpointInfo[];
  allReachable: EndpointInfo[];
  hasEndpoints: boolean;
} {
  const usable = (eps: readonly EndpointInfo[]) => {
    if (eps.every((e) => e.ready)) return eps as EndpointInfo[];
    const ready = eps.filter((e) => e.ready);
    return ready.length > 0 ? ready : eps.filter((e) => e.serving && e.terminating);
  };
  // ServicePort.UsesClusterEndpoints / UsesLocalEndpoints (pkg/proxy/serviceport.go).
  const usesCluster = !sp.internalPolicyLocal || (sp.externallyAccessible && !sp.externalPolicyLocal);
  const usesLocal = sp.internalPolicyLocal || sp.externalPolicyLocal;
  const usableAll = usable(sp.endpoints);
  const clusterEndpoints = usesCluster ? usableAll : [];
  const localEndpoints = usesLocal ? usable(sp.endpoints.filter((e) => e.isLocal)) : [];
  // Local endpoints are a subset of the usable ones unless the cluster list fell back to
  // terminating endpoints; merge (sorted, without duplicates) only when both lists are in use.
  let allReachable: EndpointInfo[];
  if (localEndpoints.length === 0) allReachable = clusterEndpoints;
  else if (clusterEndpoints.length === 0) allReachable = localEndpoints;
  else {
    const all = new Map<string, EndpointInfo>();
    for (const e of [...clusterEndpoints, ...localEndpoints]) all.set(e.address, e);
    allReachable = [...all.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
  }
  const hasEndpoints = usableAll.length > 0;
  return { clusterEndpoints, localEndpoints, allReachable, hasEndpoints };
}

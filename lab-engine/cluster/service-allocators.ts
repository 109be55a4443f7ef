// The API server's Service allocators: ClusterIPs from the service CIDR (10.96.0.0/12; dynamic
// picks come from the upper band, past min(max(16, size/16), 256) addresses, as virtual-ips.md
// describes, so the low band stays free for static picks like kube-dns' .10), NodePorts from
// 30000-32767, and the simulated cloud / MetalLB pool that answers LoadBalancer Services.
// All choices draw from the seeded PRNG; the state is plain JSON for snapshots.

import type { Rng } from '../core/random';
import { formatIPv4, mustParseIPv4, parseCidr } from '../kube/ipv4';

import { SERVICE_CIDR } from '../core/cluster-plan';

export { SERVICE_CIDR };
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export interface ServiceAllocState {
  /** ClusterIP → owning Service (`namespace/name`). */
  clusterIPs: Record<string, string>;
  /** NodePort (as a string key) → owning Service. */
  nodePorts: Record<string, string>;
  /** Addresses a load-balancer implementation may hand out; empty means LoadBalancer Services stay `<pending>`. */
  lbPool: string[];
  /** LB address → owning Service. */
  lbAllocated: Record<string, string>;
}

export function emptyServiceAllocState(): ServiceAllocState {
  return { clusterIPs: {}, nodePorts: {}, lbPool: [], lbAllocated: {} };
}

export type AllocError = { error: string };

export class ServiceAllocators {
  private readonly range = parseCidr(SERVICE_CIDR);

  constructor(readonly state: ServiceAllocState, private readonly rng: Rng) {}

  /** A specific ClusterIP, or the allocator's error text (`failed to allocate IP …: …`). */
  allocateClusterIP(ip: string, owner: string): AllocError | undefined {
    const n = mustParseIPv4(ip);
    const { network, size } = this.range;
    if (n < network || n >= network + size) {
      return { error: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}` };
    }
    if (n === network || n === network + size - 1) return { error: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}` };
    if (Object.hasOwn(this.state.clusterIPs, ip)) return { error: `failed to allocate IP ${ip}: provided IP is already allocated` };
    this.state.clusterIPs[ip] = owner;
    return undefined;
  }

  /** A random free ClusterIP from the upper band. */
  nextClusterIP(owner: string): string {
    const { network, size } = this.range;
    const offset = Math.min(Math.max(16, size / 16), 256);
    const span = size - offset - 1;
    for (;;) {
      const ip = formatIPv4(network + offset + this.rng.int(span));
      if (!Object.hasOwn(this.state.clusterIPs, ip)) {
        this.state.clusterIPs[ip] = owner;
        return ip;
      }
    }
  }

  releaseClusterIP(ip: string | undefined): void {
    if (ip) delete this.state.clusterIPs[ip];
  }

  /** A specific NodePort; the error is the field message after `Invalid value: N: `. */
  allocateNodePort(port: number, owner: string): AllocError | undefined {
    if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) return { error: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` };
    if (Object.hasOwn(this.state.nodePorts, String(port))) return { error: 'provided port is already allocated' };
    this.state.nodePorts[String(port)] = owner;
    return undefined;
  }

  nextNodePort(owner: string): number {
    const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    if (Object.keys(this.state.nodePorts).length >= span) throw new Error('range is full');
    for (;;) {
      const port = NODE_PORT_MIN + this.rng.int(span);
      if (!Object.hasOwn(this.state.nodePorts, String(port))) {
        this.state.nodePorts[String(port)] = owner;
        return port;
      }
    }
  }

  releaseNodePort(port: number | undefined): void {
    if (port) delete this.state.nodePorts[String(port)];
  }

  /** The first free pool address (MetalLB hands them out in order), or undefined when the pool is empty or used up. */
  nextLoadBalancerIP(owner: string): string | undefined {
    const ip = this.state.lbPool.find((a) => !Object.hasOwn(this.state.lbAllocated, a));
    if (ip) this.state.lbAllocated[ip] = owner;
    return ip;
  }

  releaseLoadBalancerIP(ip: string | undefined): void {
    if (ip) delete this.state.lbAllocated[ip];
  }
}

/** `172.18.255.200-172.18.255.250` or a CIDR → the addresses in it (at most 1024). */
export function expandPool(spec: string): string[] {
  const out: string[] = [];
  const dash = spec.indexOf('-');
  const [from, to] = dash > 0 ? [spec.slice(0, dash), spec.slice(dash + 1)].map((ip) => mustParseIPv4(ip)) : (() => {
    const { network, size } = parseCidr(spec);
    return [network, network + size - 1];
  })();
  for (let n = from; n <= to && out.length < 1024; n++) out.push(formatIPv4(n));
  return out;
}

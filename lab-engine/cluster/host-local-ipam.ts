// Per-node pod IP allocation as the CNI host-local plugin does it: each node hands out addresses
// from its own podCIDR, skipping the network address, the gateway (.1) and broadcast, and
// continuing after the last address it reserved (so a freed IP is not reused at once), wrapping
// around when it reaches the end of the range.

import { formatIPv4, parseCidr } from '../kube/ipv4';

export interface NodeRange {
  cidr: string;
  /** Last address handed out, as host-local keeps in `last_reserved_ip.0`. */
  lastReserved: string | null;
  /** Address → the pod (namespace/name) holding it. */
  allocated: Record<string, string>;
}

export type IpamState = Record<string, NodeRange>;

export class HostLocalIpam {
  private readonly ranges: IpamState;

  constructor(state: IpamState = {}) {
    this.ranges = state;
  }

  addNode(node: string, cidr: string): void {
    this.ranges[node] ??= { cidr, lastReserved: null, allocated: {} };
  }

  /** The next free address on `node` for `owner`, or undefined when the range is exhausted. */
  allocate(node: string, owner: string): string | undefined {
    const range = this.ranges[node];
    if (!range) return undefined;
    const { network, size } = parseCidr(range.cidr);
    const first = network + 2;
    const last = network + size - 2;
    if (last < first) return undefined;
    const span = last - first + 1;
    const start = range.lastReserved === null ? first : nextInRange(toInt(range.lastReserved), first, last);
    for (let i = 0; i < span; i++) {
      const candidate = first + ((start - first + i) % span);
      const ip = formatIPv4(candidate);
      if (!Object.hasOwn(range.allocated, ip)) {
        range.allocated[ip] = owner;
        range.lastReserved = ip;
        return ip;
      }
    }
    return undefined;
  }

  release(node: string, ip: string): void {
    const range = this.ranges[node];
    if (range) delete range.allocated[ip];
  }

  inUse(node: string): string[] {
    return Object.keys(this.ranges[node]?.allocated ?? {});
  }

  toJSON(): IpamState {
    return this.ranges;
  }
}

function toInt(ip: string): number {
  return parseCidr(`${ip}/32`).network;
}

function nextInRange(n: number, first: number, last: number): number {
  return n + 1 > last || n + 1 < first ? first : n + 1;
}

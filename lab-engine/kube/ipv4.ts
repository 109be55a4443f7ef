// IPv4 addresses and CIDR blocks as 32-bit unsigned integers: the one copy of this arithmetic,
// shared by the allocators, kube-proxy's rule matching, NetworkPolicy ipBlocks and the tools.

/** The address as an integer, or undefined when `ip` is not a dotted quad. */
export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    n = n * 256 + Number(part);
  }
  return n;
}

/** parseIPv4 for addresses the engine itself produced: a bad one is a bug, so it throws. */
export function mustParseIPv4(ip: string): number {
  const n = parseIPv4(ip);
  if (n === undefined) throw new RangeError(`not an IPv4 address: ${ip}`);
  return n;
}

export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export interface Ipv4Cidr {
  /** Network address, host bits cleared (so `192.168.242.213/24` is normalised to .0/24, as cyclonus does). */
  network: number;
  prefix: number;
}

export interface Cidr extends Ipv4Cidr {
  /** Number of addresses in the block. */
  size: number;
}

/** A block from `a.b.c.d/n` (a bare address is a /32), or undefined when malformed. */
export function parseIpv4Cidr(cidr: string): Cidr | undefined {
  const slash = cidr.indexOf('/');
  const ip = parseIPv4(slash < 0 ? cidr : cidr.slice(0, slash));
  const prefix = slash < 0 ? 32 : Number(cidr.slice(slash + 1));
  if (ip === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { network: ip - (ip % size), prefix, size };
}

/** parseIpv4Cidr for the engine's own configuration (pod and service CIDRs): a bad one throws. */
export function parseCidr(cidr: string): Cidr {
  const parsed = cidr.includes('/') ? parseIpv4Cidr(cidr) : undefined;
  if (!parsed) throw new RangeError(`not a CIDR: ${cidr}`);
  return parsed;
}

export function cidrContains(cidr: Ipv4Cidr, ip: number): boolean {
  const size = 2 ** (32 - cidr.prefix);
  return ip >= cidr.network && ip < cidr.network + size;
}

// IPv4 parsing and CIDR membership for ipBlock. Kept here (not shared with the cluster model's
// allocators) so the policy engine stays a leaf with no dependencies.

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

export interface Ipv4Cidr {
  /** Network address, host bits cleared (so `192.168.242.213/24` is normalised to .0/24, as cyclonus does). */
  network: number;
  prefix: number;
}

export function parseIpv4Cidr(cidr: string): Ipv4Cidr | undefined {
  const slash = cidr.indexOf('/');
  const ip = parseIPv4(slash < 0 ? cidr : cidr.slice(0, slash));
  const prefix = slash < 0 ? 32 : Number(cidr.slice(slash + 1));
  if (ip === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { network: ip - (ip % size), prefix };
}

export function cidrContains(cidr: Ipv4Cidr, ip: number): boolean {
  const size = 2 ** (32 - cidr.prefix);
  return ip >= cidr.network && ip < cidr.network + size;
}

export function formatIPv4(n: number): string {
  return `${Math.floor(n / 16777216) & 255}.${Math.floor(n / 65536) & 255}.${Math.floor(n / 256) & 255}.${n & 255}`;
}

// kube-proxy's chain names (kubernetes/kubernetes pkg/proxy/iptables/proxier.go: portProtoHash,
// servicePortChainName, serviceExternalChainName, servicePortEndpointChainName). A chain name must
// fit iptables' 28 characters, so the service port (and endpoint) is hashed: the first 16
// characters of base32(sha256(input)), RFC 4648 alphabet. GROUND-TRUTH §2.1 lists verified values.

import { sha2Digest } from '../../core/sha2';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 of the bytes, without padding (16 characters never reach it). */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * kube-proxy derives chain names once, when a Service or endpoint changes (newServiceInfo,
 * newEndpointInfo), not on every sync; this memo plays that part. Bounded: cleared when full.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 250_000;

function hash16(input: string): string {
  const hit = memo.get(input);
  if (hit !== undefined) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const h = computeHash16(input);
  memo.set(input, h);
  return h;
}

function computeHash16(input: string): string {
  // A lab's first names are hashed without node:crypto (core/sha2.ts): no OpenSSL in an idle session.
  const digest = sha2Digest('sha256', input);
  // 16 base32 characters are 80 bits: the first 10 bytes of the digest.
  return base32(digest.subarray(0, 10));
}

/** The first 16 characters of base32(sha256(input)): nftables mode takes 8 of them (hashAndTruncate). */
export function base32Sha256Prefix(input: string): string {
  return hash16(input);
}

/**
 * `<namespace>/<name>:<portName>`, or `<namespace>/<name>` when the port is unnamed
 * (proxy.ServicePortName.String()).
 */
export function servicePortNameString(namespace: string, name: string, portName: string | undefined): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

/** portProtoHash: the 16-character hash shared by KUBE-SVC-, KUBE-SVL-, KUBE-EXT- and KUBE-FW-. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol.toLowerCase());
}

export type ServiceChainPrefix = 'KUBE-SVC-' | 'KUBE-SVL-' | 'KUBE-EXT-' | 'KUBE-FW-';

export function serviceChainName(prefix: ServiceChainPrefix, servicePortName: string, protocol: string): string {
  return prefix + portProtoHash(servicePortName, protocol);
}

/** KUBE-SEP-: the hash also covers `<endpointIP>:<port>`, so the name changes with the pod IP. */
export function endpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + hash16(servicePortName + protocol.toLowerCase() + endpoint);
}

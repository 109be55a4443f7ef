// The names Felix derives, so a learner sees the same ones a real Calico v3.30 node shows:
// - rule ids: `-m comment --comment "cali:<16 chars>"`, a SHA-224 chain over the chain's name and
//   each rule as Felix renders it with the placeholder `HASH` (felix/generictables/rules.go
//   RuleHashes, felix/iptables/renderer.go RuleHashes), base64url, first 16 characters — so the
//   static rules carry the ids every Calico node has (`cali:flqWnvo8yq4ULQLa` on cali-nat-outgoing);
// - chain names longer than iptables' 28 characters: prefix + `_` + base64url(SHA-256(suffix))
//   cut to fit (felix/hashutils/id.go GetLengthLimitedID): `cali-pi-_…` for a policy
//   `default/default/knp.default.<name>` (tier/namespace/name);
// - IP set ids `s:<base64url(SHA-224("s:"+selector))>` (libcalico-go/lib/hash MakeUniqueID) and
//   their kernel names `cali40<id>` cut to ipset's 31 characters.

import { sha2Digest } from '../../../core/sha2';

/** iptables' chain-name limit as Felix applies it (felix/iptables MaxChainNameLength). */
export const MAX_CHAIN_NAME = 28;
const MAX_IPSET_NAME = 31;
const HASH_LENGTH = 16;

/** Felix's rule ids for one chain, in order; `rendered` is each rule as Felix renders it after `-A <chain> HASH`. */
export function ruleHashes(chain: string, rendered: readonly string[]): string[] {
  // Without node:crypto for a lab's first digests (core/sha2.ts): no OpenSSL in an idle session.
  let hash = sha2Digest('sha224', chain);
  return rendered.map((rule) => {
    hash = sha2Digest('sha224', hash, `-A ${chain} HASH${rule ? ` ${rule}` : ''}`);
    return base64url(hash).slice(0, HASH_LENGTH);
  });
}

export function lengthLimitedId(prefix: string, suffix: string, maxLength = MAX_CHAIN_NAME): string {
  const total = prefix.length + suffix.length;
  if (total > maxLength || (total === maxLength && suffix.startsWith('_'))) {
    const hash = base64url(sha2Digest('sha256', suffix));
    return `${prefix}_${hash.slice(0, maxLength - 1 - prefix.length)}`;
  }
  return prefix + suffix;
}

export function uniqueId(prefix: string, content: string): string {
  return `${prefix}:${base64url(sha2Digest('sha224', `${prefix}:${content}`))}`;
}

const base64url = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');

/** `cali40` + the set id, as the kernel holds it (IPv4 sets; ipset names stop at 31 characters). */
export function ipsetName(id: string): string {
  return `cali40${id}`.slice(0, MAX_IPSET_NAME);
}

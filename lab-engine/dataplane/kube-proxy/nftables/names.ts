// nftables mode's chain and set names (pkg/proxy/nftables/proxier.go servicePortChainNameBase,
// servicePortEndpointChainNameBase, hashAndTruncate): nft allows long names with `/`, so the name
// spells the Service port out — `service-ULMVA6XW-ns1/svc1/tcp/p80` — with 8 base32 characters
// of sha256(name) in front to keep near-identical names apart.

import { base32Sha256Prefix } from '../chain-names';

/** knftables.NameLengthMax (256) less the longest prefix kube-proxy puts in front (16). */
const BASE_LENGTH_MAX = 256 - 16;

function hashAndTruncate(name: string): string {
  const hashed = `${base32Sha256Prefix(name).slice(0, 8)}-${name}`;
  return hashed.length > BASE_LENGTH_MAX ? `${hashed.slice(0, BASE_LENGTH_MAX - 3)}...` : hashed;
}

/** `HASH-ns/name/proto/portName` (an unnamed port leaves the last part empty). */
export function servicePortChainBase(namespace: string, name: string, proto: string, portName: string | undefined): string {
  return hashAndTruncate(`${namespace}/${name}/${proto}/${portName ?? ''}`);
}

/** `HASH-ns/name/proto/portName__IP/port`. */
export function endpointChainBase(namespace: string, name: string, proto: string, portName: string | undefined, ip: string, port: number): string {
  return hashAndTruncate(`${namespace}/${name}/${proto}/${portName ?? ''}__${ip}/${port}`);
}

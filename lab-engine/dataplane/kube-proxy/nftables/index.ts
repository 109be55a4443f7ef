// kube-proxy's nftables mode: the table it writes (sync.ts), `nft list` output (format.ts), and
// the kernel's walk of it for one packet (evaluate.ts).

export { evaluateNftChain, type NftEvalContext, type NftEvalResult, type NftMatchedRule, type NftNumgenDraw, type NftOutcome, type NftPacket } from './evaluate';
export { formatNftChain, formatNftRule, formatNftSet, formatNftTable } from './format';
export { endpointChainBase, servicePortChainBase } from './names';
export type { NftChain, NftHook, NftSet, NftTable } from './ruleset';
export { syncNftables, type NftSyncInput } from './sync';

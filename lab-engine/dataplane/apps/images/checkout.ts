// The shop's checkout service (a Go binary on a distroless base): it serves the shop's API on
// 8080 and calls the payment provider named in its environment at a steady rate
// (apps/outbound-client.ts), logging each call that fails as net/http words it.

import type { ImageProfile } from '../image-profile';
import { outboundClient } from '../outbound-client';

export const checkout: ImageProfile = {
  repositories: ['ghcr.io/flatnet-shop/checkout'],
  registry: { tags: ['latest', '2.4.0', '2.4.1'], pullMs: 3_000, stopMs: 1_000, sizeBytes: 18_414_203 },
  defaultCommand: { kind: 'serves' },
  listeners: { kind: 'fixed', process: 'checkout', sockets: [{ protocol: 'tcp', address: '*', port: { kind: 'fixed', port: 8080 } }] },
  startupLog: ({ stamp }) => [`${stamp} checkout 2.4.1 listening on :8080`],
  outbound: outboundClient,
};

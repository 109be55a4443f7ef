// A grader's HTTP request through the dataplane and what came back: the types the `http` check
// kind and the simulation contract share with the packet engine that answers them.

import type { PacketSource } from '../packet/types';
import type { ServedCertificate } from '../tls/certificate';

/** A grader's HTTP request: from a pod or the learner's workstation, to an address and port, with a Host header. */
export interface HttpProbe {
  from: PacketSource;
  dst: string;
  port: number;
  host: string;
  path: string;
  /** Speak TLS first (https), sending this server name (SNI); the certificate is reported, not judged. */
  tls?: { sni?: string };
  /**
   * A load generator's n-th connection: each one draws its own source port and kube-proxy pick
   * (from a source seeded with n, so a run repeats exactly). Absent: the check's one fixed draw.
   */
  connection?: number;
  /** Walk the response's full-size TCP segments back to a pod client (http-response-walk.ts): an MTU black hole then hangs it. */
  walkResponse?: boolean;
}

export type HttpProbeResult =
  /** `backend`: the pod (`namespace/name`) whose program answered, when it was not an ingress controller. */
  | { kind: 'response'; status: number; body: string; servedBy: string[]; tls?: HttpProbeTls; backend?: string }
  /** `refused`: a TCP reset (nothing listened where the packet arrived), by `backend` when that was a pod. */
  | { kind: 'no-response'; reason: string; refused?: boolean; backend?: string };

/** The certificate a TLS server presented to a grader's probe. */
export interface HttpProbeTls {
  /** OpenSSL one-line subject, e.g. `CN = shop.example.com`. */
  subject: string;
  dnsNames: string[];
  /** Which certificate the server chose and why (`secret shop/shop-tls`, or the default one with its reason). */
  source: string;
  isDefault: boolean;
  /** The certificate's names cover the probe's SNI. */
  coversHost: boolean;
  /** The certificate itself (with the PEM chain as the Secret stores it), for a check that verifies it as a browser would. */
  certificate: ServedCertificate;
}

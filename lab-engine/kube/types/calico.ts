// crd.projectcalico.org/v1: the one Calico CRD the model serves, FelixConfiguration (cluster-scoped).
// `default` holds the cluster-wide settings; `node.<nodename>` overrides them for one node
// (Felix merges the two, the node-specific one winning per field). Only the fields the model acts
// on are typed; the rest of the spec is kept as sent.
// Source: projectcalico/calico api/pkg/apis/projectcalico/v3/felixconfig.go (field names, JSON tags).

import type { ObjectMeta } from './meta';

export interface FelixConfigurationSpec {
  /** Encrypt IPv4 pod traffic between nodes in a WireGuard tunnel (default false). */
  wireguardEnabled?: boolean;
  /** The same for IPv6: it does nothing to IPv4 pod traffic. */
  wireguardEnabledV6?: boolean;
  /** The UDP port WireGuard listens on (default 51820). */
  wireguardListeningPort?: number;
  /** The wireguard.cali device's MTU; 0 or absent: auto (host MTU − 60). */
  wireguardMTU?: number;
  /** Any other field, kept as the client sent it. */
  [field: string]: unknown;
}

export interface FelixConfiguration {
  apiVersion: 'crd.projectcalico.org/v1';
  kind: 'FelixConfiguration';
  metadata: ObjectMeta & { generation: number };
  spec: FelixConfigurationSpec;
}

// Registers the kind's resource (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    felixconfigurations: FelixConfiguration;
  }
}

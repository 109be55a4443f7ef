// The IPPool calico-node creates on first start from calico.yaml's environment
// (CALICO_IPV4POOL_CIDR from kubeadm's podSubnet, CALICO_IPV4POOL_IPIP, natOutgoing true,
// CALICO_IPV4POOL_BLOCK_SIZE 26, nodeSelector all()): the object `calicoctl get ippool` shows.
// Sources: projectcalico/calico node/pkg/lifecycle/startup (ensureDefaultPools: the name
// default-ipv4-ippool, the defaults), api/pkg/apis/projectcalico/v3 ippool.go.
//
// IPAM decision (issue 15, point 4): the default topology runs Calico with host-local IPAM
// (config-files.ts: `"ipam": {"type": "host-local", "subnet": "usePodCidr"}`), so each node's pods
// take addresses from its podCIDR as the lessons teach. The pool still exists (Felix reads
// natOutgoing and ipipMode from it), but Calico's own IPAM hands out no /26 blocks: `calicoctl
// ipam show` reports 0 addresses in use and `--show-blocks` lists none. Calico's real default
// (calico-ipam, /26 blocks that ignore podCIDR) is a lab-level choice not modelled yet.

import { POD_NETWORK_CIDR } from '../../../core/cluster-plan';
import type { IpipMode } from './settings';

export interface CalicoIpPool {
  name: string;
  cidr: string;
  blockSize: number;
  ipipMode: IpipMode;
  vxlanMode: 'Never';
  natOutgoing: boolean;
  nodeSelector: string;
  disabled: boolean;
  disableBGPExport: boolean;
  allowedUses: readonly string[];
}

/** The IPAM plugin the default topology's conflist names. */
export const CALICO_IPAM: 'host-local' | 'calico-ipam' = 'host-local';

export function defaultIpPool(ipipMode: IpipMode = 'Always'): CalicoIpPool {
  return {
    name: 'default-ipv4-ippool',
    cidr: POD_NETWORK_CIDR,
    blockSize: 26,
    ipipMode,
    vxlanMode: 'Never',
    natOutgoing: true,
    nodeSelector: 'all()',
    disabled: false,
    disableBGPExport: false,
    allowedUses: ['Workload', 'Tunnel'],
  };
}

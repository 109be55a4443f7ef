// Calico names a pod's host-side veth `cali` + the first 11 hex digits of SHA-1("<namespace>.<pod>")
// (calico cni-plugin, `VethNameForWorkload`), so the name is a pure function of the pod and a
// learner can recompute it.

import { sha1Hex } from '../names';

export function calicoVethName(namespace: string, pod: string): string {
  return `cali${sha1Hex(`${namespace}.${pod}`).slice(0, 11)}`;
}

// MAC addresses for hand-made devices: the kernel picks a random locally-administered one
// (eth_hw_addr_random); here a hash of where and when it was made, so a replay gives the same.

import { randomMac } from '../../cni/names';

export function handMac(netnsId: string, name: string, seq: number): string {
  return randomMac(`hand/${netnsId}/${name}/${seq}`);
}

// What iproute2 6.1 prints (and its exit status) when the kernel, or iproute2 itself, refuses a
// change: `RTNETLINK answers: <strerror>` with status 2 for a netlink error, the kernel's extack
// text as `Error: <msg>.` (Linux 6.8: "Nexthop has invalid gateway", "Nexthop device is not up",
// "mtu greater than device maximum"), `Cannot find device "x"` (status 1) when the name does not
// resolve, invarg()'s `Error: argument "x" is wrong: …` (status 255). Sources: iproute2 lib/
// libnetlink.c, lib/utils.c (invarg, duparg2), ip/iplink.c, ip/ipaddress.c, ip/iproute.c,
// ip/ipnetns.c; linux net/ipv4/fib_semantics.c, net/core/dev.c.

import type { CommandOutput } from '../../command-types';
import { fail } from '../../command-types';
import type { HandError } from '../../../dataplane/netns/hand-built';

export const NETNS_RUN_DIR = '/var/run/netns';

/** The words of a refusal; `verb` says which netns error text applies. */
export function handErrorOutput(e: HandError, verb: 'netns-add' | 'netns-del' | 'link-netns' | 'other' = 'other'): CommandOutput {
  switch (e.error) {
    case 'netns-exists':
      return fail(`Cannot create namespace file "${NETNS_RUN_DIR}/${e.name}": File exists\n`, 1);
    case 'netns-missing':
      if (verb === 'netns-del') return fail(`Cannot remove namespace file "${NETNS_RUN_DIR}/${e.name}": No such file or directory\n`, 1);
      if (verb === 'link-netns') return fail(`Error: argument "${e.name}" is wrong: Invalid "netns" value\n\n`, 255);
      return fail(`Cannot open network namespace "${e.name}": No such file or directory\n`, 1);
    case 'exists':
      return fail('RTNETLINK answers: File exists\n', 2);
    case 'no-device':
      return fail(`Cannot find device "${e.dev}"\n`, 1);
    case 'no-master':
      return fail(`Error: argument "${e.dev}" is wrong: Device does not exist\n\n`, 255);
    case 'not-supported':
      return fail('RTNETLINK answers: Operation not supported\n', 2);
    case 'cni-owned':
      return fail(`ip: ${e.dev} belongs to the cluster's CNI here, which rebuilds it; changing it by hand is not modelled (make your own devices with ip link add)\n`, 2);
    case 'no-such-route':
      return fail('RTNETLINK answers: No such process\n', 2);
    case 'no-such-address':
      return fail('RTNETLINK answers: Cannot assign requested address\n', 2);
    case 'gateway-invalid':
      return fail('Error: Nexthop has invalid gateway.\n', 2);
    case 'device-down':
      return fail('Error: Nexthop device is not up.\n', 2);
    case 'mtu-too-big':
      return fail('Error: mtu greater than device maximum.\n', 2);
    case 'mtu-too-small':
      return fail('Error: mtu less than device minimum.\n', 2);
    case 'busy':
      return fail('RTNETLINK answers: Device or resource busy\n', 2);
    case 'limit':
      return fail(`ip: this simulated node holds at most ${e.limit} hand-made ${e.what === 'changes' ? 'changes' : 'network namespaces'}\n`, 2);
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** invarg(): `Error: argument "x" is wrong: <what>` and exit(-1). */
export function invarg(what: string, arg: string): CommandOutput {
  return fail(`Error: argument "${arg}" is wrong: ${what}\n\n`, 255);
}

/** duparg2(): a keyword given twice, or a word iproute2 cannot place. */
export function duparg(key: string, arg: string): CommandOutput {
  return fail(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, 255);
}

/** get_prefix() on a word that is no IPv4 prefix. */
export function notPrefix(arg: string): CommandOutput {
  return fail(`Error: inet prefix is expected rather than "${arg}".\n`, 1);
}

/** get_addr() for a gateway that is no IPv4 address. */
export function notAddress(arg: string): CommandOutput {
  return fail(`Error: inet address is expected rather than "${arg}".\n`, 1);
}

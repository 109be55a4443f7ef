// `bridge link set dev DEV [ hairpin { on | off } ] ...` (iproute2 6.1 bridge/link.c,
// brlink_modify): the words are read in iproute2's order and with its errors (an unknown word
// prints the usage and exits 255, a flag whose value is not on/off "argument of ... must be
// \"on\" or \"off\"", no dev "Device is a required argument."). Only hairpin and isolated change
// the model (a pod veth's port: the flag kube-proxy's hairpin traffic needs, and the flag that
// keeps two ports from talking through the bridge); the port's other flags are
// not simulated, and saying so beats pretending they changed.

import type { CommandOutput } from '../../command-types';
import { fail, ok } from '../../command-types';
import type { BridgePortFlags } from '../../../dataplane/cni/bridge-ports';
import type { Netns } from '../../../dataplane/netns/types';

const SET_USAGE = `Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                               [ guard {on | off} ]
                               [ hairpin {on | off} ]
                               [ fastleave {on | off} ]
                               [ root_block {on | off} ]
                               [ learning {on | off} ]
                               [ learning_sync {on | off} ]
                               [ flood {on | off} ]
                               [ mcast_flood {on | off} ]
                               [ bcast_flood {on | off} ]
                               [ mcast_router MULTICAST_ROUTER ]
                               [ mcast_to_unicast {on | off} ]
                               [ neigh_suppress {on | off} ]
                               [ vlan_tunnel {on | off} ]
                               [ isolated {on | off} ]
                               [ locked {on | off} ]
                               [ hwmode {vepa | veb} ]
                               [ backup_port DEVICE ] [ nobackup_port ]
                               [ self ] [ master ]
       bridge link show [dev DEV]
`;

/** Port flags taking on/off whose change is not simulated. */
const ON_OFF_FLAGS = new Set(['guard', 'fastleave', 'root_block', 'learning', 'learning_sync', 'flood', 'mcast_flood', 'bcast_flood', 'mcast_to_unicast', 'neigh_suppress', 'vlan_tunnel', 'locked']);
/** Port flags taking on/off that the model keeps (bridge-ports.ts). */
const SIMULATED = new Set(['hairpin', 'isolated']);
/** Words taking another kind of value, also not simulated. */
const VALUE_WORDS = new Set(['cost', 'priority', 'state', 'mcast_router', 'hwmode', 'backup_port']);

export function linkSet(args: readonly string[], ns: Netns, setPort: (dev: string, flags: Partial<BridgePortFlags>) => boolean): CommandOutput {
  let dev: string | undefined;
  const flags: { hairpin?: boolean; isolated?: boolean } = {};
  const unsimulated: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === 'self' || word === 'master' || word === 'nobackup_port') continue;
    if (word !== 'dev' && !SIMULATED.has(word) && !ON_OFF_FLAGS.has(word) && !VALUE_WORDS.has(word)) return { stdout: '', stderr: SET_USAGE, exitCode: 255 };
    const value = args[++i];
    if (value === undefined) return fail('Command line is not complete. Try option "help"\n', 255);
    if (word === 'dev') dev = value;
    else if (SIMULATED.has(word) || ON_OFF_FLAGS.has(word)) {
      if (value !== 'on' && value !== 'off') return fail(`Error: argument of "${word}" must be "on" or "off"\n`, 255);
      if (word === 'hairpin') flags.hairpin = value === 'on';
      else if (word === 'isolated') flags.isolated = value === 'on';
      else unsimulated.push(word);
    } else unsimulated.push(word);
  }
  if (dev === undefined) return fail('Device is a required argument.\n', 255);
  const link = ns.links.find((l) => l.name === dev);
  if (!link) return fail(`Cannot find bridge device "${dev}"\n`, 255);
  // The kernel answers a device that is no bridge port with EOPNOTSUPP (rtnl_bridge_setlink).
  if (!link.master) return fail('RTNETLINK answers: Operation not supported\n', 2);
  if (unsimulated.length) return fail(`bridge: changing ${unsimulated.join(', ')} on a bridge port is not simulated here; only hairpin and isolated are\n`, 2);
  if (Object.keys(flags).length && !setPort(dev, flags)) return fail('RTNETLINK answers: Operation not supported\n', 2);
  return ok('');
}

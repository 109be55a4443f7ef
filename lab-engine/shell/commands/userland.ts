// Which implementation of the small utilities answers where the shell stands, and as whom:
// GNU coreutils/util-linux on the workstation (Debian), the nodes (Ubuntu) and Debian-based
// images; BusyBox applets in the busybox image (all in /bin) and in Alpine-based images. A pod's
// comes from its image's profile (dataplane/apps/images/<image>.ts: the userland, its own user,
// the programs it builds itself). Also the users those places have (what `id` and `whoami`
// print) and BusyBox's usage banner, shared by its applets.

import type { CommandContext } from '../command-types';
import { parseImageRef } from '../../cluster/images';
import type { Account, Userland } from '../../dataplane/apps/filesystems';
import type { ProgramBuilds } from '../../dataplane/apps/image-profile';
import { imageFilesystem, imageProfile } from '../../dataplane/apps/images';

export type { Account, Userland } from '../../dataplane/apps/filesystems';

export interface Place {
  userland: Userland;
  account: Account;
  /** Programs a pod's image builds itself rather than taking its userland's (netshoot's nc). */
  builds?: ProgramBuilds;
}

/** The workstation's learner (Debian: uid 1000, in sudo). */
export const LEARNER: Account = { name: 'learner', uid: 1000, gid: 1000, group: 'learner', extra: [[27, 'sudo']] };
const ROOT: Account = { name: 'root', uid: 0, gid: 0, group: 'root', extra: [] };
// busybox's /etc/group puts root in wheel; Alpine's baselayout in bin..video as well.
const BUSYBOX_ROOT: Account = { ...ROOT, extra: [[10, 'wheel']] };
const ALPINE_ROOT: Account = { ...ROOT, extra: [[1, 'bin'], [2, 'daemon'], [3, 'sys'], [4, 'adm'], [6, 'disk'], [10, 'wheel'], [11, 'floppy'], [20, 'dialout'], [26, 'tape'], [27, 'video']] };

function rootOf(userland: Userland): Account {
  switch (userland) {
    case 'gnu':
      return ROOT;
    case 'busybox':
      return BUSYBOX_ROOT;
    case 'alpine':
      return ALPINE_ROOT;
    default: {
      const never: never = userland;
      return never;
    }
  }
}

export function placeOf(ctx: CommandContext): Place {
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  if (loc.kind === 'workstation') return { userland: 'gnu', account: LEARNER };
  if (loc.kind === 'node') return { userland: 'gnu', account: ROOT };
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  const ref = parseImageRef(pod?.spec.containers.find((c) => c.name === loc.container)?.image ?? '');
  const filesystem = ref && imageFilesystem(ref);
  const userland = filesystem?.userland ?? 'gnu';
  const builds = ref && imageProfile(ref)?.builds;
  return { userland, account: filesystem?.account ?? rootOf(userland), ...(builds ? { builds } : {}) };
}

/** The accounts `id NAME` knows here: root and the place's own user. */
export function accountsOf(place: Place): Account[] {
  const root = rootOf(place.userland);
  return place.account.name === 'root' ? [root] : [root, place.account];
}

export const BUSYBOX_BANNER = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';

/** What bb_show_usage() writes (to stderr): the banner, `Usage: APPLET TRIVIAL`, and the full text. */
export function busyboxUsage(applet: string, trivial: string, full: string): string {
  return `${BUSYBOX_BANNER}\n\nUsage: ${applet}${trivial ? ` ${trivial}` : ''}${full ? `\n\n${full}` : ''}\n`;
}

/**
 * BusyBox's getopt for an applet without long options: the first unknown letter (a `--name`
 * reads as the letter '-') answers "invalid option" and the usage, exit 1. Undefined when all
 * options are known. `valued` letters take the next word.
 */
export function busyboxBadOption(applet: string, args: readonly string[], letters: string, valued = ''): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a === '-') continue;
    for (let j = 1; j < a.length; j++) {
      if (valued.includes(a[j])) {
        if (j === a.length - 1) i++;
        break;
      }
      if (!letters.includes(a[j])) return `${applet}: invalid option -- '${a[j]}'\n`;
    }
  }
  return undefined;
}

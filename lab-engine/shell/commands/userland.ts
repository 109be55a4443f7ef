// Which implementation of the small utilities answers where the shell stands, and as whom:
// GNU coreutils/util-linux on the workstation (Debian), the nodes (Ubuntu) and Debian-based
// images; BusyBox applets in the busybox image (all in /bin) and in Alpine-based images (netshoot,
// curlimages/curl, nginx:alpine, agnhost, the ingress-nginx controller). Also the users those
// places have (what `id` and `whoami` print) and BusyBox's usage banner, shared by its applets.

import type { CommandContext } from '../command-types';
import { parseImageRef } from '../../cluster/images';
import { toolsetForImage } from '../contexts/toolsets';

export type Userland = 'gnu' | 'busybox' | 'alpine';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  group: string;
  /** Supplementary groups after the primary one, as /etc/group lists them. */
  extra: readonly [number, string][];
}

export interface Place {
  userland: Userland;
  /** The image repository of a pod's container (docker.io/...), undefined elsewhere. */
  repository?: string;
  account: Account;
}

const ALPINE_IMAGES = new Set(['docker.io/curlimages/curl', 'docker.io/nicolaka/netshoot', 'registry.k8s.io/e2e-test-images/agnhost', 'registry.k8s.io/ingress-nginx/controller']);

/** The workstation's learner (Debian: uid 1000, in sudo). */
export const LEARNER: Account = { name: 'learner', uid: 1000, gid: 1000, group: 'learner', extra: [[27, 'sudo']] };
const ROOT: Account = { name: 'root', uid: 0, gid: 0, group: 'root', extra: [] };
// busybox's /etc/group puts root in wheel; Alpine's baselayout in bin..video as well.
const BUSYBOX_ROOT: Account = { ...ROOT, extra: [[10, 'wheel']] };
const ALPINE_ROOT: Account = { ...ROOT, extra: [[1, 'bin'], [2, 'daemon'], [3, 'sys'], [4, 'adm'], [6, 'disk'], [10, 'wheel'], [11, 'floppy'], [20, 'dialout'], [26, 'tape'], [27, 'video']] };
// curlimages/curl: `addgroup -S curl_group && adduser -S curl_user -G curl_group` (uid 100, gid 101).
const CURL_USER: Account = { name: 'curl_user', uid: 100, gid: 101, group: 'curl_group', extra: [] };
// ingress-nginx: `adduser -S -D -H -u 101 ... -G www-data www-data`, Alpine's www-data group is 82.
const WWW_DATA: Account = { name: 'www-data', uid: 101, gid: 82, group: 'www-data', extra: [] };

export function placeOf(ctx: CommandContext): Place {
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  if (loc.kind === 'workstation') return { userland: 'gnu', account: LEARNER };
  if (loc.kind === 'node') return { userland: 'gnu', account: ROOT };
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  const image = pod?.spec.containers.find((c) => c.name === loc.container)?.image ?? '';
  const ref = parseImageRef(image);
  const repository = ref?.repository;
  const userland: Userland = repository === 'docker.io/library/busybox' ? 'busybox' : repository && (ALPINE_IMAGES.has(repository) || (repository === 'docker.io/library/nginx' && ref.tag.includes('alpine'))) ? 'alpine' : 'gnu';
  const user = toolsetForImage(image).user;
  const account = user === 'curl_user' ? CURL_USER : user === 'www-data' ? WWW_DATA : userland === 'busybox' ? BUSYBOX_ROOT : userland === 'alpine' ? ALPINE_ROOT : ROOT;
  return { userland, account, ...(repository ? { repository } : {}) };
}

/** The accounts `id NAME` knows here: root and the place's own user. */
export function accountsOf(place: Place): Account[] {
  const root = place.userland === 'busybox' ? BUSYBOX_ROOT : place.userland === 'alpine' ? ALPINE_ROOT : ROOT;
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

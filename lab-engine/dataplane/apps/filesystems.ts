// What a shell finds on a node and in the bases images are built on: the programs on $PATH, the
// shells, whose `ip` answers, where a shell starts and as whom. A node is an Ubuntu server with the
// Kubernetes node tools; BusyBox puts its applets (ip, wget, nslookup, no curl) in /bin; Alpine is
// BusyBox plus what an image adds with apk. An image's own filesystem is in its profile
// (images/<image>.ts), usually one of these with a few programs more; scratch and distroless
// images have none at all. The shell (shell/contexts/toolsets.ts) reads them from there.

export type ShellFlavour = 'bash' | 'dash' | 'ash';

/** Which implementation of the small utilities answers: GNU coreutils, BusyBox's applets, or Alpine's BusyBox. */
export type Userland = 'gnu' | 'busybox' | 'alpine';

/** A passwd entry, as `id` prints it. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
  group: string;
  /** Supplementary groups after the primary one, as /etc/group lists them. */
  extra: readonly [number, string][];
}

export interface Toolset {
  /** Programs on $PATH (beyond shell builtins). */
  programs: readonly string[];
  /** Shells the image has, the first being what `sh` is. */
  shells: readonly ShellFlavour[];
  /** `ip` from BusyBox rather than iproute2. */
  busyboxIp: boolean;
  /** Where `kubectl exec` starts: the image's WORKDIR. */
  workdir: string;
  /** The user its processes run as (the image's USER). */
  user: string;
  /** $HOME when the passwd entry has neither /root nor /home/<user>. */
  home?: string;
}

/** What a shell in a container finds: the userland, the programs, and the account it runs as when not root. */
export interface ImageFilesystem {
  userland: Userland;
  toolset: Toolset;
  /** The image's own user (curlimages/curl's curl_user); root when absent. */
  account?: Account;
}

export const COREUTILS: readonly string[] = ['cat', 'echo', 'printf', 'head', 'tail', 'wc', 'cut', 'sort', 'uniq', 'tr', 'tee', 'sleep', 'env', 'printenv', 'seq', 'true', 'false', 'test', '[', ':', 'base64', 'ls', 'yes', 'clear', 'hostname', 'grep', 'sed', 'awk', 'xargs', 'which', 'whoami', 'id', 'date', 'basename', 'dirname', 'paste'];

/** BusyBox's networking applets, in busybox and every Alpine-based image. */
export const BUSYBOX_NET: readonly string[] = ['ip', 'wget', 'nslookup', 'ping', 'traceroute', 'nc', 'netstat', 'ifconfig', 'route', 'arp', 'ps', 'vi', 'watch', 'sysctl'];

export const NODE_TOOLSET: Toolset = {
  programs: [...COREUTILS, 'sudo', 'ip', 'bridge', 'iptables', 'iptables-save', 'ipvsadm', 'ipset', 'nft', 'conntrack', 'ss', 'ping', 'traceroute', 'curl', 'wget', 'dig', 'nslookup', 'host', 'tcpdump', 'ssh', 'crictl', 'jq', 'vi', 'vim', 'nano', 'watch', 'history', 'ps', 'column', 'nc', 'calicoctl', 'wg', 'sysctl', 'systemctl', 'dmesg'],
  shells: ['bash', 'dash'],
  busyboxIp: false,
  workdir: '/root',
  user: 'root',
};

/** The busybox image: the applets in /bin, ash as sh, root in /. */
export const BUSYBOX_TOOLSET: Toolset = { programs: [...COREUTILS, ...BUSYBOX_NET], shells: ['ash'], busyboxIp: true, workdir: '/', user: 'root' };

/** Alpine with curl added (`apk add curl`), as nginx:alpine and curlimages/curl have it. */
export const ALPINE_CURL_TOOLSET: Toolset = { ...BUSYBOX_TOOLSET, programs: [...BUSYBOX_TOOLSET.programs, 'curl'] };

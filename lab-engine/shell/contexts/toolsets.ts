// Which programs exist where. A node is an Ubuntu server with the Kubernetes node tools; a pod
// has what its image ships: busybox has BusyBox applets (ip, wget, nslookup, no curl), the Debian
// nginx image has bash and curl but no ip/ping/ps, alpine-based images have BusyBox plus what
// they add, netshoot has everything, scratch/distroless images (http-echo, whoami, coredns,
// the control-plane images) have no shell at all; the ingress-nginx controller is Alpine with bash.
// A name listed here but not implemented yet answers with a clear "not simulated" message
// rather than pretending it does not exist. Every name is a row of the command table
// (shell/commands/index.ts) or listed in NOT_SIMULATED; shell/commands/index.test.ts checks it.

import type { ShellCommand } from '../command-types';
import { parseImageRef } from '../../cluster/images';

/** Programs images and nodes ship that the shell does not implement (they answer "not simulated"). */
export const NOT_SIMULATED: ReadonlySet<string> = new Set(['netstat', 'ifconfig', 'route', 'arp', 'ps', 'crictl', 'nmap', 'iperf3', 'mtr', 'agnhost', 'diff', 'dumb-init', '/dbg', '/wait-shutdown']);

export type ShellFlavour = 'bash' | 'dash' | 'ash';

export interface Toolset {
  /** Programs on $PATH (beyond shell builtins). */
  programs: readonly string[];
  /** Shells the image has, the first being what `sh` is. */
  shells: readonly ShellFlavour[];
  /** `ip` from BusyBox rather than iproute2. */
  busyboxIp: boolean;
  /** What `exec` of a missing program says inside an interactive shell of this image. */
  workdir: string;
  user: 'root' | 'curl_user' | 'www-data';
  /** $HOME when the passwd entry has neither /root nor /home/<user>. */
  home?: string;
}

const COREUTILS = ['cat', 'echo', 'printf', 'head', 'tail', 'wc', 'cut', 'sort', 'uniq', 'tr', 'tee', 'sleep', 'env', 'printenv', 'seq', 'true', 'false', 'test', '[', ':', 'base64', 'ls', 'yes', 'clear', 'hostname', 'grep', 'sed', 'awk', 'xargs', 'which', 'whoami', 'id', 'date', 'basename', 'dirname', 'paste'];
const BUSYBOX_NET = ['ip', 'wget', 'nslookup', 'ping', 'traceroute', 'nc', 'netstat', 'ifconfig', 'route', 'arp', 'ps', 'vi', 'watch'];

export const NODE_TOOLSET: Toolset = {
  programs: [...COREUTILS, 'sudo', 'ip', 'bridge', 'iptables', 'iptables-save', 'ipvsadm', 'ipset', 'conntrack', 'ss', 'ping', 'traceroute', 'curl', 'wget', 'dig', 'nslookup', 'host', 'tcpdump', 'ssh', 'crictl', 'jq', 'vi', 'vim', 'nano', 'watch', 'history', 'ps', 'column', 'nc'],
  shells: ['bash', 'dash'],
  busyboxIp: false,
  workdir: '/root',
  user: 'root',
};

const BUSYBOX: Toolset = { programs: [...COREUTILS, ...BUSYBOX_NET], shells: ['ash'], busyboxIp: true, workdir: '/', user: 'root' };
const ALPINE_CURL: Toolset = { ...BUSYBOX, programs: [...BUSYBOX.programs, 'curl'] };
const DEBIAN_NGINX: Toolset = { programs: [...COREUTILS, 'curl'], shells: ['dash', 'bash'], busyboxIp: false, workdir: '/', user: 'root' };
const NETSHOOT: Toolset = { ...NODE_TOOLSET, programs: [...NODE_TOOLSET.programs.filter((p) => p !== 'crictl' && p !== 'ssh' && p !== 'sudo'), 'nmap', 'iperf3', 'mtr'], shells: ['bash', 'ash'], workdir: '/root' };
const AGNHOST: Toolset = { ...BUSYBOX, programs: [...BUSYBOX.programs, 'curl', 'dig', 'agnhost'], shells: ['ash', 'bash'] };
// registry.k8s.io/ingress-nginx/controller: Alpine (BusyBox ash and applets) plus the bash, openssl and
// diffutils its Dockerfiles add, nginx, and the controller binaries at /; it runs as www-data (uid 101,
// home /usr/local/nginx) in WORKDIR /etc/nginx. No curl.
const INGRESS_NGINX: Toolset = {
  programs: [...COREUTILS, ...BUSYBOX_NET, 'openssl', 'diff', 'nginx', 'dumb-init', '/nginx-ingress-controller', '/dbg', '/wait-shutdown'],
  shells: ['ash', 'bash'],
  busyboxIp: true,
  workdir: '/etc/nginx',
  user: 'www-data',
  home: '/usr/local/nginx',
};
const NONE: Toolset = { programs: [], shells: [], busyboxIp: false, workdir: '/', user: 'root' };

export function toolsetForImage(image: string): Toolset {
  const ref = parseImageRef(image);
  if (!ref) return NONE;
  switch (ref.repository) {
    case 'docker.io/library/busybox':
      return BUSYBOX;
    case 'docker.io/library/nginx':
      return ref.tag.includes('alpine') ? ALPINE_CURL : DEBIAN_NGINX;
    case 'docker.io/curlimages/curl':
      return { ...ALPINE_CURL, user: 'curl_user', workdir: '/home/curl_user' };
    case 'docker.io/nicolaka/netshoot':
      return NETSHOOT;
    case 'registry.k8s.io/e2e-test-images/agnhost':
      return AGNHOST;
    case 'registry.k8s.io/ingress-nginx/controller':
      return INGRESS_NGINX;
    case 'docker.io/calico/node':
      return { ...NODE_TOOLSET, programs: NODE_TOOLSET.programs.filter((p) => p !== 'ssh' && p !== 'crictl' && p !== 'sudo') };
    default:
      // http-echo, whoami, pause, coredns, etcd, kube-*: scratch or distroless, nothing to run.
      return NONE;
  }
}

/** Resolves program names against the implemented commands; a known program without an implementation gets a stub. */
export function commandMap(names: readonly string[], implemented: ReadonlyMap<string, ShellCommand>, extra: readonly ShellCommand[]): Map<string, ShellCommand> {
  const map = new Map<string, ShellCommand>();
  for (const name of names) map.set(name, implemented.get(name) ?? notSimulated(name));
  for (const c of extra) map.set(c.name, c);
  return map;
}

function notSimulated(name: string): ShellCommand {
  return { name, run: () => ({ stdout: '', stderr: `${name}: not simulated yet in this environment\n`, exitCode: 127 }) };
}

/** Whether `program` (as typed after `kubectl exec ... --`) exists in the image: `sh`, `/bin/bash`, `ip`... */
export function imageHas(toolset: Toolset, program: string): boolean {
  const base = program.replace(/^\/(usr\/)?(s?bin)\//, '');
  if (base === 'sh') return toolset.shells.length > 0;
  if (base === 'bash' || base === 'dash' || base === 'ash') return toolset.shells.includes(base as ShellFlavour) || (base === 'ash' && toolset.shells.includes('ash'));
  return toolset.programs.includes(base);
}

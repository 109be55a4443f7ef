// The files a node or a pod shows under /etc, written as their owners write them:
// - a pod's /etc/resolv.conf as kubelet renders its dnsPolicy and dnsConfig (pod-dns-config.ts;
//   ClusterFirst: `search <ns>.svc.cluster.local svc.cluster.local cluster.local`,
//   `nameserver 10.96.0.10`, `options ndots:5`), and /etc/hosts with kubelet's "Kubernetes-managed hosts file." header
//   and the pod's own IP and name (pkg/kubelet/kubelet_pods.go);
// - a node's Ubuntu files (systemd-resolved stub resolver) and the CNI's own config
//   (/etc/cni/net.d and the like, see cni-config-files.ts);
// - files a program in the pod keeps writing: ingress-nginx's /etc/nginx/nginx.conf (nginx-conf.ts).

import type { Cluster } from '../../cluster/cluster';
import { ingressControllerOf } from '../../cluster/ingress-status';
import type { Pod, Service } from '../../kube/types';
import { servedIngresses } from '../../dataplane/ingress/controller';
import { confChecksum, NGINX_CONF_PATH, renderNginxConf } from '../../dataplane/ingress/nginx-conf';
import { serviceEnvironment } from '../../cluster/service-env';
import { OS_IMAGE } from '../../cluster/version';
import { cniConfigFiles, type CniTopology } from './cni-config-files';

export { CLUSTER_DNS_IP } from '../../dataplane/dns/pod-resolver';
import { CLUSTER_DNS_IP } from '../../dataplane/dns/pod-resolver';
import { effectivePolicy, podDnsSettings, renderResolvConf } from '../../dataplane/dns/pod-dns-config';
export const CLUSTER_DOMAIN = 'cluster.local';

const NODE_RESOLV = `# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
nameserver 127.0.0.53
options edns0 trust-ad
search .
`;

/**
 * systemd-resolved's list of the real uplink servers (src/resolve/resolved-resolv-conf.c's header),
 * the file kubeadm gives the kubelet as `resolvConf` on such hosts: the node network's DHCP resolver.
 */
const NODE_UPLINK_RESOLV = `# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# /etc/resolv.conf and seeing this text, you have followed the symlink.
#
# This is a dynamic resolv.conf file for connecting local clients directly to
# all known uplink DNS servers. This file lists all configured search domains.
#
# Third party programs should typically not access this file directly, but only
# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a
# different way, replace this symlink by a static file or a different symlink.
#
# See man:systemd-resolved.service(8) for details about the supported modes of
# operation for /etc/resolv.conf.

nameserver 172.18.0.1
search .
`;

/**
 * The head of procps' Debian /etc/sysctl.conf, every setting commented out (the rest of Ubuntu's
 * file is more of the same): what `sysctl -p` reads, which is not /etc/sysctl.d.
 */
const UBUNTU_SYSCTL_CONF = `#
# /etc/sysctl.conf - Configuration file for setting system variables
# See /etc/sysctl.d/ for additional system variables.
# See sysctl.conf (5) for information.
#

#kernel.domainname = example.com

# Uncomment the following to stop low-level messages on console
#kernel.printk = 3 4 1 3

##############################################################3
# Functions previously found in netbase
#

# Uncomment the next two lines to enable Spoof protection (reverse-path filter)
# Turn on Source Address Verification in all interfaces to
# prevent some spoofing attacks
#net.ipv4.conf.default.rp_filter=1
#net.ipv4.conf.all.rp_filter=1
`;

const HOSTS_TAIL = `::1	localhost ip6-localhost ip6-loopback
fe00::0	ip6-localnet
fe00::0	ip6-mcastprefix
fe00::1	ip6-allnodes
fe00::2	ip6-allrouters
`;

export interface NodeInfo {
  name: string;
  internalIP: string;
  podCIDR: string;
}

export function nodeFiles(node: NodeInfo, topology: CniTopology): Record<string, string> {
  const files: Record<string, string> = {
    '/etc/hostname': `${node.name}\n`,
    '/etc/hosts': `127.0.0.1 localhost\n${node.internalIP} ${node.name}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
    '/etc/resolv.conf': NODE_RESOLV,
    '/run/systemd/resolve/resolv.conf': NODE_UPLINK_RESOLV,
    // kubeadm's install docs ("Container Runtimes": enable IPv4 packet forwarding) write it so it persists across reboots.
    '/etc/sysctl.d/k8s.conf': 'net.ipv4.ip_forward = 1\n',
    '/etc/sysctl.conf': UBUNTU_SYSCTL_CONF,
    '/etc/os-release': `PRETTY_NAME="${OS_IMAGE}"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n`,
    '/root/.profile': '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n',
  };
  return { ...files, ...cniConfigFiles(node, topology) };
}

export function podHostname(pod: Pod): string {
  return pod.spec.hostNetwork ? pod.spec.nodeName ?? pod.metadata.name : pod.metadata.name;
}

/** What kubelet has the runtime write for the pod's dnsPolicy and dnsConfig (pod-dns-config.ts); Default without dnsConfig shows the node's own file. */
export function podResolvConf(pod: Pod, clusterDns: string = CLUSTER_DNS_IP): string {
  if (effectivePolicy(pod) === 'Default' && !pod.spec.dnsConfig) return NODE_RESOLV;
  return renderResolvConf(podDnsSettings(pod, clusterDns));
}

/** `clusterDns`: kubelet's clusterDNS when it wrote the pod's files (kubeletClusterDns). */
export function podFiles(pod: Pod, node: NodeInfo | undefined, topology: CniTopology, clusterDns: string = CLUSTER_DNS_IP): Record<string, string> {
  if (pod.spec.hostNetwork && node) return { ...nodeFiles(node, topology), '/etc/resolv.conf': podResolvConf(pod, clusterDns) };
  const hostname = podHostname(pod);
  return {
    '/etc/hostname': `${hostname}\n`,
    '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1	localhost\n${HOSTS_TAIL}${pod.status.podIP ? `${pod.status.podIP}	${hostname}\n` : ''}`,
    '/etc/resolv.conf': podResolvConf(pod, clusterDns),
  };
}

/**
 * Writes the files the pod's own program keeps current into `files`: in an ingress-nginx controller,
 * nginx.conf for the Ingresses of its class. Like the controller, it writes only when the
 * configuration changed (the checksum line differs), so a learner's edit stays until the next change.
 */
export function refreshProgramFiles(files: Record<string, string>, pod: Pod, cluster: Cluster): void {
  const info = ingressControllerOf(pod);
  if (info?.kind !== 'nginx') return;
  const node = pod.spec.nodeName ? cluster.get('nodes', undefined, pod.spec.nodeName) : undefined;
  const conf = renderNginxConf(servedIngresses(cluster, info), { workerProcesses: Number(node?.status.capacity.cpu ?? 1) || 1, resolver: CLUSTER_DNS_IP });
  if (files[NGINX_CONF_PATH] === undefined || confChecksum(files[NGINX_CONF_PATH]) !== confChecksum(conf)) files[NGINX_CONF_PATH] = conf;
}

/** The environment kubelet gives a container: its own env, then the Services' variables it does not set itself (service-env.ts). */
export function podEnv(pod: Pod, container: string, account: { user: string; home: string }, workdir: string, services: readonly Service[]): Record<string, string> {
  const { home } = account;
  const c = pod.spec.containers.find((x) => x.name === container);
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: podHostname(pod),
    HOME: home,
    PWD: workdir,
    USER: account.user,
    TERM: 'xterm',
  };
  for (const e of c?.env ?? []) env[e.name] = e.value ?? '';
  const started = pod.status.containerStatuses?.find((s) => s.name === container)?.state.running?.startedAt;
  for (const [k, v] of Object.entries(serviceEnvironment(pod, services, started))) if (!Object.hasOwn(env, k)) env[k] = v;
  return env;
}

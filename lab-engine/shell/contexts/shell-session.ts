// The stack of shells a learner is in: the workstation at the bottom, then e.g. `ssh node-1`, or
// `kubectl exec -it pod -- sh` (any nesting the toolsets allow). Each location has
// its own command set, files (/etc/hostname, /etc/hosts, /etc/resolv.conf...), environment and
// prompt; entering swaps them into the interpreter, leaving restores what was there. The stack
// and every location's files are plain JSON in the simulation snapshot.

import type { Cluster } from '../../cluster/cluster';
import { kubeletClusterDns } from '../../dataplane/dns/pod-dns-config';
import type { Pod } from '../../kube/types';
import type { TopologyOptions } from '../../core/topology';
import type { Network } from '../../dataplane/packet/network';
import type { BridgePortFlags } from '../../dataplane/cni/bridge-ports';
import { nodeSysfs } from './node-sysfs';
import { netClassSysfs } from './net-class-sysfs';
import type { PacketWorld } from '../../dataplane/packet/world';
import type { Dataplane, Netns } from '../../dataplane/netns/types';
import type { HandError, HandOp } from '../../dataplane/netns/hand-built';
import type { ShellCommand } from '../command-types';
import type { InterpreterServices, ShellState } from '../interpreter';
import { combineKernelFiles, VirtualFs } from '../virtual-fs';
import { procSysFiles } from './proc-sys';
import { nodeFiles, podEnv, podFiles, podHostname, refreshProgramFiles, type NodeInfo } from './context-files';
import { locationKey, type PortForward, type ShellLocation, type ShellSession, type ShownWalk } from './location';
import { commandMap, NODE_TOOLSET, toolsetForImage, type ShellFlavour, type Toolset } from './toolsets';

export interface ContextFrame {
  location: ShellLocation;
  /** The environment of the shell below, restored on leave. */
  savedEnv: Record<string, string>;
  /** Entered to run one command only (see ShellSession.enter). */
  oneShot?: boolean;
}

export interface ContextSnapshot {
  frames: ContextFrame[];
  /** Files per node (`node/<name>`) and per pod sandbox (`pod/<ns>/<name>/<uid>`). */
  files: Record<string, Record<string, string>>;
}

export interface SessionWiring {
  topology: TopologyOptions;
  cluster: Cluster;
  state: ShellState;
  /** The interpreter's services object; its `commands` and `fs` are swapped as locations change. */
  services: InterpreterServices;
  workstation: { commands: ReadonlyMap<string, ShellCommand>; fs: VirtualFs };
  /** Every implemented command by name (what toolsets resolve against). */
  implemented: ReadonlyMap<string, ShellCommand>;
  /** Commands that differ by place: iproute2 vs BusyBox `ip`, and the context commands (exit). */
  variants: { ip: ShellCommand; busyboxIp: ShellCommand; contextCommands: readonly ShellCommand[] };
  /** The simulation's network: dataplane, node kernels, packet probes. */
  network: Network;
  /** Where `trace` walks go to be drawn; absent, they are only printed. */
  onWalk?: (walk: ShownWalk) => void;
}

export const NODE_ROOT_HOME = '/root';

export class ShellSessionImpl implements ShellSession {
  readonly topology: TopologyOptions;
  readonly portForwards = new Map<number, PortForward>();
  private readonly frames: ContextFrame[];
  private readonly files: Record<string, Record<string, string>>;

  constructor(private readonly w: SessionWiring, snap?: ContextSnapshot) {
    this.topology = w.topology;
    this.frames = snap?.frames ?? [];
    this.files = snap?.files ?? {};
    this.apply();
  }

  toJSON(): ContextSnapshot {
    return { frames: this.frames, files: this.files };
  }

  /** A node's files as they are now, learner's edits included; undefined until someone first entered the node. */
  nodeFiles(node: string): Readonly<Record<string, string>> | undefined {
    return this.files[`node/${node}`];
  }

  location(): ShellLocation {
    return this.frames.length ? this.frames[this.frames.length - 1].location : { kind: 'workstation' };
  }

  depth(): number {
    return this.frames.length + 1;
  }

  dataplane(): Dataplane {
    return this.w.network.dataplane();
  }

  network(): PacketWorld {
    return this.w.network.world();
  }

  showWalk(walk: ShownWalk): void {
    this.w.onWalk?.(walk);
  }

  setBridgePort(dev: string, flags: Partial<BridgePortFlags>): boolean {
    const ns = this.netns();
    return ns?.kind === 'node' ? this.w.network.setPortFlags(ns.node, dev, flags) : false;
  }

  changeNetwork(op: HandOp): HandError | undefined {
    const loc = this.location();
    return loc.kind === 'node' ? this.w.network.changeByHand(loc.node, op) : { error: 'not-supported' };
  }

  netns(): Netns | undefined {
    const loc = this.location();
    switch (loc.kind) {
      case 'workstation':
        return undefined;
      case 'node':
        return loc.netns === undefined ? this.dataplane().nodes[loc.node] : this.dataplane().named?.[`${loc.node}/${loc.netns}`];
      case 'pod': {
        const pod = this.w.cluster.get('pods', loc.namespace, loc.pod);
        if (!pod) return undefined;
        if (pod.spec.hostNetwork) return pod.spec.nodeName ? this.dataplane().nodes[pod.spec.nodeName] : undefined;
        return this.dataplane().pods[`${loc.namespace}/${loc.pod}`];
      }
      default: {
        const never: never = loc;
        return never;
      }
    }
  }

  enter(loc: ShellLocation, opts: { oneShot?: boolean } = {}): void {
    this.frames.push({ location: loc, savedEnv: { ...this.w.state.env }, ...(opts.oneShot ? { oneShot: true } : {}) });
    replaceEnv(this.w.state.env, this.envFor(loc));
    this.apply();
  }

  /**
   * Leaves shells whose container is gone (pod deleted, container stopped): kubectl's stream ends
   * with "command terminated with exit code 137" and the learner is back where they typed it.
   * Returns what the terminal shows, or '' when nothing changed.
   */
  dropVanished(): string {
    let text = '';
    for (;;) {
      const loc = this.location();
      if (loc.kind !== 'pod') return text;
      const pod = this.w.cluster.get('pods', loc.namespace, loc.pod);
      const running = [...(pod?.status.containerStatuses ?? []), ...(pod?.status.ephemeralContainerStatuses ?? [])].find((c) => c.name === loc.container)?.state.running;
      if (running) return text;
      this.leave();
      text += 'command terminated with exit code 137\n';
    }
  }

  oneShot(): boolean {
    return this.frames[this.frames.length - 1]?.oneShot === true;
  }

  leave(): boolean {
    const frame = this.frames.pop();
    if (!frame) return false;
    replaceEnv(this.w.state.env, frame.savedEnv);
    this.apply();
    return true;
  }

  /** The prompt of the innermost shell; `workstationPrompt` renders the bottom one. */
  prompt(workstationPrompt: () => string): string {
    const loc = this.location();
    const env = this.w.state.env;
    const pwd = env.PWD ?? '/';
    const home = env.HOME ?? '/root';
    const tilde = pwd === home ? '~' : pwd.startsWith(`${home}/`) ? `~${pwd.slice(home.length)}` : pwd;
    switch (loc.kind) {
      case 'workstation':
        return workstationPrompt();
      case 'node':
        return `root@${loc.node}:${tilde}# `;
      case 'pod': {
        const root = (env.USER ?? 'root') === 'root';
        const mark = root ? '#' : '$';
        const flavour = this.flavour();
        switch (flavour) {
          case 'bash':
            return `${env.USER ?? 'root'}@${env.HOSTNAME ?? loc.pod}:${tilde}${mark} `;
          case 'ash':
            return `${tilde} ${mark} `;
          case 'dash':
            return `${mark} `;
          default: {
            const never: never = flavour;
            return never;
          }
        }
      }
      default: {
        const never: never = loc;
        return never;
      }
    }
  }

  /** What the current shell says for a program it cannot find. */
  notFound(name: string): string {
    const flavour = this.flavour();
    switch (flavour) {
      case 'bash':
        return `bash: ${name}: command not found\n`;
      case 'dash':
        return `sh: 1: ${name}: not found\n`;
      case 'ash':
        return `sh: ${name}: not found\n`;
      default: {
        const never: never = flavour;
        return never;
      }
    }
  }

  /** The toolset of a pod's container (for `kubectl exec` to check a program exists). */
  podToolset(pod: Pod, container: string): Toolset {
    // `kubectl debug` shells run in an ephemeral container, with its own image's tools.
    const c = [...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].find((x) => x.name === container);
    return toolsetForImage(c?.image ?? '');
  }

  private flavour(): ShellFlavour {
    const loc = this.location();
    if (loc.kind !== 'pod') return 'bash';
    const shell = (loc.shell ?? 'sh').replace(/^.*\//, '');
    if (shell === 'bash' || shell === 'dash' || shell === 'ash') return shell;
    const pod = this.w.cluster.get('pods', loc.namespace, loc.pod);
    return (pod && this.podToolset(pod, loc.container).shells[0]) || 'ash';
  }

  /** A hostPath `/` volume (`kubectl debug node/...` mounts it at /host): the node's files under the mount path. */
  private hostRootFiles(pod: Pod): Record<string, string> {
    const volume = (pod.spec.volumes ?? []).find((v) => (v as { hostPath?: { path?: string } }).hostPath?.path === '/') as { name: string } | undefined;
    const mount = volume && pod.spec.containers[0]?.volumeMounts?.find((m) => m.name === volume.name)?.mountPath;
    const info = mount && pod.spec.nodeName ? this.nodeInfo(pod.spec.nodeName) : undefined;
    if (!mount || !info) return {};
    return Object.fromEntries(Object.entries(nodeFiles(info, this.topology)).map(([path, text]) => [`${mount}${path}`, text]));
  }

  private nodeInfo(name: string): NodeInfo | undefined {
    const n = this.w.cluster.get('nodes', undefined, name);
    if (!n) return undefined;
    return { name, internalIP: n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '', podCIDR: n.spec.podCIDR };
  }

  private envFor(loc: ShellLocation): Record<string, string> {
    switch (loc.kind) {
      case 'workstation':
        return { ...this.w.state.env };
      case 'node':
        return { HOME: NODE_ROOT_HOME, USER: 'root', LOGNAME: 'root', PWD: NODE_ROOT_HOME, SHELL: '/bin/bash', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TERM: 'xterm-256color', HOSTNAME: loc.node };
      case 'pod': {
        const pod = this.w.cluster.get('pods', loc.namespace, loc.pod);
        if (!pod) return { PWD: '/', HOME: '/root' };
        const t = this.podToolset(pod, loc.container);
        const home = t.home ?? (t.user === 'root' ? '/root' : `/home/${t.user}`);
        return podEnv(pod, loc.container, { user: t.user, home }, t.workdir, this.w.cluster.list('services'));
      }
      default: {
        const never: never = loc;
        return never;
      }
    }
  }

  /** Files of a location, created as their owners write them the first time it is entered. */
  private filesFor(loc: ShellLocation): Record<string, string> | undefined {
    switch (loc.kind) {
      case 'workstation':
        return undefined;
      case 'node': {
        const key = `node/${loc.node}`;
        const info = this.nodeInfo(loc.node);
        if (!this.files[key] && info) this.files[key] = nodeFiles(info, this.topology);
        return this.files[key] ?? {};
      }
      case 'pod': {
        const pod = this.w.cluster.get('pods', loc.namespace, loc.pod);
        if (!pod) return {};
        const key = `pod/${loc.namespace}/${loc.pod}/${pod.metadata.uid}`;
        this.files[key] ??= { ...podFiles(pod, pod.spec.nodeName ? this.nodeInfo(pod.spec.nodeName) : undefined, this.topology, kubeletClusterDns(this.w.cluster)), ...this.hostRootFiles(pod) };
        refreshProgramFiles(this.files[key], pod, this.w.cluster);
        return this.files[key];
      }
      default: {
        const never: never = loc;
        return never;
      }
    }
  }

  /** A node's /proc/sys files, served from its sysctl store and conntrack table. */
  private procSys(node: string) {
    return procSysFiles(node, () => this.w.network.nodes.sysctls, () => this.w.network.nodes.conntrack(node).count(this.w.cluster.now()));
  }

  /** Puts the innermost location's commands and files into the interpreter. */
  private apply(): void {
    const loc = this.location();
    const s = this.w.services;
    if (loc.kind === 'workstation') {
      s.commands = this.w.workstation.commands;
      s.fs = this.w.workstation.fs;
      return;
    }
    let toolset = NODE_TOOLSET;
    if (loc.kind === 'pod') {
      const pod = this.w.cluster.get('pods', loc.namespace, loc.pod);
      toolset = pod ? this.podToolset(pod, loc.container) : toolset;
    }
    const ip = toolset.busyboxIp ? this.w.variants.busyboxIp : this.w.variants.ip;
    const names = toolset.programs.filter((p) => p !== 'ip');
    const commands = commandMap(names, this.w.implemented, [...(toolset.programs.includes('ip') ? [ip] : []), ...this.w.variants.contextCommands]);
    s.commands = commands;
    // A node's shell also sees kernel files read from the live model: the bridge ports' sysfs attributes and /proc/sys.
    // A pod's shell sees its own netns's /sys/class/net attributes too (`cat /sys/class/net/eth0/iflink`).
    const netClass = netClassSysfs(() => this.netns());
    s.fs = new VirtualFs(this.filesFor(loc), loc.kind === 'node' ? combineKernelFiles(nodeSysfs(() => this.netns(), (dev, flags) => this.setBridgePort(dev, flags)), netClass, this.procSys(loc.node)) : netClass);
  }
}

function replaceEnv(target: Record<string, string>, next: Record<string, string>): void {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, next);
}

export { locationKey, podHostname };

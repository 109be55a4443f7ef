// The bridge ports' own flags, which outlive a dataplane rebuild: the reference bridge plugin
// sets a pod veth's hairpin_mode once, from its config's `hairpinMode`, when the container
// runtime calls CNI ADD for the pod's sandbox; editing /etc/cni/net.d afterwards changes nothing
// for that veth, only for sandboxes created later, while `bridge link set dev <veth> hairpin on`
// (or kubelet's hairpin-veth mode writing /sys/class/net/<veth>/brport/hairpin_mode) changes the
// live port. So the flag is recorded per sandbox, keyed like the sandbox's veth name (PodView.uid),
// and kept in the session snapshot. A plugin that reads the veth MTU from its config (Calico's
// conflist `"mtu"`) records it the same way, with or without a bridge.
// Which file the runtime hands the plugin: libcni's ConfFiles + LoadConfList, the first
// `.conf`, `.conflist` or `.json` in /etc/cni/net.d by name (containerd's cni conf loader).
// Sources: containernetworking/plugins plugins/main/bridge (`hairpinMode`, netlink.LinkSetHairpin),
// containernetworking/cni libcni/conf.go.

/** What the bridge plugin set on a pod's veth port, and what has been changed on it since. */
export interface BridgePortFlags {
  hairpin: boolean;
  /** `bridge link set dev <veth> isolated on`: set only by hand (no CNI config sets it); absent: off. */
  isolated?: boolean;
  /** The veth pair's MTU the CNI config set at CNI ADD (a plugin's `vethMtu`); absent: the plugin's default. */
  mtu?: number;
}

/** Keyed by the sandbox (PodView.uid); plain JSON for the snapshot. */
export type BridgePortsState = Record<string, BridgePortFlags>;

export const CNI_CONF_DIR = '/etc/cni/net.d';
const CONF_EXTENSIONS = ['.conf', '.conflist', '.json'];

/**
 * The network configuration the runtime uses on a node: the first config file by name in
 * /etc/cni/net.d, parsed. Undefined when there is none or it is not JSON (the runtime then
 * refuses to set up pods; that failure is not modelled, and the plugin's default stands).
 */
export function activeCniConfig(files: Readonly<Record<string, string>>): Record<string, unknown> | undefined {
  const path = Object.keys(files)
    .filter((p) => p.startsWith(`${CNI_CONF_DIR}/`) && !p.slice(CNI_CONF_DIR.length + 1).includes('/') && CONF_EXTENSIONS.some((e) => p.endsWith(e)))
    .sort()[0];
  if (!path) return undefined;
  try {
    const parsed: unknown = JSON.parse(files[path]);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The conflist's plugin entries (a single `.conf` is its own one entry). */
export function pluginEntries(config: Record<string, unknown>): Record<string, unknown>[] {
  const plugins = Array.isArray(config.plugins) ? (config.plugins as unknown[]) : [config];
  return plugins.filter((p): p is Record<string, unknown> => !!p && typeof p === 'object' && !Array.isArray(p));
}

/** The bridge plugin's `hairpinMode`: only the JSON `true` turns it on (the Go struct's bool; absent is false). */
export function hairpinModeOf(entry: Record<string, unknown> | undefined): boolean {
  return entry?.hairpinMode === true;
}

export class BridgePorts {
  private state: BridgePortsState;
  private changes = 0;

  constructor(state: BridgePortsState = {}) {
    this.state = { ...state };
  }

  /** Grows whenever a live port's flag changes (the dataplane cache rebuilds on it). */
  revision(): number {
    return this.changes;
  }

  flags(sandbox: string): BridgePortFlags | undefined {
    return this.state[sandbox];
  }

  /** CNI ADD: the flags the plugin set when it created the sandbox's veth; a sandbox already recorded keeps its own. */
  created(sandbox: string, flags: BridgePortFlags): BridgePortFlags {
    return (this.state[sandbox] ??= { ...flags });
  }

  /** `bridge link set`: changes a live port. */
  set(sandbox: string, flags: Partial<BridgePortFlags>): void {
    const now = this.state[sandbox];
    if (!now) return;
    this.state[sandbox] = { ...now, ...flags };
    this.changes++;
  }

  toJSON(): BridgePortsState {
    return structuredClone(this.state);
  }

  restore(state: BridgePortsState): void {
    this.state = { ...structuredClone(state) };
    this.changes++;
  }
}

// Which programs exist where. A node is an Ubuntu server with the Kubernetes node tools; a pod
// has what its image ships, which its profile says (dataplane/apps/images/<image>.ts,
// `filesystem`): BusyBox's applets, Debian's coreutils with curl, Alpine with what the image adds;
// scratch and distroless images (and any image Flatnet does not know) have no shell at all. A CNI
// plugin's images say what they hold in their own folder (CniImage.nodeToolsWithout).
// A name listed here but not implemented yet answers with a clear "not simulated" message
// rather than pretending it does not exist. Every name is a row of the command table
// (shell/commands/index.ts) or listed in NOT_SIMULATED; shell/commands/index.test.ts checks it.

import type { ShellCommand } from '../command-types';
import { parseImageRef } from '../../cluster/images';
import { NODE_TOOLSET, type ShellFlavour, type Toolset } from '../../dataplane/apps/filesystems';
import { imageFilesystem } from '../../dataplane/apps/images';
import { CNI_IMAGES } from '../../dataplane/cni';

export { NODE_TOOLSET, type ShellFlavour, type Toolset } from '../../dataplane/apps/filesystems';

/** Programs images and nodes ship that the shell does not implement (they answer "not simulated"). */
export const NOT_SIMULATED: ReadonlySet<string> = new Set(['netstat', 'ifconfig', 'route', 'arp', 'nmap', 'iperf3', 'mtr', 'diff', 'dumb-init', '/dbg', '/wait-shutdown']);

const NONE: Toolset = { programs: [], shells: [], busyboxIp: false, workdir: '/', user: 'root' };

export function toolsetForImage(image: string): Toolset {
  const ref = parseImageRef(image);
  if (!ref) return NONE;
  return imageFilesystem(ref)?.toolset ?? cniToolset(ref.repository) ?? NONE;
}

/** A CNI plugin's image with a shell: the node's programs less those the plugin says it leaves out. */
function cniToolset(repository: string): Toolset | undefined {
  const without = CNI_IMAGES.find((image) => image.repository === repository)?.nodeToolsWithout;
  return without ? { ...NODE_TOOLSET, programs: NODE_TOOLSET.programs.filter((p) => !without.includes(p)) } : undefined;
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

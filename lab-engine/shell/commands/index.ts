// Every command the simulated shells know, in one table: its name, where it is on $PATH, and how
// to load it. Nothing here imports a command: each row's `load` import()s its folder the first
// time the command runs, so an idle labsh pays for none of them (and the bundle splits them into
// chunks of their own). The registry (../command-registry.ts) turns rows into the commands the
// interpreter runs; which images ship which programs stays in ../contexts/toolsets.ts, whose
// names index.test.ts checks against this table's.
//
// To add a command: one folder `./<name>/<name>.ts` exporting a ShellCommand, and one row here.

import type { ShellCommand } from '../command-types';

/**
 * Where a command is on $PATH.
 * - `workstation`: the learner's machine, and every node or image whose toolset lists it;
 * - `toolsets`: only where a node's or an image's toolset lists it (never the workstation);
 * - `every-shell`: every shell, the workstation's and each nested one (the way back out).
 */
export type CommandPlace = 'workstation' | 'toolsets' | 'every-shell';

export interface CommandRow {
  readonly name: string;
  readonly where: CommandPlace;
  /** The implementation, imported on first use. */
  readonly load: () => Promise<ShellCommand>;
  /** BusyBox's applet of the same name, for images whose toolset says so (only `ip` words itself differently enough). */
  readonly busybox?: () => Promise<ShellCommand>;
}

// The network tools read the node's kernel through resolvers, handed in when they load.
const views = () => import('./node-kernel-views');

/** In the order the workstation lists them (`which`, Tab completion). */
export const COMMAND_TABLE = [
  { name: 'cat', where: 'workstation', load: async () => (await import('./cat/cat')).cat },
  { name: 'clear', where: 'workstation', load: async () => (await import('./clear/clear')).clear },
  { name: 'echo', where: 'workstation', load: async () => (await import('./echo/echo')).echo },
  { name: 'false', where: 'workstation', load: async () => (await import('./true/true')).falseCommand },
  { name: 'grep', where: 'workstation', load: async () => (await import('./grep/grep')).grep },
  { name: 'head', where: 'workstation', load: async () => (await import('./head/head')).head },
  { name: 'history', where: 'workstation', load: async () => (await import('./history/history')).history },
  { name: 'kubectl', where: 'workstation', load: async () => (await import('./kubectl/kubectl')).kubectl },
  { name: 'sleep', where: 'workstation', load: async () => (await import('./sleep/sleep')).sleep },
  { name: 'tail', where: 'workstation', load: async () => (await import('./head/head')).tail },
  { name: 'true', where: 'workstation', load: async () => (await import('./true/true')).trueCommand },
  { name: 'wc', where: 'workstation', load: async () => (await import('./wc/wc')).wc },
  { name: 'awk', where: 'workstation', load: async () => (await import('./awk/awk')).awk },
  { name: 'base64', where: 'workstation', load: async () => (await import('./base64/base64')).base64 },
  { name: '[', where: 'workstation', load: async () => (await import('./test/test')).bracketCommand },
  { name: ':', where: 'workstation', load: async () => (await import('./test/test')).colonCommand },
  { name: 'cut', where: 'workstation', load: async () => (await import('./cut/cut')).cut },
  { name: 'env', where: 'workstation', load: async () => (await import('./env/env')).env },
  { name: 'jq', where: 'workstation', load: async () => (await import('./jq/jq')).jq },
  { name: 'ls', where: 'workstation', load: async () => (await import('./ls/ls')).ls },
  { name: 'nano', where: 'workstation', load: async () => (await import('./nano/nano')).nano },
  { name: 'printenv', where: 'workstation', load: async () => (await import('./env/env')).printenv },
  { name: 'printf', where: 'workstation', load: async () => (await import('./printf/printf')).printf },
  { name: 'sed', where: 'workstation', load: async () => (await import('./sed/sed')).sedCommand },
  { name: 'seq', where: 'workstation', load: async () => (await import('./seq/seq')).seq },
  { name: 'sort', where: 'workstation', load: async () => (await import('./sort/sort')).sort },
  { name: 'tee', where: 'workstation', load: async () => (await import('./tee/tee')).tee },
  { name: 'test', where: 'workstation', load: async () => (await import('./test/test')).testCommand },
  { name: 'tr', where: 'workstation', load: async () => (await import('./tr/tr')).tr },
  { name: 'uniq', where: 'workstation', load: async () => (await import('./uniq/uniq')).uniq },
  { name: 'vi', where: 'workstation', load: async () => (await import('./vi/vi')).vi },
  { name: 'vim', where: 'workstation', load: async () => (await import('./vi/vi')).vim },
  { name: 'watch', where: 'workstation', load: async () => (await import('./watch/watch')).watch },
  { name: 'yes', where: 'workstation', load: async () => (await import('./yes/yes')).yes },
  { name: 'ssh', where: 'workstation', load: async () => (await import('./ssh/ssh')).ssh },
  { name: 'hostname', where: 'workstation', load: async () => (await import('./hostname/hostname')).hostname },
  { name: 'trace', where: 'workstation', load: async () => (await import('./trace/trace')).trace },
  { name: 'curl', where: 'workstation', load: async () => (await import('./curl/curl')).curl },
  { name: 'openssl', where: 'workstation', load: async () => (await import('./openssl/openssl')).openssl },
  { name: 'ping', where: 'workstation', load: async () => (await import('./ping/ping')).ping },
  { name: 'answer', where: 'workstation', load: async () => (await import('./answer/answer')).answer },
  { name: 'exit', where: 'every-shell', load: async () => (await import('../contexts/exit-command')).exit },
  { name: 'logout', where: 'every-shell', load: async () => (await import('../contexts/exit-command')).logout },
  { name: 'sudo', where: 'workstation', load: async () => (await import('./sudo/sudo')).sudo },
  { name: 'xargs', where: 'workstation', load: async () => (await import('./xargs/xargs')).xargs },
  { name: 'basename', where: 'workstation', load: async () => (await import('./basename/basename')).basename },
  { name: 'column', where: 'workstation', load: async () => (await import('./column/column')).column },
  { name: 'date', where: 'workstation', load: async () => (await import('./date/date')).date },
  { name: 'dirname', where: 'workstation', load: async () => (await import('./dirname/dirname')).dirname },
  { name: 'id', where: 'workstation', load: async () => (await import('./id/id')).id },
  { name: 'nc', where: 'workstation', load: async () => (await import('./nc/nc')).nc },
  { name: 'paste', where: 'workstation', load: async () => (await import('./paste/paste')).paste },
  // `which` answers on the workstation from this very table.
  { name: 'which', where: 'workstation', load: async () => (await import('./which/which')).createWhichCommand(workstationCommandNames) },
  { name: 'whoami', where: 'workstation', load: async () => (await import('./whoami/whoami')).whoami },
  { name: 'gcloud', where: 'workstation', load: async () => (await import('./gcloud/gcloud')).gcloud },
  {
    name: 'ip',
    where: 'toolsets',
    load: async () => (await import('./ip/ip')).ip,
    busybox: async () => (await import('./ip/ip')).busyboxIp,
  },
  { name: 'bridge', where: 'toolsets', load: async () => (await import('./bridge/bridge')).bridge },
  { name: 'wget', where: 'toolsets', load: async () => (await import('./wget/wget')).wget },
  { name: 'tcpdump', where: 'toolsets', load: async () => (await import('./tcpdump/tcpdump')).tcpdump },
  { name: 'dig', where: 'toolsets', load: async () => (await import('./dns/dig')).dig },
  { name: 'host', where: 'toolsets', load: async () => (await import('./dns/host')).host },
  { name: 'nslookup', where: 'toolsets', load: async () => (await import('./dns/nslookup')).nslookup },
  { name: 'ss', where: 'toolsets', load: async () => (await import('./ss/ss')).ss },
  { name: 'traceroute', where: 'toolsets', load: async () => (await import('./traceroute/traceroute')).traceroute },
  { name: 'nginx', where: 'toolsets', load: async () => (await import('./nginx/nginx')).nginx },
  { name: '/nginx-ingress-controller', where: 'toolsets', load: async () => (await import('./nginx-ingress-controller/nginx-ingress-controller')).nginxIngressController },
  { name: 'iptables', where: 'toolsets', load: async () => (await import('./iptables/command')).createIptablesCommand((await views()).nodeNetfilter) },
  { name: 'iptables-save', where: 'toolsets', load: async () => (await import('./iptables/command')).createIptablesSaveCommand((await views()).nodeNetfilter) },
  { name: 'ipvsadm', where: 'toolsets', load: async () => (await import('./ipvsadm/command')).createIpvsadmCommand((await views()).nodeIpvs, (await views()).nodeIpvsStats) },
  { name: 'nft', where: 'toolsets', load: async () => (await import('./nft/command')).createNftCommand((await views()).nodeNftables) },
  { name: 'ipset', where: 'toolsets', load: async () => (await import('./ipset/command')).createIpsetCommand((await views()).nodeIpsets) },
  { name: 'agnhost', where: 'toolsets', load: async () => (await import('./agnhost/agnhost')).agnhost },
  { name: '/agnhost', where: 'toolsets', load: async () => ({ ...(await import('./agnhost/agnhost')).agnhost, name: '/agnhost' }) },
  { name: 'systemctl', where: 'toolsets', load: async () => (await import('./systemctl/systemctl')).systemctl },
  { name: 'ps', where: 'toolsets', load: async () => (await import('./ps/ps')).ps },
  { name: 'sysctl', where: 'toolsets', load: async () => (await import('./sysctl/sysctl')).sysctl },
  { name: 'crictl', where: 'toolsets', load: async () => (await import('./crictl/crictl')).crictl },
  { name: 'calicoctl', where: 'toolsets', load: async () => (await import('./calicoctl/calicoctl')).calicoctl },
  { name: 'wg', where: 'toolsets', load: async () => (await import('./wg/wg')).wg },
  { name: 'conntrack', where: 'toolsets', load: async () => (await import('./conntrack/conntrack')).createConntrackCommand((await views()).nodeConntrack) },
  { name: 'dmesg', where: 'toolsets', load: async () => (await import('./dmesg/dmesg')).createDmesgCommand((await views()).nodeKernelLog) },
] as const satisfies readonly CommandRow[];

/** Whether a command is on the learner's workstation. */
export function onWorkstation(row: CommandRow): boolean {
  return row.where !== 'toolsets';
}

/** The workstation's programs, in the table's order. */
export function workstationCommandNames(): string[] {
  return COMMAND_TABLE.filter(onWorkstation).map((row) => row.name);
}

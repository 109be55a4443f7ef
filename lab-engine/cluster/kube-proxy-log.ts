// What kube-proxy v1.34 writes to its container log when it starts, as klog structured lines:
// which proxier it uses (cmd/kube-proxy/app/server_linux.go createProxier: "Using iptables
// Proxier", "Using ipvs Proxier", "Using nftables Proxier"; platformApplyDefaults says "Using
// iptables proxy" first when `mode` is empty), or — for a mode validation refuses — the one line
// component-base's cli.Run logs before exiting 1 (pkg/proxy/apis/config/validation
// validateProxyModeLinux's text, wrapped "failed validate: " by server.go's RunE), or for a
// kubeconfig that is not there, RunE's "Error running ProxyServer" and cli.Run's "command failed"
// with client-go's stat error (as a v1.28-era crash-looping kube-proxy logs it). The file:line
// of each call is taken from v1.34-era logs and the stored sources; they are close, not sacred.

import { KUBERNETES_VERSION } from './version';
import { kubeProxyConntrackMax } from '../core/kube-proxy-conntrack';

/** klog's header: `I1206 03:16:29.123456       1 file:line] `. */
function header(level: 'I' | 'W' | 'E', at: number, micros: number, where: string): string {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const usec = p(d.getUTCMilliseconds() * 1000 + micros, 6);
  return `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${usec}       1 ${where}] `;
}

/** The text validateProxyModeLinux gives for `mode` (sets.List sorts the valid modes). */
export function proxyModeValidationError(mode: string): string {
  return `KubeProxyConfiguration.Mode.ProxyMode: Invalid value: "${mode}": must be iptables, ipvs, nftables or blank (blank means the best-available proxy [currently iptables])`;
}

const quote = (s: string) => JSON.stringify(s);

/** The log of one start; `runFailure` is the error newProxyServer returned (a kubeconfig that is not there), logged twice as Run fails. */
export function kubeProxyLog(mode: string, nodeIP: string, startedAtMs: number, runFailure?: string): { at: number; line: string }[] {
  const lines: string[] = [];
  let step = 0;
  const log = (level: 'I' | 'W' | 'E', where: string, text: string) => {
    step += 1;
    lines.push(header(level, startedAtMs + step * 3, 100 + step * 37, where) + text);
  };
  if (mode !== '' && mode !== 'iptables' && mode !== 'ipvs' && mode !== 'nftables') {
    log('E', 'run.go:72', `"command failed" err=${quote(`failed validate: ${proxyModeValidationError(mode)}`)}`);
    return lines.map((line) => ({ at: startedAtMs, line }));
  }
  const effective = mode === '' ? 'iptables' : mode;
  if (mode === '') log('I', 'server_linux.go:53', '"Using iptables proxy"');
  if (runFailure !== undefined) {
    // NewProxyCommand's RunE logs the error, returns it, and cli.Run logs it again as it exits 1.
    log('E', 'server.go:142', `"Error running ProxyServer" err=${quote(runFailure)}`);
    log('E', 'run.go:72', `"command failed" err=${quote(runFailure)}`);
    return lines.map((line) => ({ at: startedAtMs, line }));
  }
  log('I', 'server.go:218', `"Successfully retrieved NodeIPs" NodeIPs=[${quote(nodeIP)}]`);
  log('I', 'conntrack.go:57', `"Setting nf_conntrack_max" nfConntrackMax=${kubeProxyConntrackMax() ?? 0}`);
  // nftables mode defaults nodePortAddresses to `primary`; the other modes warn that it is unset.
  if (effective !== 'nftables') {
    log('E', 'server.go:255', '"Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`"');
  }
  log('I', 'server.go:264', '"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"');
  switch (effective) {
    case 'iptables':
      log('I', 'server_linux.go:109', '"Using iptables Proxier"');
      log('I', 'proxier.go:242', '"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"');
      break;
    case 'ipvs':
      log('I', 'server_linux.go:170', '"Using ipvs Proxier"');
      break;
    default:
      log('I', 'server_linux.go:231', '"Using nftables Proxier"');
  }
  log('I', 'server.go:529', `"Version info" version=${quote(KUBERNETES_VERSION)}`);
  log('I', 'server.go:531', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
  return lines.map((line) => ({ at: startedAtMs, line }));
}

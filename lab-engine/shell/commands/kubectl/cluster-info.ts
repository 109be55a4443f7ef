// kubectl cluster-info (pkg/cmd/clusterinfo): the API server's address, then every kube-system
// Service labelled kubernetes.io/cluster-service=true, reached through the API server's proxy
// (`.../services/<name>:<port name>/proxy`, or a load balancer's address). Names are green and
// links yellow, written with go-colortext's escapes exactly as kubectl writes them.

import { OutputBuilder } from '../../command-types';
import { API_SERVER_URL } from './kubeconfig';
import { OPTIONS_TRAILER, type KubectlVerb } from './verb';

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

function line(name: string, link: string): string {
  return `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
}

export const clusterInfo: KubectlVerb = {
  name: 'cluster-info',
  flags: [],
  help: `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.

Examples:
  # Print the address of the control plane and cluster services
  kubectl cluster-info

Available Commands:
  dump          Dump relevant information for debugging and diagnosis

Usage:
  kubectl cluster-info [flags] [options]

${OPTIONS_TRAILER}`,
  run(inv) {
    const out = new OutputBuilder();
    const sub = inv.args.positionals[0];
    if (sub === 'dump') return out.err('error: kubectl cluster-info dump is not simulated in Flatnet; kubectl get and kubectl logs show the same state\n').done(1);
    if (sub !== undefined) return out.err(`error: unknown command "${sub}" for "kubectl cluster-info"\n`).done(1);
    out.out(line('Kubernetes control plane', API_SERVER_URL));
    for (const svc of inv.ctx.cluster.list('services', 'kube-system')) {
      if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
      const name = svc.metadata.labels['kubernetes.io/name'] ?? svc.metadata.name;
      const ingress = svc.status.loadBalancer.ingress?.[0]?.ip;
      const port = svc.spec.ports?.[0];
      let link: string;
      if (ingress && port) link = `http://${ingress}:${port.port}`;
      else {
        const scheme = port && (port.name === 'https' || port.port === 443) ? 'https:' : '';
        const ref = port?.name ? `${scheme}${svc.metadata.name}:${port.name}` : `${scheme}${svc.metadata.name}`;
        link = `${API_SERVER_URL}/api/v1/namespaces/kube-system/services/${ref}/proxy`;
      }
      out.out(line(name, link));
    }
    return out.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n").done(0);
  },
};

// agnhost, Kubernetes' e2e test image: Alpine with bash, curl and dig, and the agnhost multi-call
// binary. `netexec` serves /hostname, /clientip (the address the server saw: after any SNAT,
// which is how masquerade becomes visible), /echo?msg= on --http-port (8080) and UDP on
// --udp-port (8081); `serve-hostname` answers with the pod name on --port (9376). Run bare, it
// prints its usage and exits 0. Published by version only: there is no `latest` tag.

import { BUSYBOX_TOOLSET } from '../filesystems';
import { httpDate, httpResponse, plainText } from '../http-response';
import type { ImageProfile } from '../image-profile';
import { isoString } from '../../../core/utc-text';

export const agnhost: ImageProfile = {
  repositories: ['registry.k8s.io/e2e-test-images/agnhost'],
  registry: { tags: ['2.39', '2.40', '2.43', '2.45', '2.47', '2.52', '2.53', '2.54', '2.55', '2.56'], pullMs: 6_000, stopMs: 300, sizeBytes: 51_372_843 },
  defaultCommand: { kind: 'exits', code: 0 },
  process: { entrypoint: '/agnhost' },
  filesystem: { userland: 'alpine', toolset: { ...BUSYBOX_TOOLSET, programs: [...BUSYBOX_TOOLSET.programs, 'curl', 'dig', 'agnhost', '/agnhost'], shells: ['ash', 'bash'] } },
  listeners: {
    kind: 'subcommand',
    process: 'agnhost',
    subcommands: {
      netexec: [
        { protocol: 'tcp', address: '*', port: { kind: 'flag', flag: 'http-port', default: 8080 } },
        { protocol: 'udp', address: '*', port: { kind: 'flag', flag: 'udp-port', default: 8081 } },
      ],
      'serve-hostname': [{ protocol: 'tcp', address: '*', port: { kind: 'flag', flag: 'port', default: 9376 } }],
    },
  },
  http: ({ pod, argv, request: req, nowMs, who }) => {
    if (argv.includes('serve-hostname')) return { request: req, response: plainText(pod.metadata.name, req.method, nowMs), servedBy: [`agnhost serve-hostname in ${who}`] };
    const [path, query = ''] = req.path.split('?');
    const params = new URLSearchParams(query);
    const body = path === '/hostname' ? pod.metadata.name : path === '/clientip' ? `${req.remoteAddr}:${req.remotePort}` : path === '/echo' ? (params.get('msg') ?? '') : path === '/' ? `NOW: ${isoString(nowMs)}` : undefined;
    if (body === undefined) return { request: req, response: httpResponse(404, 'Not Found', [['Content-Type', 'text/plain; charset=utf-8'], ['Date', httpDate(nowMs)], ['Content-Length', '19']], '404 page not found\n', req.method), servedBy: [`agnhost netexec in ${who}`] };
    return { request: req, response: plainText(body, req.method, nowMs), servedBy: [`agnhost netexec ${path} in ${who}`] };
  },
};

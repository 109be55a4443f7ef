// nginx, the Docker official image: Debian with bash and curl (no ip, ping or ps), or Alpine for
// the `-alpine` tags. It listens on 80 (and [::]:80 after its IPv6 entrypoint script), with a
// master and two workers, serves the stock default server and logs each request.

import { COREUTILS, ALPINE_CURL_TOOLSET } from '../filesystems';
import type { ImageProfile } from '../image-profile';
import { nginxAccessLog, nginxDefaultServer } from '../nginx-default-server';

const TAGS = ['latest', 'stable', 'mainline', 'alpine', 'stable-alpine', 'mainline-alpine', 'perl', '1.25', '1.25.5', '1.26', '1.26.3', '1.27', '1.27.5', '1.27-alpine', '1.28', '1.28.0', '1.28-alpine', '1.29', '1.29.1', '1.29.3', '1.29-alpine'];

export const nginx: ImageProfile = {
  repositories: ['docker.io/library/nginx'],
  // nginx quits at once on SIGTERM.
  registry: { tags: TAGS, pullMs: 4_000, stopMs: 500, sizeBytes: 72_195_292 },
  defaultCommand: { kind: 'serves' },
  process: { cmd: 'nginx: master process nginx -g daemon off;' },
  filesystem: { userland: 'gnu', toolset: { programs: [...COREUTILS, 'curl'], shells: ['dash', 'bash'], busyboxIp: false, workdir: '/', user: 'root' } },
  tagVariants: [{ tagContains: 'alpine', filesystem: { userland: 'alpine', toolset: ALPINE_CURL_TOOLSET } }],
  listeners: {
    kind: 'fixed',
    process: 'nginx',
    sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: { kind: 'fixed', port: 80 } }],
    commandReplacesServer: true,
    // The master (pid 1) and the two workers its log starts share each socket as fds 6 and 7, with nginx's backlog of 511.
    holding: { backlog: 511, workerPids: [29, 30], fd: 6, ipv6Twin: true },
  },
  http: nginxDefaultServer,
  // docker-entrypoint.sh and its scripts, then nginx's notices.
  startupLog: ({ stamp }) => [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${stamp} [notice] 1#1: using the "epoll" event method`,
    `${stamp} [notice] 1#1: nginx/1.27.3`,
    `${stamp} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
    `${stamp} [notice] 1#1: OS: Linux 6.8.0-87-generic`,
    `${stamp} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${stamp} [notice] 1#1: start worker processes`,
    `${stamp} [notice] 1#1: start worker process 29`,
    `${stamp} [notice] 1#1: start worker process 30`,
  ],
  accessLog: nginxAccessLog,
};

// What a container of a known image writes when it starts, before any request: nginx's
// docker-entrypoint and its notices, CoreDNS's banner with the zone it serves, http-echo's
// listening line, the words of an `echo` command (a Job's). `kubectl logs` prints these, then
// the lines the running program appended (nginx's access log, written by the simulated HTTP
// server per request).

import { parseImageRef } from '../../cluster/images';
import type { Container } from '../../kube/types';
import { COREDNS_VERSION } from '../../cluster/version';

export function startupLines(container: Container, startedAtMs: number): { at: number; line: string }[] {
  const ref = parseImageRef(container.image);
  const at = (ms: number) => startedAtMs + ms;
  const d = new Date(startedAtMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  switch (ref?.repository) {
    case 'docker.io/library/nginx':
      return [
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
      ].map((line) => ({ at: at(0), line }));
    case 'registry.k8s.io/coredns/coredns':
      return ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', `CoreDNS-${COREDNS_VERSION.replace(/^v/, '')}`, 'linux/amd64, go1.24.1, 707c7c1'].map((line) => ({ at: at(0), line }));
    case 'docker.io/hashicorp/http-echo': {
      const listen = [...(container.args ?? [])].find((a) => a.startsWith('-listen='))?.slice('-listen='.length) ?? ':5678';
      return [{ at: at(0), line: `${stamp} [INFO] server is listening on ${listen}` }];
    }
    default:
      return echoedLines(container).map((line) => ({ at: at(0), line }));
  }
}

/** What a Job-style command prints: `echo WORDS` or the echo statements of `sh -c 'echo hi && sleep 5'`. */
function echoedLines(container: Container): string[] {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const name = argv[0]?.split('/').pop();
  if (name === 'echo') return [argv.slice(1).join(' ')];
  if (!['sh', 'ash', 'bash'].includes(name ?? '') || argv[1] !== '-c' || argv[2] === undefined) return [];
  const out: string[] = [];
  for (const statement of argv[2].split(/&&|;|\n/)) {
    const m = /^\s*echo\s+(.*?)\s*$/.exec(statement);
    if (m) out.push(m[1].replace(/^(['"])(.*)\1$/, '$2'));
  }
  return out;
}

// What a container writes when it starts, before any request: its image profile's `startupLog`
// (nginx's docker-entrypoint and its notices, CoreDNS's banner with the zone it serves,
// http-echo's listening line), else the words of an `echo` command (a Job's). `kubectl logs`
// prints these, then the lines the running program appended (nginx's access log, written by the
// simulated HTTP server per request).

import type { Container } from '../../kube/types';
import { imageProfile } from './images';

export function startupLines(container: Container, startedAtMs: number): { at: number; line: string }[] {
  const d = new Date(startedAtMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const startupLog = imageProfile(container.image)?.startupLog;
  const lines = startupLog ? startupLog({ container, stamp }) : echoedLines(container);
  return lines.map((line) => ({ at: startedAtMs, line }));
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

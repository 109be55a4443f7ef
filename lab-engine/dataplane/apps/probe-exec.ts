// An exec probe, run against a model of the container's files. The rule (no real process runs):
// - The files a probe can see are the pod's own (/etc/hostname, /etc/hosts, /etc/resolv.conf)
//   and those the container's own `sh -c` script makes over time: `touch F`, `echo ... > F` make
//   F, `rm [-f] F` removes it, `sleep N` moves the script's clock, so the documentation's
//   `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600` is healthy for 30 s exactly.
//   The script is read up to the first statement of another kind. Files a learner writes with
//   `kubectl exec` are not seen by probes.
// - The probe command may be `cat`, `test`/`[` (-e, -f), `ls`, `stat`, `true`, `false`, `exit N`,
//   `echo`, alone or joined with `&&`, directly or through `sh -c`; a program the image does not
//   have fails as the runtime does (`executable file not found in $PATH`). Any other command the
//   image has counts as succeeding (its outcome is not modelled).
// Texts are the image's userland's (BusyBox's `cat: can't open 'F': ...`, coreutils' `cat: F: ...`).

import type { ProbeVerdict } from '../../cluster/container-prober';
import { parseImageRef } from '../../cluster/images';
import { sleepSeconds } from '../../cluster/container-program';
import type { Container, Pod } from '../../kube/types';
import { imageFilesystem, imageProfile } from './images';

const POD_FILES = ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf'];
const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
const BUILTINS = new Set(['true', 'false', 'exit', 'echo', 'test', '[', ':']);

export function runExecProbe(pod: Pod, c: Container, command: readonly string[], nowMs: number): ProbeVerdict {
  const started = Date.parse(pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running?.startedAt ?? '');
  const files = filesAt(c, Number.isFinite(started) ? nowMs - started : 0);
  const ref = parseImageRef(c.image);
  const fs = ref ? imageFilesystem(ref) : undefined;
  const known = ref ? imageProfile(ref) !== undefined : false;
  const busybox = fs ? fs.userland !== 'gnu' : true;
  const statements = probeStatements(command);
  for (const [name, ...args] of statements) {
    const program = name.split('/').pop() ?? name;
    if (known && !BUILTINS.has(program) && !(fs && (fs.toolset.programs.includes(program) || fs.toolset.shells.some((s) => s === program || program === 'sh')))) {
      return { result: 'failure', output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown` };
    }
    const outcome = runOne(program, args, files, busybox);
    if (outcome !== undefined) return outcome;
  }
  return { result: 'success' };
}

/** The probe's commands: `sh -c 'a && b'` is read as a and b; a command of its own is one statement. */
function probeStatements(command: readonly string[]): string[][] {
  const [first, flag, script] = command;
  if (first && SHELLS.has(first.split('/').pop() ?? '') && flag === '-c' && script !== undefined) {
    return script.split('&&').map(words).filter((w) => w.length > 0);
  }
  return command.length ? [[...command]] : [];
}

function words(statement: string): string[] {
  return statement.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^['"]|['"]$/g, ''));
}

/** undefined: the statement succeeded, go on; else the probe's failure. */
function runOne(program: string, args: string[], files: ReadonlySet<string>, busybox: boolean): ProbeVerdict | undefined {
  const operands = args.filter((a) => !a.startsWith('-'));
  const missing = operands.find((f) => !files.has(f));
  switch (program) {
    case 'false':
      return { result: 'failure', output: '' };
    case 'exit':
      return Number(args[0] ?? 0) === 0 ? undefined : { result: 'failure', output: '' };
    case 'cat':
      if (missing === undefined) return undefined;
      return { result: 'failure', output: busybox ? `cat: can't open '${missing}': No such file or directory` : `cat: ${missing}: No such file or directory` };
    case 'ls':
    case 'stat':
      if (missing === undefined) return undefined;
      if (program === 'stat') return { result: 'failure', output: busybox ? `stat: can't stat '${missing}': No such file or directory` : `stat: cannot statx '${missing}': No such file or directory` };
      return { result: 'failure', output: busybox ? `ls: ${missing}: No such file or directory` : `ls: cannot access '${missing}': No such file or directory` };
    case 'test':
    case '[':
      return missing === undefined || operands.filter((o) => o !== ']').every((f) => files.has(f)) ? undefined : { result: 'failure', output: '' };
    default:
      return undefined;
  }
}

/** The files the container has `elapsedMs` after it started: the pod's, and what its own script made by then. */
function filesAt(c: Container, elapsedMs: number): Set<string> {
  const files = new Set(POD_FILES);
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const shell = argv[0]?.split('/').pop() ?? '';
  if (!SHELLS.has(shell) || argv[1] !== '-c' || argv[2] === undefined) return files;
  let t = 0;
  for (const statement of argv[2].split(/&&|;|\n/)) {
    if (t > elapsedMs) break;
    const redirect = /^(.*?)\s*>>?\s*(\S+)\s*$/.exec(statement.trim());
    const [name, ...args] = words(redirect ? redirect[1] : statement);
    if (!name) continue;
    if (redirect && (name === 'echo' || name === 'printf' || name === 'date')) files.add(redirect[2]);
    else if (name === 'touch') for (const f of args.filter((a) => !a.startsWith('-'))) files.add(f);
    else if (name === 'rm') for (const f of args.filter((a) => !a.startsWith('-'))) files.delete(f);
    else if (name === 'sleep') t += (sleepSeconds(args) ?? 0) * 1000;
    else if (name !== 'mkdir' && name !== 'echo' && name !== 'true') break;
  }
  return files;
}

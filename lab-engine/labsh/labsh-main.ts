// labsh's process entry: runs main() and exits with its code. Bundled to dist/labsh.cjs; the
// gateway spawns that file directly in a pty, and bin/labsh.mjs imports it. On a worker thread
// (a session host started it for one session, session-host.ts) it runs that session instead.
//
// An error nothing caught (a timer's, a stray promise's) would otherwise end the process with a
// Node stack trace full of server paths; in an interactive shell it is told in one line and the
// shell goes on, since ending it would cost the learner their session.

import { isMainThread } from 'node:worker_threads';
import { main } from './labsh';
import { containedErrorLine } from './contained-error';
import { runSessionWorker } from './session-worker';
import { closeInheritedPtyMasters } from './inherited-fds';

if (isMainThread) runProcess();
else runSessionWorker();

function runProcess(): void {
  // Under the gateway (a session's pty, or a session host): other learners' pty masters must go first.
  if (process.argv.includes('--gateway') || process.argv.includes('--host')) closeInheritedPtyMasters();
  const onStray = (error: unknown) => {
    process.stderr.write(containedErrorLine(error));
    if (!process.stdin.isTTY) process.exit(1);
  };
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);

  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Scripted runs end here; interactive ones have already closed their terminal.
      process.stdout.write('', () => process.exit(code));
    },
    (error: unknown) => {
      // Under the gateway the terminal is a learner's: no server path. On the command line, the operator's: all of it.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(process.argv.includes('--gateway') ? containedErrorLine(error) : `labsh: ${message}\n`);
      process.exit(1);
    },
  );
}

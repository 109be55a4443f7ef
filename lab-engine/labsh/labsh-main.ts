// labsh's process entry: runs main() and exits with its code. Bundled to dist/labsh.cjs; the
// gateway spawns that file directly in a pty, and bin/labsh.mjs imports it.

import { main } from './labsh';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Scripted runs end here; interactive ones have already closed their terminal.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`labsh: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

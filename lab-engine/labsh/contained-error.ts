// How labsh reports an error it did not expect (an engine bug, a controller's refusal reaching the
// background clock): one line in the shell's words, never a stack trace or a path on the server.
// Whatever threw, the session goes on; the learner sees that something failed, not how the host is laid out.

/** The longest message shown; the rest of a runaway message is cut. */
const MAX_MESSAGE_CHARS = 200;

/** `labsh: internal error: <first line of the message>`, with any absolute path reduced to its last part. */
export function containedErrorLine(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const first = (raw.split('\n', 1)[0] ?? '').replace(/(?:file:\/\/)?(?:\/[\w.@+-]+){2,}/g, (path) => path.slice(path.lastIndexOf('/') + 1));
  const text = first.length > MAX_MESSAGE_CHARS ? `${first.slice(0, MAX_MESSAGE_CHARS)}…` : first;
  return `labsh: internal error: ${text || 'unknown error'}\n`;
}

/** For errors met on a timer: the same failure on every tick is told once, then again only when it changes. */
export function backgroundReporter(write: (line: string) => void): (error: unknown) => void {
  let last = '';
  return (error) => {
    const line = containedErrorLine(error);
    if (line === last) return;
    last = line;
    write(line);
  };
}

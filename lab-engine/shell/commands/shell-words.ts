// Turning an argument vector back into one shell line, for the commands that run other commands
// through the shell (`xargs`, `sudo`): each word quoted so the shell re-reads exactly that word.

/** One word, single-quoted unless it is made only of characters the shell never treats specially. */
export function quoteWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function quoteWords(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}

/** Whether a run's stderr is only the shell saying it has no program NAME (bash, dash or ash wording). */
export function isNotFound(stderr: string, name: string): boolean {
  return [`bash: ${name}: command not found\n`, `sh: 1: ${name}: not found\n`, `sh: ${name}: not found\n`].includes(stderr);
}

// Option handling shared by the openssl sub-commands: OpenSSL 3's refusals and its key-generation
// progress dots.

import { OutputBuilder, type CommandOutput } from '../../command-types';

/** OpenSSL 3's answer to an option a sub-command does not know. */
export function unknownOption(command: string, option: string, withDigests: boolean): CommandOutput {
  return new OutputBuilder().err(`${command}: ${withDigests ? 'Unknown option or message digest' : 'Unknown option'}: ${option}\n${command}: Use -help for summary.\n`).done(1);
}

/** Takes the value after an option, or says it is missing as OpenSSL does. */
export function optionValue(command: string, args: readonly string[], i: number): string | CommandOutput {
  const v = args[i + 1];
  if (v === undefined) return new OutputBuilder().err(`${command}: Option -${args[i].replace(/^-+/, '')} needs a value\n${command}: Use -help for summary.\n`).done(1);
  return v;
}

/** OpenSSL's key generation progress on stderr: random-looking, but derived from the seed so a session replays the same. */
export function progressDots(seed: string): string {
  let h = 0x811c9dc5;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  const next = () => (h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0);
  const line = () => {
    let s = '';
    const parts = 3 + (next() % 5);
    for (let i = 0; i < parts; i++) s += `${'.'.repeat(1 + (next() % 9))}+`;
    return `${s}${'+'.repeat(39)}*${'.'.repeat(next() % 12)}\n`;
  };
  return line() + line();
}

// What a lesson's runnable fence may say after `run`, read once for the three places that need
// it: the remark step that turns it into a Run button (and fails the build on a mistake), the
// replay test that runs every block on the simulator, and the browser test that clicks them all.
//
//   ```sh run                                  a Run button
//   ```sh run fails                            the command is meant to fail (non-zero exit)
//   ```sh run label="List pods"                what a screen reader announces instead of the command
//   ```sh run waitFor="ready pod/web"          the next block waits until this holds (protocol/wait-condition.ts)
//   ```sh run expect='web\s+1/1\s+Running'     a regular expression the output the lesson describes matches
//
// `expect` is single-quoted (the fence reader keeps backslashes only there), and Markdown itself
// drops a backslash before punctuation in a fence's info string: write `[.]`, `[?]`, `[(]`, not
// `\.`; `\d`, `\s`, `\S`, `\w` are safe.

import { parseWaitCondition, type WaitCondition } from '../../lab-engine/protocol';
import { parseFenceMeta, type FenceMeta } from './fence-meta';

const FLAGS = new Set(['run', 'fails']);
const ATTRIBUTES = new Set(['label', 'waitFor', 'expect']);

export interface RunBlockMeta {
  mayFail: boolean;
  label?: string;
  waitFor?: WaitCondition;
  /** The text form of `waitFor`, as the Run button receives it. */
  waitForText?: string;
  expect?: RegExp;
}

export interface RunBlock extends RunBlockMeta {
  command: string;
  /** 1-based line of the fence in its file. */
  line: number;
}

export type RunMetaResult = { ok: true; meta: RunBlockMeta } | { ok: false; error: string };

/** Reads a `run` fence's meta; null when the fence is not marked `run`. */
export function readRunMeta(meta: FenceMeta): RunMetaResult | null {
  if (!meta.flags.has('run')) return null;
  for (const flag of meta.flags) {
    if (!FLAGS.has(flag)) return { ok: false, error: `unknown word "${flag}" after \`run\`; a run block takes ${[...FLAGS].join(', ')} and ${[...ATTRIBUTES].map((a) => `${a}="…"`).join(', ')}` };
  }
  for (const key of meta.attributes.keys()) {
    if (!ATTRIBUTES.has(key)) return { ok: false, error: `unknown attribute ${key}= on a run block; it takes ${[...ATTRIBUTES].join(', ')}` };
  }
  const result: RunBlockMeta = { mayFail: meta.flags.has('fails'), label: meta.attributes.get('label') };
  const waitFor = meta.attributes.get('waitFor');
  if (waitFor !== undefined) {
    const parsed = parseWaitCondition(waitFor);
    if (!parsed.ok) return { ok: false, error: `waitFor: ${parsed.error}` };
    result.waitFor = parsed.condition;
    result.waitForText = waitFor.trim();
  }
  const expected = meta.attributes.get('expect');
  if (expected !== undefined) {
    try {
      result.expect = new RegExp(expected, 'm');
    } catch (error) {
      return { ok: false, error: `expect: not a regular expression (${(error as Error).message}); write it in single quotes, expect='web\\s+1/1'` };
    }
  }
  return { ok: true, meta: result };
}

/** A fence's info string as Markdown hands it to the remark steps: backslash escapes of punctuation resolved (CommonMark 2.4). */
function unescapeInfo(info: string): string {
  return info.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Every run block of a lesson's MDX source, in order; throws with the file and line on a bad one. */
export function runBlocksOf(source: string, path: string): RunBlock[] {
  const blocks: RunBlock[] = [];
  for (const match of source.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const read = readRunMeta(parseFenceMeta(unescapeInfo(match[2])));
    if (!read) continue;
    const line = source.slice(0, match.index).split('\n').length;
    if (!read.ok) throw new Error(`${path}:${line}: ${read.error}`);
    blocks.push({ ...read.meta, command: match[3].replace(/\s+$/, ''), line });
  }
  return blocks;
}

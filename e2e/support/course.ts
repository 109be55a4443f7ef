// The course as the e2e tests walk it: every lesson under content/modules (read through the same
// manifest schema and run-fence reader the app uses), its URL, and its Run blocks in order.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModuleManifest, sandboxLabOf } from '../../app/_lessons/module-manifest';
import { runBlocksOf, type RunBlock } from '../../app/_lessons/run-blocks';
import { ROOT } from './flatnet-server';

export interface CourseLesson {
  href: string;
  title: string;
  /** The module's sandbox lab, else its first lab: the lab panel beside the lesson (none: no Run buttons). */
  labId: string | undefined;
  blocks: RunBlock[];
}

export function courseLessons(): CourseLesson[] {
  const modulesDir = join(ROOT, 'content', 'modules');
  const lessons: CourseLesson[] = [];
  for (const folder of readdirSync(modulesDir).sort()) {
    const slug = /^\d{2}-(.+)$/.exec(folder)?.[1];
    if (!slug) continue;
    const manifestPath = join(modulesDir, folder, 'module.yaml');
    const manifest = parseModuleManifest(readFileSync(manifestPath, 'utf8'), manifestPath);
    for (const entry of manifest.lessons) {
      const path = join(modulesDir, folder, entry.file);
      lessons.push({ href: `/learn/${slug}/${entry.slug}`, title: entry.title, labId: sandboxLabOf(manifest), blocks: runBlocksOf(readFileSync(path, 'utf8'), path) });
    }
  }
  return lessons;
}

/** A prompt of the learner's shell: the workstation, a node after `ssh`, a pod after `kubectl exec -it`. */
export const PROMPT = /^(?:learner@workstation|root@[\w.-]+|[\w-]+@[\w.-]+):\S*[$#] /;

/**
 * The terminal's text cut into what each command printed: for each of `commands`, in order, the
 * lines after the prompt line that shows it, up to the next prompt. Undefined for a command whose
 * prompt line is not there (it was never typed, or typed into another command).
 */
export function outputsByCommand(text: string, commands: string[]): Array<string | undefined> {
  const lines = text.split('\n');
  const outputs: Array<string | undefined> = [];
  let from = 0;
  for (const command of commands) {
    const firstLine = command.split('\n')[0];
    let at = -1;
    for (let i = from; i < lines.length; i++) {
      const prompt = PROMPT.exec(lines[i]);
      if (prompt && lines[i].slice(prompt[0].length) === firstLine) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      outputs.push(undefined);
      continue;
    }
    let end = at + 1;
    while (end < lines.length && !PROMPT.test(lines[end])) end++;
    outputs.push(lines.slice(at + 1, end).join('\n'));
    from = end;
  }
  return outputs;
}

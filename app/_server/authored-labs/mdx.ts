// Step texts written in the browser, compiled on the server after the safe-subset check
// (app/_lessons/safe-mdx.ts): no import/export, no `{expressions}`, no raw HTML with behaviour.
// Variables (`{{ns}}`) are substituted first, since `{{…}}` would otherwise read as an MDX
// expression: with the values an attempt drew, or, in the editor, with a draw for a sample seed.
// Compiled with the lessons' own steps that cost nothing to run (heading anchors, Run buttons);
// diagrams (Mermaid, ~240 ms each) are left to files in the repository.

import { bundleMDX } from 'mdx-bundler';
import { checkAuthoredMdx, type MdxIssue } from '../../_lessons/safe-mdx';
import { remarkHeadingIds } from '../../_lessons/heading-ids';
import { remarkRunnableCode } from '../../_lessons/remark-runnable-code';
import { substituteVariables } from '../../../lab-engine/labs/lab-variables';

export type { MdxIssue };

export type CompiledStep = { ok: true; code: string } | { ok: false; issues: MdxIssue[] };

const VARIABLE_REFERENCE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The text with every `{{name}}` replaced: by its value when `values` has it, else by the name
 * itself in backquotes, so an unknown reference (which lint reports at its line) never turns into
 * an expression here.
 */
export function withVariables(source: string, values: Record<string, string>): string {
  const known = substituteVariables(source, values);
  return known.replace(VARIABLE_REFERENCE, (_match, name: string) => `\`${name}\``);
}

/** The safe-subset problems of an authored step text, after variables are substituted. */
export function authoredMdxIssues(source: string, values: Record<string, string> = {}): MdxIssue[] {
  return checkAuthoredMdx(withVariables(source, values));
}

/** Checks, then compiles to mdx-bundler's function body (rendered by app/_lessons/lesson-content.tsx). */
export async function compileAuthoredMdx(source: string, values: Record<string, string> = {}): Promise<CompiledStep> {
  const text = withVariables(source, values);
  const issues = checkAuthoredMdx(text);
  if (issues.length > 0) return { ok: false, issues };
  try {
    const { code } = await bundleMDX({
      source: text,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkHeadingIds, remarkRunnableCode];
        return options;
      },
      esbuildOptions(options) {
        options.target = 'es2022';
        options.minify = true;
        options.logLevel = 'silent';
        return options;
      },
    });
    return { ok: true, code };
  } catch (error) {
    return { ok: false, issues: [{ line: lineOf(error), message: messageOf(error) }] };
  }
}

/** esbuild's first error, without the server paths it may name. */
function messageOf(error: unknown): string {
  const errors = (error as { errors?: { text: string }[] }).errors;
  const text = Array.isArray(errors) && errors[0] ? errors[0].text : error instanceof Error ? error.message : String(error);
  const cleaned = text.replace(/^Cannot process MDX file with esbuild:\s*/, '').replace(/^\d+:\d+(?:-\d+:\d+)?: /, '').replace(/\/[^\s:]+/g, '(file)');
  return `The text does not compile: ${cleaned}`;
}

function lineOf(error: unknown): number {
  const errors = (error as { errors?: { location?: { line: number } | null }[] }).errors;
  return (Array.isArray(errors) && errors[0]?.location?.line) || 1;
}

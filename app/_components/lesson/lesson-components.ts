// The vocabulary a lesson's MDX may use. Names here must match what the remark steps emit
// (Diagram, RunnableCode) and what authors write by hand (Callout, Quiz); `pre` is Markdown's own
// code block.

import type { ComponentType } from 'react';
import { Callout } from './callout';
import { CodeBlock } from './code-block';
import { Diagram } from './diagram';
import { Quiz } from './quiz';
import { RunnableCode, StaticCode } from './runnable-code';

export function lessonComponents({ hasLab }: { hasLab: boolean }): Record<string, ComponentType<never>> {
  return {
    Diagram,
    Callout,
    Quiz,
    RunnableCode: hasLab ? RunnableCode : StaticCode,
    pre: CodeBlock,
  } as Record<string, ComponentType<never>>;
}

// The vocabulary a lesson's MDX may use. Names here must match what the remark steps emit
// (Diagram, RunnableCode) and what authors write by hand (Callout, Quiz).

import type { ComponentType } from 'react';
import { Callout } from './callout';
import { Diagram } from './diagram';
import { Quiz } from './quiz';
import { RunnableCode, StaticCode } from './runnable-code';

export function lessonComponents({ hasLab }: { hasLab: boolean }): Record<string, ComponentType<never>> {
  return {
    Diagram,
    Callout,
    Quiz,
    RunnableCode: hasLab ? RunnableCode : StaticCode,
  } as Record<string, ComponentType<never>>;
}

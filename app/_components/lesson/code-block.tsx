// A lesson's ordinary code block (```text, ```yaml). Its long lines scroll sideways rather than
// wrap, since their columns mean something (routes, tables); a region that scrolls must be
// reachable by keyboard (WCAG 2.1.1, axe's scrollable-region-focusable), so the block takes focus.

import type { ComponentProps } from 'react';

export function CodeBlock(props: ComponentProps<'pre'>) {
  return <pre tabIndex={0} {...props} />;
}

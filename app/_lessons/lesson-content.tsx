// Turns a compiled lesson (mdx-bundler's function body) into React elements on the server.
// React and the JSX runtime are handed in from the app's own bundle, so the lesson renders with
// the same React as the page around it; the components map is the lesson's whole vocabulary.

import * as React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import type { ComponentType } from 'react';

type MdxComponents = Record<string, ComponentType<never>>;
type MdxContent = ComponentType<{ components?: MdxComponents }>;

const evaluated = new Map<string, MdxContent>();

export function mdxContentFromCode(code: string): MdxContent {
  let Content = evaluated.get(code);
  if (!Content) {
    // mdx-bundler's output expects these globals by name (its default jsxConfig).
    const exports = new Function('React', 'ReactDOM', '_jsx_runtime', code)(React, {}, jsxRuntime) as { default: MdxContent };
    Content = exports.default;
    evaluated.set(code, Content);
  }
  return Content;
}

export function LessonContent({ code, components }: { code: string; components: MdxComponents }) {
  const Content = mdxContentFromCode(code);
  return <Content components={components} />;
}

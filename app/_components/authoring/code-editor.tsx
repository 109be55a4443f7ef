'use client';
// One file of a lab in CodeMirror 6: YAML or MDX (Markdown) highlighting, line numbers, and the
// server's validation issues as lint diagnostics at their lines (a gutter marker, an underline, the
// message on hover). The editable area is a textbox named after the file, so assistive technology
// and Playwright find it by name; `data-error-lines` lists the lines that carry an error.

import { markdown } from '@codemirror/lang-markdown';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import CodeMirror, { EditorView, type Extension } from '@uiw/react-codemirror';
import { useEffect, useMemo, useState } from 'react';
import type { EditorLanguage } from './editor-files';
import type { TextDiagnostic } from './issue-diagnostics';

interface CodeEditorProps {
  /** The file's path in the lab folder: the editor's accessible name. */
  path: string;
  value: string;
  language: EditorLanguage;
  diagnostics: readonly TextDiagnostic[];
  onChange: (value: string) => void;
  readOnly?: boolean;
}

function languageExtension(language: EditorLanguage): Extension[] {
  switch (language) {
    case 'yaml':
      return [yaml()];
    case 'markdown':
      return [markdown()];
    case 'text':
      return [];
    default: {
      const unknown: never = language;
      return unknown;
    }
  }
}

/** The diagnostics fitted to the document as it is now (it may have moved on since they were made). */
function fitted(view: EditorView, diagnostics: readonly TextDiagnostic[]): Diagnostic[] {
  const length = view.state.doc.length;
  return diagnostics.map((d) => ({ ...d, from: Math.min(d.from, length), to: Math.min(Math.max(d.to, d.from), length) }));
}

export function CodeEditor({ path, value, language, diagnostics, onChange, readOnly = false }: CodeEditorProps) {
  const [view, setView] = useState<EditorView | null>(null);
  const extensions = useMemo(
    () => [
      ...languageExtension(language),
      lintGutter(),
      EditorView.lineWrapping,
      // tabindex: the text is the scroller's focusable content (axe's scrollable-region-focusable looks for it).
      EditorView.contentAttributes.of({ 'aria-label': path, 'data-testid': 'code-editor-input', tabindex: '0' }),
    ],
    [language, path],
  );

  useEffect(() => {
    if (view) view.dispatch(setDiagnostics(view.state, fitted(view, diagnostics)));
  }, [view, diagnostics]);

  const errorLines = useMemo(() => {
    if (!view) return '';
    const lines = new Set(fitted(view, diagnostics).map((d) => view.state.doc.lineAt(d.from).number));
    return [...lines].sort((a, b) => a - b).join(' ');
  }, [view, diagnostics]);

  return (
    <div className="code-editor" data-testid="code-editor" data-path={path} data-error-lines={errorLines}>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        onCreateEditor={setView}
        readOnly={readOnly}
        minHeight="24rem"
        maxHeight="70vh"
        basicSetup={{ autocompletion: false, closeBrackets: false, foldGutter: false, highlightActiveLine: true }}
      />
    </div>
  );
}

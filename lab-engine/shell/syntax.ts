// The shell's syntax tree: what the parser produces and the interpreter walks. Discriminated
// unions, so every consumer switches over every case.

export type WordPart =
  | { kind: 'literal'; text: string }
  /** `$NAME`, `${NAME}` or `$?`, expanded at run time. */
  | { kind: 'variable'; name: string };

export interface Word {
  parts: WordPart[];
}

export type Redirect =
  | { kind: 'file'; fd: 0 | 1 | 2; mode: 'read' | 'write' | 'append'; target: Word }
  | { kind: 'dup'; fd: 1 | 2; to: 1 | 2 }
  | { kind: 'heredoc'; body: Word };

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  kind: 'command';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  kind: 'pipeline';
  negated: boolean;
  commands: SimpleCommand[];
}

export interface AndOrList {
  kind: 'and-or';
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface Script {
  kind: 'script';
  statements: AndOrList[];
}

export type ParseResult = { ok: true; script: Script } | { ok: false; message: string };

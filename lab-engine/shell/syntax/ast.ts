// The shell's syntax tree: what the parser produces and the interpreter walks. Discriminated
// unions, so every consumer switches over every case.

export type WordPart =
  /** Text as typed; `quoted` text is never split into fields. */
  | { kind: 'literal'; text: string; quoted?: boolean }
  /** `$NAME`, `${NAME}` or `$?`, expanded at run time; unquoted values are split on whitespace. */
  | { kind: 'variable'; name: string; quoted?: boolean }
  /** `$(...)` or `` `...` ``: the inner script's stdout, trailing newlines removed. */
  | { kind: 'command-sub'; script: Script; quoted?: boolean }
  /** `$((...))`: integer arithmetic over variables, evaluated at run time. */
  | { kind: 'arith'; expression: string; quoted?: boolean }
  /** `${#V}`, `${V:-word}`, `${V%.*}`, `${V/a/b}`, `${V:1:2}`...: see parameter-syntax.ts. */
  | { kind: 'parameter'; name: string; op: ParameterOp; quoted?: boolean };

export type ParameterOp =
  | { kind: 'plain' }
  | { kind: 'length' }
  | { kind: 'default' | 'assign' | 'alternative' | 'error'; colon: boolean; word: WordPart[] }
  | { kind: 'remove-prefix' | 'remove-suffix'; longest: boolean; pattern: WordPart[] }
  | { kind: 'replace'; mode: 'first' | 'all' | 'start' | 'end'; pattern: WordPart[]; replacement: WordPart[] }
  | { kind: 'substring'; offset: string; length?: string };

export interface Word {
  parts: WordPart[];
}

export type Redirect =
  | { kind: 'file'; fd: 0 | 1 | 2; mode: 'read' | 'write' | 'append'; target: Word }
  | { kind: 'dup'; fd: 1 | 2; to: 1 | 2 }
  | { kind: 'heredoc'; body: Word }
  /** `<<< word`: the word's expansion plus a newline. */
  | { kind: 'herestring'; body: Word };

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

/** `for NAME in WORDS; do BODY; done` */
export interface ForLoop {
  kind: 'for';
  variable: string;
  items: Word[];
  body: Script;
  redirects: Redirect[];
}

/** `while COND; do BODY; done` and `until COND; do BODY; done` */
export interface WhileLoop {
  kind: 'while';
  until: boolean;
  condition: Script;
  body: Script;
  redirects: Redirect[];
}

/** `if COND; then BODY; [elif COND; then BODY;] [else BODY;] fi` */
export interface IfClause {
  kind: 'if';
  branches: { condition: Script; body: Script }[];
  otherwise: Script | null;
  redirects: Redirect[];
}

/** `{ LIST; }`: a group run in the current shell. */
export interface BraceGroup {
  kind: 'group';
  body: Script;
  redirects: Redirect[];
}

export type Command = SimpleCommand | ForLoop | WhileLoop | IfClause | BraceGroup;

export interface Pipeline {
  kind: 'pipeline';
  negated: boolean;
  commands: Command[];
}

export interface AndOrList {
  kind: 'and-or';
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended by `&`: run as a background job. */
  background?: boolean;
}

export interface Script {
  kind: 'script';
  statements: AndOrList[];
}

export type ParseResult = { ok: true; script: Script } | { ok: false; message: string };

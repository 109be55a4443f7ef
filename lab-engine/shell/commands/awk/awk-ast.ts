// The awk program as a tree (awk-parser.ts builds it, awk-runtime.ts runs it), and the one error
// the parser raises, worded like gawk's ("awk: cmd. line:1: syntax error").

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'index'; name: string; key: Expr[] }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'unary'; op: '!' | '-' | '+'; arg: Expr }
  | { k: 'binary'; op: string; left: Expr; right: Expr }
  | { k: 'match'; negate: boolean; left: Expr; re: Expr }
  | { k: 'in'; key: Expr[]; name: string }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr };

export type Stmt =
  | { k: 'print'; args: Expr[] }
  | { k: 'printf'; args: Expr[] }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; test: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init: Expr | null; test: Expr | null; step: Expr | null; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; code: Expr | null }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; key: Expr[] | null };

export interface Rule {
  pattern: { kind: 'begin' } | { kind: 'end' } | { kind: 'all' } | { kind: 'expr'; e: Expr } | { kind: 'range'; from: Expr; to: Expr };
  action: Stmt[] | null;
}

export class AwkSyntaxError extends Error {}

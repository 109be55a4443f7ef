// The shell's syntax: parseScript turns a line or a lab script into the tree in ast.ts. Other
// folders import the syntax through here; the files inside import each other directly.

export { parseScript } from './parser';
export type {
  AndOrList,
  Assignment,
  BraceGroup,
  Command,
  ForLoop,
  IfClause,
  ParameterOp,
  ParseResult,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  WhileLoop,
  Word,
  WordPart,
} from './ast';

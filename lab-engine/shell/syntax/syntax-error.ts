// The parser's one failure: a message in bash's own wording, and whether the input merely
// lacks its end (an open quote, `do` without `done`), so the REPL can ask for more with `> `.
// Lexer and parser throw it; parseScript turns it into a ParseResult at the boundary.

export class ShellSyntaxError extends Error {
  constructor(message: string, readonly incomplete = false) {
    super(message);
  }
}

export function unexpected(token: string): ShellSyntaxError {
  return new ShellSyntaxError(`bash: syntax error near unexpected token \`${token === '\n' ? 'newline' : token}'`);
}

export const endOfFile = () => new ShellSyntaxError('bash: syntax error: unexpected end of file', true);

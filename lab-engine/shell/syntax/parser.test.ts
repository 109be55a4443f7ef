import { describe, expect, it } from 'vitest';
import { parseScript } from './parser';
import type { Word } from './ast';

const text = (w: Word) => w.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'variable' ? `<${p.name}>` : `<${p.kind}>`)).join('');

function words(input: string): string[][] {
  const r = parseScript(input);
  if (!r.ok) throw new Error(r.message);
  return r.script.statements.flatMap((s) => [s.first, ...s.rest.map((x) => x.pipeline)]).flatMap((p) => p.commands.map((c) => (c.kind === 'command' ? c.words.map(text) : [c.kind])));
}

describe('parseScript', () => {
  it('handles quotes, escapes and variables', () => {
    expect(words(`echo 'a b' "c $HOME d" e\\ f $? \${USER}x`)).toEqual([['echo', 'a b', 'c <HOME> d', 'e f', '<?>', '<USER>x']]);
  });

  it('splits on ; && || | and newlines, skipping comments', () => {
    expect(words('a 1; b && c || d | e # no\nf')).toEqual([['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f']]);
  });

  it('keeps empty quoted words', () => {
    expect(words(`echo "" ''`)).toEqual([['echo', '', '']]);
  });

  it('reads here-documents, quoted delimiters without expansion', () => {
    const r = parseScript("cat <<EOF\nhi $USER\nEOF\ncat <<'END'\n$USER\nEND\n");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const bodies = r.script.statements.map((s) => s.first.commands[0].redirects[0]);
    expect(bodies.map((b) => (b.kind === 'heredoc' ? text(b.body) : ''))).toEqual(['hi <USER>\n', '$USER\n']);
  });

  it('reports bash-style syntax errors', () => {
    expect(parseScript('| a')).toEqual({ ok: false, message: "bash: syntax error near unexpected token `|'" });
    expect(parseScript('a &&')).toEqual({ ok: false, message: 'bash: syntax error: unexpected end of file', incomplete: true });
    expect(parseScript("echo 'x")).toEqual({ ok: false, message: "bash: unexpected EOF while looking for matching `''", incomplete: true });
    expect(parseScript('echo $(date')).toMatchObject({ ok: false, incomplete: true });
    expect(parseScript('for i in 1 2; do echo $i')).toMatchObject({ ok: false, incomplete: true });
    expect(parseScript('done')).toEqual({ ok: false, message: "bash: syntax error near unexpected token `done'" });
    expect(parseScript('echo (x)')).toEqual({ ok: false, message: 'bash: subshells ( ... ) are not supported in this terminal' });
  });

  it('parses substitutions and compound commands', () => {
    expect(words('echo $(kubectl get pods) `date` $((1+2)) "$(a "b)")"')).toEqual([['echo', '<command-sub>', '<command-sub>', '<arith>', '<command-sub>']]);
    expect(words('for i in a b; do echo $i; done | grep a')).toEqual([['for'], ['grep', 'a']]);
    expect(words('while true\ndo\n  x\ndone; if a; then b; elif c; then d; else e; fi; { f; g; } > out')).toEqual([['while'], ['if'], ['group']]);
    expect(words('echo done for')).toEqual([['echo', 'done', 'for']]);
  });

  it('bounds nesting', () => {
    expect(parseScript('echo ' + '$('.repeat(40) + 'x' + ')'.repeat(40)).ok).toBe(false);
    expect(parseScript('{ '.repeat(40) + 'x; ' + '}; '.repeat(40)).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseScript } from './parser';
import type { Word } from './syntax';

const text = (w: Word) => w.parts.map((p) => (p.kind === 'literal' ? p.text : `<${p.name}>`)).join('');

function words(input: string): string[][] {
  const r = parseScript(input);
  if (!r.ok) throw new Error(r.message);
  return r.script.statements.flatMap((s) => [s.first, ...s.rest.map((x) => x.pipeline)]).flatMap((p) => p.commands.map((c) => c.words.map(text)));
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
    expect(parseScript('a &&')).toEqual({ ok: false, message: "bash: syntax error near unexpected token `newline'" });
    expect(parseScript("echo 'x")).toEqual({ ok: false, message: "bash: unexpected EOF while looking for matching `''" });
    expect(parseScript('echo $(date)').ok).toBe(false);
  });
});

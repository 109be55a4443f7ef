import { describe, expect, it } from 'vitest';
import { splitScript } from './script-commands';

describe('splitScript', () => {
  it('gives one command per line, skipping blanks and comments', () => {
    expect(splitScript('kubectl create namespace prod\n\n# then the app\nkubectl run web --image=nginx # inline\n')).toEqual([
      { line: 1, text: 'kubectl create namespace prod' },
      { line: 4, text: 'kubectl run web --image=nginx # inline' },
    ]);
  });

  it('keeps a here-document with the command that opens it', () => {
    const script = "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\n# not a comment here\nEOF\nkubectl get pods\n";
    expect(splitScript(script)).toEqual([
      { line: 1, text: "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\n# not a comment here\nEOF" },
      { line: 6, text: 'kubectl get pods' },
    ]);
  });

  it('handles <<- with tab-indented delimiters and unquoted delimiters', () => {
    expect(splitScript('cat <<-END > /tmp/x\n\thello\n\tEND\necho done')).toEqual([
      { line: 1, text: 'cat <<-END > /tmp/x\n\thello\n\tEND' },
      { line: 4, text: 'echo done' },
    ]);
  });

  it('joins backslash continuations, trailing operators and multi-line quotes', () => {
    expect(splitScript('kubectl run web \\\n  --image=nginx\nkubectl get pods |\n  grep web &&\n  echo ok\necho "a\nb"\necho \'# not a comment\'')).toEqual([
      { line: 1, text: 'kubectl run web \\\n  --image=nginx' },
      { line: 3, text: 'kubectl get pods |\n  grep web &&\n  echo ok' },
      { line: 6, text: 'echo "a\nb"' },
      { line: 8, text: "echo '# not a comment'" },
    ]);
  });

  it('returns nothing for an empty script', () => {
    expect(splitScript('')).toEqual([]);
    expect(splitScript('\n  \n# only a comment\n')).toEqual([]);
  });
});

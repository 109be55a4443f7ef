import { describe, expect, it } from 'vitest';
import { parseHintMarkdown } from './hint-markdown';
import { markdownText } from '../_components/lab/markdown-tree';

describe('hint markdown', () => {
  it('turns backticks, bold and links into a tree, not raw text', () => {
    expect(parseHintMarkdown('Run `kubectl get nodes -o wide`: the **INTERNAL-IP** column, see [docs](https://kubernetes.io/).')).toEqual([
      {
        t: 'p',
        c: [
          { t: 'text', v: 'Run ' },
          { t: 'code', v: 'kubectl get nodes -o wide' },
          { t: 'text', v: ': the ' },
          { t: 'strong', c: [{ t: 'text', v: 'INTERNAL-IP' }] },
          { t: 'text', v: ' column, see ' },
          { t: 'link', href: 'https://kubernetes.io/', c: [{ t: 'text', v: 'docs' }] },
          { t: 'text', v: '.' },
        ],
      },
    ]);
  });

  it('keeps angle brackets inside code and HTML as text, and drops unsafe links', () => {
    const tree = parseHintMarkdown('The CLASS column says `<none>`; <b>bold</b> [x](javascript:alert(1))');
    expect(markdownText(tree)).toBe('The CLASS column says <none>; <b>bold</b> x');
    expect(JSON.stringify(tree)).not.toContain('javascript:');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefixIds, renderDiagramSvg, sanitizeDiagramSvg, scopeStyles } from './mermaid-svg';

// Raw beautiful-mermaid output, kept as a fixture so the post-processing is tested on real SVG.
const raw = readFileSync(join(__dirname, 'testdata/flowchart.raw.svg'), 'utf8');

describe('sanitizeDiagramSvg', () => {
  const svg = sanitizeDiagramSvg(raw, 'diagram-abc', 'Two nodes <and> pods');

  it('removes the web-font import so the page works offline and leaks no visits', () => {
    expect(raw).toContain('@import');
    expect(svg).not.toContain('@import');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(svg).toContain('var(--diagram-font, system-ui, sans-serif)');
  });

  it('takes its colours from page variables, so light and dark themes both apply', () => {
    expect(svg).toContain('--bg:var(--diagram-bg);--fg:var(--diagram-fg)');
    expect(svg).not.toMatch(/fill="#[0-9a-f]{3,6}"/i);
  });

  it('scopes its style rules and ids to this one diagram', () => {
    expect(svg).toContain('svg[data-diagram="diagram-abc"] text {');
    expect(svg).toMatch(/svg\[data-diagram="diagram-abc"\] \{\s+\/\*/);
    expect(svg).toContain('id="diagram-abc-arrowhead"');
    expect(svg).toContain('marker-end="url(#diagram-abc-arrowhead)"');
    expect(svg).not.toContain('url(#arrowhead)');
  });

  it('is an accessible image with an escaped title', () => {
    expect(svg).toMatch(/^<svg [^>]*data-diagram="diagram-abc" role="img" aria-labelledby="diagram-abc-title">/);
    expect(svg).toContain('<title id="diagram-abc-title">Two nodes &lt;and&gt; pods</title>');
  });
});

describe('scopeStyles', () => {
  it('prefixes each selector of a list and leaves at-rules alone', () => {
    const out = scopeStyles('<svg><style> a, svg b { x: 1; } @media (x) { c { y: 2; } }</style></svg>', 'S');
    expect(out).toBe('<svg><style> S a, S b { x: 1; } @media (x) { c { y: 2; } }</style></svg>');
  });
});

describe('prefixIds', () => {
  it('rewrites ids and their url() and href references, not look-alikes', () => {
    const out = prefixIds('<m id="a"/><m id="a-b"/><p marker="url(#a)" q="url(#a-b)"/><use href="#a"/>', 'p');
    expect(out).toBe('<m id="p-a"/><m id="p-a-b"/><p marker="url(#p-a)" q="url(#p-a-b)"/><use href="#p-a"/>');
  });
});

describe('renderDiagramSvg', () => {
  it('renders Mermaid in Node with a stable id', async () => {
    const source = 'flowchart LR\n  a[pod A] --> b[pod B]';
    const first = await renderDiagramSvg(source, 'A to B');
    const second = await renderDiagramSvg(source, 'A to B');
    expect(first.id).toMatch(/^diagram-[0-9a-f]{10}$/);
    expect(second.svg).toBe(first.svg);
    expect(first.svg).toContain('pod A');
    expect(first.svg).not.toContain('@import');
  });
});

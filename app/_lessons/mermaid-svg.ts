// Turns Mermaid source into an SVG string that is safe to inline in a lesson page: rendered in
// Node at build time by beautiful-mermaid, then made offline (no web-font @import), themable
// (colours come from the page's CSS variables, so one SVG serves light and dark), scoped (its
// <style> and ids cannot leak into the page or clash with a second diagram) and accessible
// (role="img" with a <title>).

import { createHash } from 'node:crypto';
import { renderMermaidSVGAsync } from 'beautiful-mermaid';

export interface DiagramSvg {
  svg: string;
  /** A stable id derived from the source, used to scope the SVG's CSS and element ids. */
  id: string;
}

// The page defines these (globals.css); the SVG only ever refers to them by name.
const THEME = { bg: 'var(--diagram-bg)', fg: 'var(--diagram-fg)', transparent: true } as const;

export async function renderDiagramSvg(source: string, title: string): Promise<DiagramSvg> {
  const id = `diagram-${createHash('sha256').update(source).digest('hex').slice(0, 10)}`;
  const raw = await renderMermaidSVGAsync(source, THEME);
  return { id, svg: sanitizeDiagramSvg(raw, id, title) };
}

/** The post-processing steps, exported so they can be tested on a fixed SVG. */
export function sanitizeDiagramSvg(svg: string, id: string, title: string): string {
  let out = stripFontImports(svg);
  out = useLocalFonts(out);
  out = prefixIds(out, id);
  out = scopeStyles(out, `svg[data-diagram="${id}"]`);
  return labelSvg(out, id, title);
}

export function stripFontImports(svg: string): string {
  // Any @import inside the SVG would fetch from a third-party host on every page view.
  return svg.replace(/^[ \t]*@import\s+url\([^)]*\)[^;\n]*;[ \t]*\n?/gm, '').replace(/@import\s+url\([^)]*\)[^;]*;/g, '');
}

export function useLocalFonts(svg: string): string {
  return svg.replace(/font-family:\s*'([^']*)'[^;}]*/g, (_whole, family: string) =>
    /mono/i.test(family)
      ? 'font-family: var(--diagram-mono-font, ui-monospace, monospace)'
      : 'font-family: var(--diagram-font, system-ui, sans-serif)',
  );
}

export function prefixIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  let out = svg;
  for (const original of ids) {
    const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid=")${escaped}(")`, 'g'), `$1${prefix}-${original}$2`)
      .replace(new RegExp(`url\\(#${escaped}\\)`, 'g'), `url(#${prefix}-${original})`)
      .replace(new RegExp(`(href=")#${escaped}(")`, 'g'), `$1#${prefix}-${original}$2`);
  }
  return out;
}

/** Prefixes every top-level selector in the SVG's <style> blocks with `scope`. */
export function scopeStyles(svg: string, scope: string): string {
  return svg.replace(/<style>([\s\S]*?)<\/style>/g, (_whole, css: string) => `<style>${scopeCss(css, scope)}</style>`);
}

function scopeCss(css: string, scope: string): string {
  let out = '';
  let depth = 0;
  let selector = '';
  for (const char of css) {
    if (depth === 0 && char === '{') {
      out += scopeSelector(selector, scope) + char;
      selector = '';
      depth = 1;
    } else if (depth === 0) {
      selector += char;
    } else {
      // Nested blocks (@media and the like) are rare in this renderer's output; copied as they are.
      if (char === '{') depth += 1;
      if (char === '}') depth -= 1;
      out += char;
    }
  }
  return out + selector;
}

function scopeSelector(selectorText: string, scope: string): string {
  const leading = selectorText.match(/^\s*/)?.[0] ?? '';
  const trimmed = selectorText.trim();
  if (trimmed.startsWith('@')) return selectorText;
  const scoped = trimmed
    .split(',')
    .map((part) => part.trim())
    .map((part) => (part === 'svg' ? scope : part.startsWith('svg ') ? `${scope}${part.slice(3)}` : `${scope} ${part}`))
    .join(', ');
  return `${leading}${scoped} `;
}

export function labelSvg(svg: string, id: string, title: string): string {
  const titleId = `${id}-title`;
  return svg.replace(/<svg\b([^>]*)>/, (_whole, attrs: string) =>
    `<svg${attrs} data-diagram="${id}" role="img" aria-labelledby="${titleId}"><title id="${titleId}">${escapeXml(title)}</title>`,
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

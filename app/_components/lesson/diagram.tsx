// A diagram in a lesson: SVG rendered at build time (see app/_lessons/remark-mermaid-svg.ts),
// inlined so it arrives with the HTML and needs no script. The SVG carries role="img" and a
// <title>; the caption repeats the title for sighted readers.

export function Diagram({ svg, title }: { svg: string; title: string }) {
  return (
    <figure className="diagram">
      {/* The SVG comes from our own build step, never from learner input. */}
      <div className="diagram__canvas" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}

// Renders the panel's Markdown tree (markdown-tree.ts) as React elements: no HTML strings, so
// nothing an author writes in a hint can inject markup.

import type { MdBlock, MdInline } from './markdown-tree';

function Inline({ nodes }: { nodes: MdInline[] }) {
  return (
    <>
      {nodes.map((node, index) => {
        switch (node.t) {
          case 'text':
            return <span key={index}>{node.v}</span>;
          case 'code':
            return <code key={index}>{node.v}</code>;
          case 'strong':
            return (
              <strong key={index}>
                <Inline nodes={node.c} />
              </strong>
            );
          case 'em':
            return (
              <em key={index}>
                <Inline nodes={node.c} />
              </em>
            );
          case 'link':
            return (
              <a key={index} href={node.href}>
                <Inline nodes={node.c} />
              </a>
            );
          case 'br':
            return <br key={index} />;
          default: {
            const never: never = node;
            return never;
          }
        }
      })}
    </>
  );
}

export function Markdown({ blocks }: { blocks: MdBlock[] }) {
  return (
    <>
      {blocks.map((block, index) => {
        switch (block.t) {
          case 'p':
            return (
              <p key={index}>
                <Inline nodes={block.c} />
              </p>
            );
          case 'pre':
            return (
              <pre key={index}>
                <code>{block.v}</code>
              </pre>
            );
          case 'ul':
          case 'ol': {
            const List = block.t;
            return (
              <List key={index}>
                {block.items.map((item, i) => (
                  <li key={i}>
                    <Markdown blocks={item} />
                  </li>
                ))}
              </List>
            );
          }
          default: {
            const never: never = block;
            return never;
          }
        }
      })}
    </>
  );
}

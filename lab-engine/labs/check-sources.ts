// Which kind of sender a check names. Kept apart from schema.ts (and free of its types, so no
// cycle) so that the grader, which labsh loads when it starts, reaches it without pulling in zod
// (bundle-split.test.ts).

/** The pod a check sends from, if it names one (not the workstation, the internet or a node's netns). */
export function podSourceOf<Source extends object>(from: 'workstation' | 'internet' | Source): Exclude<Source, { netns: string }> | undefined {
  return typeof from === 'object' && !('netns' in from) ? (from as Exclude<Source, { netns: string }>) : undefined;
}

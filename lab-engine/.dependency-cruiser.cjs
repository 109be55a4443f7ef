// The engine's dependency rule (ARCHITECTURE.md): a folder imports its own layer and those below,
// never one above, and no module is part of an import cycle. `npm test` runs this
// (`npm run lint:deps`); a violation names the two files and the rule.
//
// Lowest first. kube/ and core/ are both foundations and import nothing of the engine.
const LAYERS = ['kube', 'core', 'cluster', 'dataplane', 'shell', 'simulation', 'labs', 'protocol', 'labsh', 'gateway'];
const FOUNDATIONS = new Set(['kube', 'core']);
// Tests may import the composition root (simulation/, with its test kits) to run their layer in a
// whole cluster; they are leaves of the graph, so this cannot make a cycle. Nothing else climbs.
const TEST = '(\\.test\\.ts$|-test-kit\\.ts$)';

const climbing = LAYERS.map((layer, i) => {
  const above = LAYERS.slice(i + 1);
  const forbidden = FOUNDATIONS.has(layer) ? [...above, ...LAYERS.filter((l) => FOUNDATIONS.has(l) && l !== layer)] : above;
  return {
    name: `${layer}-imports-downward-only`,
    comment: `${layer}/ may import only ${LAYERS.slice(0, i).filter((l) => !FOUNDATIONS.has(layer) || !FOUNDATIONS.has(l)).join(', ') || 'nothing of the engine'}`,
    severity: 'error',
    from: { path: `^${layer}/`, pathNot: TEST },
    to: { path: `^(${forbidden.join('|')})/` },
  };
});

module.exports = {
  forbidden: [
    ...climbing,
    {
      name: 'tests-climb-only-to-the-simulation',
      comment: 'a test may import the composition root (simulation/), never labsh/ or gateway/ from below them',
      severity: 'error',
      from: { path: `^(kube|core|cluster|dataplane|shell)/.*${TEST}` },
      to: { path: '^(labs|protocol|labsh|gateway)/' },
    },
    {
      name: 'no-app-from-engine',
      comment: 'lab-engine never imports app/: the top-level server entry injects what the gateway needs',
      severity: 'error',
      from: { path: '^' },
      to: { path: '(^|/)app/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycle among non-test files',
      severity: 'error',
      from: { pathNot: TEST },
      to: { circular: true, pathNot: TEST },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|^dist/|/testdata/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};

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
      comment: 'lab-engine never imports app/: the top-level server entry (app/_server/main.ts) injects what the gateway needs through its ports',
      severity: 'error',
      from: { path: '^' },
      to: { path: '(^|/)app/' },
    },
    {
      name: 'engine-stays-inside-lab-engine',
      comment: 'the engine and its tools (bin/, scripts/) import nothing outside lab-engine/ but packages',
      severity: 'error',
      from: { path: '^', pathNot: '^bench/' },
      to: { path: '^\\.\\./' },
    },
    {
      // bench/ is top-level tooling, not a layer: nothing imports it, and it measures the product as
      // learners meet it. lesson-bench.ts times the production server, which only e2e/support/
      // knows how to start (as a child process: it imports no app code). So bench may use e2e's
      // support helpers, and nothing else outside lab-engine/.
      name: 'bench-reaches-out-only-to-e2e-support',
      comment: 'bench/ may import ../e2e/support/ (to start the real server), nothing else outside lab-engine/',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^\\.\\./', pathNot: '^\\.\\./e2e/support/' },
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
    // Files outside lab-engine/ (e2e support, and through it app/ with its generated Prisma client)
    // are checked as targets of the rules above but never cruised themselves.
    doNotFollow: { path: ['node_modules', '^\\.\\./'] },
    exclude: { path: '(node_modules|^dist/|/testdata/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};

// Target of lab-engine/tsconfig.json's `paths` for framework packages. It exports nothing, so
// any named import of next, react, node-pty or Prisma from the engine's core fails to type-check.
export {};

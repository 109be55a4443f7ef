// Next.js settings for Flatnet. Native and build-time-only packages stay outside the server
// bundle: they are loaded from node_modules at run time (or only during `next build`, as the
// lesson compiler is), because bundling native addons or esbuild's binary breaks them.

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    'better-sqlite3',
    'node-pty',
    '@prisma/client',
    '@prisma/adapter-better-sqlite3',
    '@prisma/driver-adapter-utils',
    '@prisma/schema-engine-wasm',
    'mdx-bundler',
    'esbuild',
    'beautiful-mermaid',
  ],
  // The type check is part of the build: a type error fails `next build` rather than shipping.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;

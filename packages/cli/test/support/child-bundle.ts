import { buildSync } from 'esbuild';

/**
 * Bundles a TypeScript entry into one JavaScript file that a child `node` process runs (suites that
 * kill or limit a process of their own). npm packages stay external: the child resolves them from the
 * repository's node_modules (pass ROOT_NODE_MODULES as NODE_PATH when the file lies outside it).
 */
export function bundleForChild(entry: string, outfile: string): void {
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', outfile, packages: 'external', logLevel: 'error' });
}

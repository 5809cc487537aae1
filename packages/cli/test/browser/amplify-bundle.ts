import * as path from 'path';
import * as esbuild from 'esbuild';

/** Bundles one of the Amplify JS pages in test/browser/amplify-app for the browser (an ES module, in memory). */
export async function bundleAmplifyPage(entry: string): Promise<string> {
  const built = await esbuild.build({
    entryPoints: [path.join(__dirname, 'amplify-app', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', 'global': 'globalThis' },
  });
  return built.outputFiles[0].text;
}

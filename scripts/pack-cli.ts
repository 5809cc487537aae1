/**
 * Packs the command-line package (packages/cli) into dist/cli with the version the build gave the
 * construct, and a peer range on that same construct version: in the repository the CLI's version
 * stays 0.0.0 and its dev dependency on the construct is the workspace link (`file:../..`), which a
 * published package cannot carry. package.json is restored whatever happens.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'packages', 'cli');
const OUT = path.join(REPO, 'dist', 'cli');

function main(): void {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const file = path.join(CLI, 'package.json');
  const original = fs.readFileSync(file, 'utf8');
  const manifest = JSON.parse(original);
  manifest.version = version;
  manifest.peerDependencies = { ...manifest.peerDependencies, '@cdk-mfa/auth': `^${version}` };
  delete manifest.devDependencies; // a published package's dev dependencies are never installed; the link would only confuse
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  try {
    fs.writeFileSync(file, `${JSON.stringify(manifest, undefined, 2)}\n`);
    execFileSync('npm', ['pack', '--pack-destination', OUT], { cwd: CLI, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    fs.writeFileSync(file, original);
  }
}

main();

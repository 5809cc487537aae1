/**
 * The last line of `npx projen build`: what passed, with counts. It runs as the build's last step, so
 * it is printed only when every step before it passed; a failing step stops the build with projen's
 * own last line, `Task "build" failed when executing "<step>"`, and `.ci/run` still closes with its counts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BINDINGS_REPORT, BindingsReport } from './check-bindings';

const REPO = path.resolve(__dirname, '..');

/** Jest's totals, from the JUnit report jest-junit writes (test-reports/junit.xml). */
export function jestTotals(junitXml: string): { tests: number; failed: number } {
  const root = /<testsuites\b[^>]*>/.exec(junitXml)?.[0];
  if (!root) throw new Error('test-reports/junit.xml has no <testsuites> element');
  const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? NaN);
  return { tests: attr('tests'), failed: attr('failures') + attr('errors') };
}

function main(): void {
  const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');
  const jest = jestTotals(read('test-reports/junit.xml'));
  const bindings = JSON.parse(read(BINDINGS_REPORT)) as BindingsReport;
  const version = read('dist/version.txt').trim();
  const tarball = fs.readdirSync(path.join(REPO, 'dist', 'js')).find(f => f.endsWith('.tgz'));
  const parts = [
    `jest ${jest.tests - jest.failed} passed, ${jest.failed} failed`,
    'eslint, tsc, integ:lint, integ:verify, API.md',
    `${tarball} (version ${version})`,
    `bindings ${bindings.results.map(r => `${r.language} ${r.status}`).join(', ')}`,
  ];
  console.log(`build: passed: ${parts.join('; ')}`);
}

if (require.main === module) main();

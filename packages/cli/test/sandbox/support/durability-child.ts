/**
 * A sandbox in its own process for the durability test (bundled by esbuild there): starts on the
 * template and database given as arguments and prints its endpoint as one JSON line.
 */
import * as fs from 'fs';
import { startSandbox } from '../../../src/sandbox';

async function main() {
  const [templateFile, stateFile] = process.argv.slice(2);
  const sandbox = await startSandbox({
    template: JSON.parse(fs.readFileSync(templateFile, 'utf8')), stateFile, https: false, port: 0, log: () => undefined,
  });
  process.stdout.write(`${JSON.stringify({ endpoint: sandbox.endpoint, poolId: sandbox.userPools[0].id, clientId: sandbox.userPools[0].clients[0].id })}\n`);
}

main().catch(err => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});

import * as fs from 'fs';
import * as path from 'path';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs } from '../../client';
import type { Sandbox, SandboxPoolInfo } from '../index';
import { loadTemplates, TemplateInput } from '../template/template-source';

/**
 * Writes amplify_outputs.json for every served pool (its first client without a secret). One pool:
 * `outputsPath` itself; several: `<name>.<Stack>.<PoolLogicalId>.json` next to it. amplify_outputs.json
 * has no endpoint field (Amplify JS v6 reads `userPoolEndpoint` only from the Cognito config), so
 * the endpoint goes in `custom.sandbox.user_pool_endpoint` for the app to pass on (see README).
 * Returns the files written.
 */
export function writeSandboxOutputs(sandbox: Sandbox, input: TemplateInput, outputsPath: string, log: (line: string) => void): string[] {
  const sources = loadTemplates(input);
  const pools = sandbox.userPools;
  const written: string[] = [];
  for (const pool of pools) {
    const client = pool.clients.find(c => !c.secret);
    const source = sources.find(s => s.stackName === pool.stackName);
    if (!client || !source) continue;
    const domain = pool.domains[0];
    const file = pools.length === 1 ? outputsPath : perPoolFile(outputsPath, pool);
    let outputs;
    try {
      outputs = buildAmplifyOutputs(authClientDescriptionFromTemplate(source.template, {
        region: sandbox.region,
        userPoolId: pool.id,
        userPoolClientId: client.id,
        userPoolLogicalId: pool.logicalId,
        userPoolClientLogicalId: client.logicalId,
        // The sandbox serves the hosted domain under a path of its https port (needs https).
        ...(domain ? { domain: domain.amplifyDomain } : {}),
      }));
    } catch (e) {
      // One pool Amplify cannot be configured for must not stop the sandbox or the other pools' files.
      log(`Not writing ${file}: ${(e as Error).message}`);
      continue;
    }
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const custom = { ...((outputs as any).custom ?? {}), sandbox: { user_pool_endpoint: sandbox.endpoint } };
    fs.writeFileSync(file, `${JSON.stringify({ ...outputs, custom }, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

function perPoolFile(outputsPath: string, pool: SandboxPoolInfo): string {
  const ext = path.extname(outputsPath) || '.json';
  const base = outputsPath.slice(0, outputsPath.length - path.extname(outputsPath).length);
  return `${base}.${pool.stackName}.${pool.logicalId}${ext}`;
}

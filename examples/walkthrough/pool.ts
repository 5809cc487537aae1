/** Finds the user pool and app client IDs the sandbox serves for a synthesized template. */
import * as fs from 'fs';
import { readResources } from '../../packages/cli/src/sandbox/template/template-reader';
import { loadTemplates } from '../../packages/cli/src/sandbox/template/template-source';

export interface WalkthroughPool {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The pool's name: the issuer shown in the authenticator app, as the sandbox labels it. */
  readonly poolName: string;
  readonly stackName: string;
  readonly logicalId: string;
}

/**
 * The sandbox derives IDs from the template's file name (the stack name) and each resource's logical ID,
 * so reading the same template the same way (`--template` or a cdk.out dir) gives the IDs it serves.
 */
export function poolFromTemplate(templatePath: string, region = 'us-east-1'): WalkthroughPool {
  if (!fs.existsSync(templatePath)) {
    throw new Error(`${templatePath} does not exist: run 'npx projen example' (or 'npx projen sandbox') first, or pass --template`);
  }
  const { pools, clients } = readResources(loadTemplates({ templatePath }), region);
  const pool = pools[0];
  if (!pool) throw new Error(`${templatePath} has no AWS::Cognito::UserPool resource`);
  const client = clients.find(c => c.poolId === pool.id);
  if (!client) throw new Error(`${templatePath} has no app client for user pool ${pool.logicalId}`);
  return { userPoolId: pool.id, clientId: client.id, poolName: pool.name, stackName: pool.stackName, logicalId: pool.logicalId };
}

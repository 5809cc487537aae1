import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';

/** The resource servers; the construct id (and so the logical ID) follows the identifier. */
export function createResourceServers(scope: Construct, userPool: cognito.UserPool, config: ResolvedAuthConfig): cognito.UserPoolResourceServer[] {
  return config.resourceServers.map(server => new cognito.UserPoolResourceServer(scope, `ResourceServer${server.identifier.replace(/[^A-Za-z0-9]/g, '_')}`, {
    userPool,
    identifier: server.identifier,
    userPoolResourceServerName: server.name,
    scopes: server.scopes.map(s => new cognito.ResourceServerScope({ scopeName: s.name, scopeDescription: s.description })),
  }));
}

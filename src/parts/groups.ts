import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { groupConstructId } from '../config/group-ids';
import { ResolvedAuthConfig } from '../config/resolved';

/** The user pool groups, in config order. */
export function createGroups(scope: Construct, userPool: cognito.UserPool, config: ResolvedAuthConfig): cognito.UserPoolGroup[] {
  return config.groups.map(group => new cognito.UserPoolGroup(scope, groupConstructId(group.name), {
    userPool,
    groupName: group.name,
    precedence: group.precedence,
    description: group.description,
    role: group.role,
  }));
}

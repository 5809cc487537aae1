import { Aws, Fn, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';
import { cdk } from '../lazy';

/** The role and external ID Cognito uses to send SMS. */
export interface SmsSender {
  readonly role: iam.IRole;
  readonly externalId: string;
  /** True when this construct created the role. */
  readonly created: boolean;
}

/**
 * Creates the least-privilege SMS role, or uses the one the user brought.
 *
 * - Trust: only cognito-idp, only with our external ID, only from this account, only for user pools
 *   in this account and region. `aws:SourceArn` is a user-pool wildcard: naming the exact pool would
 *   make the role depend on the pool while the pool depends on the role (a circular dependency).
 * - Policy: `sns:Publish` with `NotResource` on every topic ARN: texts to phone numbers are allowed,
 *   publishing to any SNS topic is not.
 * - External ID: the stack ID plus the construct id, so it survives moving the construct in the tree
 *   (the L2's default is derived from the construct path and changes when the construct moves).
 */
export function createSmsSender(scope: Construct, config: ResolvedAuthConfig): SmsSender {
  const byo = config.senders.smsRole;
  if (byo) return { role: byo.role, externalId: byo.externalId, created: false };

  const iam = cdk.iam();
  const stack = Stack.of(scope);
  const externalId = Fn.join('/', [Aws.STACK_ID, scope.node.id]);
  const role = new iam.Role(scope, 'SmsRole', {
    description: 'Lets Amazon Cognito send SMS through Amazon SNS (no topic publishing).',
    assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com', {
      conditions: {
        StringEquals: { 'sts:ExternalId': externalId, 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' }) },
      },
    }),
    inlinePolicies: {
      SmsOnly: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({
          actions: ['sns:Publish'],
          notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
        })],
      }),
    },
  });
  return { role, externalId, created: true };
}

import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { cdk } from '../lazy';

/**
 * The inbound federation trigger, which aws-cdk-lib 2.257's `UserPool` cannot add (no
 * `UserPoolOperation` for it; aws-cdk PR #37082 proposes `UserPoolOperation.INBOUND_FEDERATION`).
 * CloudFormation takes it as `LambdaConfig.InboundFederation: { LambdaArn, LambdaVersion }`
 * ("AWS::Cognito::UserPool InboundFederation", CloudFormation template reference; the L1's
 * `CfnUserPool.InboundFederationProperty`), and `LambdaVersion` must be `V1_0` ("You must use a
 * LambdaVersion of V1_0 with an inbound federation function", Cognito API reference,
 * InboundFederationLambdaType). It is set as a property override on the L1 so the L2's own
 * `LambdaConfig` (its lazy trigger list) stays as it renders it, and the function gets the
 * permission the L2 gives every trigger it adds: invoke by cognito-idp, from this pool only.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-inboundfederation.html
 */
export function wireInboundFederation(userPool: cognito.UserPool, fn: lambda.IFunction): void {
  const cfnUserPool = userPool.node.defaultChild as cognito.CfnUserPool;
  cfnUserPool.addPropertyOverride('LambdaConfig.InboundFederation', { LambdaArn: fn.functionArn, LambdaVersion: 'V1_0' });
  // Same id as the L2 would give it ("<Operation>Cognito"), so adopting the L2's prop later keeps the resource.
  fn.addPermission('InboundFederationCognito', {
    principal: new (cdk.iam().ServicePrincipal)('cognito-idp.amazonaws.com'),
    sourceArn: userPool.userPoolArn,
  });
}

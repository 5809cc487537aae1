/**
 * cdk-nag suppressions for findings that are inherent to a Cognito user pool and its built-in
 * triggers, each with the reason it is safe. Written as the `cdk_nag` metadata cdk-nag reads
 * (cdk-nag is a dev dependency only, so it cannot be imported here).
 *
 * Not suppressed on purpose: MFA OFF (AwsSolutions-COG2), anything on functions or roles the user
 * brings, and the Lambda runtime rule (AwsSolutions-L1), which is fixed by upgrading the runtime.
 */
import { CfnResource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';
import { MfaMode } from '../config/types';

/** One suppression in cdk-nag's metadata format (`applies_to` narrows a granular rule to findings). */
interface NagRule {
  readonly reason: string;
  readonly id: string;
  readonly applies_to?: string[];
}

const PACKS_WITH_LAMBDA_AND_IAM_RULES = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

const PLUS_PLAN: NagRule = {
  id: 'AwsSolutions-COG8',
  reason: 'The Plus feature plan (threat protection: compromised-credential and adaptive-authentication checks) is billed per monthly active user at a higher rate, so it is opt-in (featurePlan: PLUS plus threatProtection). The default Essentials plan already enforces MFA, a 12-character password policy and password history.',
};

const OPTIONAL_MFA: NagRule = {
  id: 'AwsSolutions-COG2',
  reason: 'MFA is OPTIONAL because the config sets multifactor.mode explicitly (the default is REQUIRED): every user can enrol a second factor and is challenged once enrolled. Privileged groups can be gated with the mfaByGroup trigger. MFA OFF is never suppressed.',
};

const LAMBDA_RULES: NagRule[] = PACKS_WITH_LAMBDA_AND_IAM_RULES.flatMap(pack => [
  {
    id: `${pack}-LambdaDLQ`,
    reason: 'Cognito invokes user pool triggers synchronously and waits for the result; a dead-letter queue only receives failed asynchronous invocations, so it would never receive anything. Failures surface to the caller and in the function logs.',
  },
  {
    id: `${pack}-LambdaConcurrency`,
    reason: 'This function runs inside every sign-up or token issue. Reserved concurrency would make Cognito fail sign-ins once the limit is reached (self-inflicted denial of service); the invocation rate is already bounded by the user pool request quotas.',
  },
  {
    id: `${pack}-LambdaInsideVPC`,
    reason: 'The built-in trigger reaches no private resources: it only reads its event and environment and calls the public Cognito API over TLS with IAM auth. A VPC would add NAT or endpoints and ENI cold starts to sign-in without isolating anything. Your own trigger functions can be VPC-attached.',
  },
]);

const inlinePolicyRules = (reason: string): NagRule[] =>
  PACKS_WITH_LAMBDA_AND_IAM_RULES.map(pack => ({ id: `${pack}-IAMNoInlinePolicy`, reason }));

const SMS_ROLE_INLINE = inlinePolicyRules('The SMS role has a single statement, sns:Publish with NotResource on every SNS topic ARN (texts only, no topic publishing). Inline, it is created and deleted with the role and cannot be attached to any other principal; a managed policy would be no narrower.');

const BUILT_IN_ROLE_INLINE = inlinePolicyRules('The built-in function\'s role has one statement: logs:CreateLogStream and logs:PutLogEvents on the function\'s own log group. Inline, it is created and deleted with the role and cannot be attached to any other principal; a managed policy would be no narrower.');

const LOG_GROUP_RULES: NagRule[] = PACKS_WITH_LAMBDA_AND_IAM_RULES.map(pack => ({
  id: `${pack}-CloudWatchLogGroupEncrypted`,
  reason: 'CloudWatch Logs encrypts every log group at rest with AWS-owned keys. The built-in functions never log codes, phone numbers, email addresses or user names (their tests check this), so a customer-managed KMS key would add cost and a key policy without protecting any personal data.',
}));

const GRANT_POLICY_INLINE = inlinePolicyRules('This policy grants Cognito actions on this one user pool ARN to one role. It is a separate AWS::IAM::Policy so the trigger function does not depend on the user pool that invokes it (a circular dependency); it cannot be attached to any other principal.');

/**
 * Adds the suppressions to the resources an `Auth` construct creates. Idempotent: calling it again
 * adds nothing. Resources added to the construct later (e.g. by `grant()` calls) are not covered.
 */
export function applyNagSuppressions(auth: Construct, config: ResolvedAuthConfig): void {
  for (const child of auth.node.children) {
    if (child instanceof cognito.UserPool) suppress(child, config.multifactor.mode === MfaMode.OPTIONAL ? [PLUS_PLAN, OPTIONAL_MFA] : [PLUS_PLAN]);
    else if (child instanceof lambda.Function) suppressBuiltInFunction(child);
    else if (child instanceof iam.Role && child.node.id === 'SmsRole') suppress(child, SMS_ROLE_INLINE);
    else if (child instanceof iam.Policy) suppress(child, GRANT_POLICY_INLINE);
    else if (child instanceof logs.LogGroup) suppress(child, LOG_GROUP_RULES);
  }
}

function suppressBuiltInFunction(fn: lambda.Function) {
  suppress(fn, LAMBDA_RULES);
  if (fn.role) suppress(fn.role, BUILT_IN_ROLE_INLINE);
}

/** Merges rules into the L1's `cdk_nag` metadata the same way cdk-nag's NagSuppressions does. */
function suppress(construct: IConstruct, rules: NagRule[]) {
  const resource = construct.node.defaultChild;
  if (!CfnResource.isCfnResource(resource)) return;
  const existing: object[] = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  const merged = [...new Set([...existing, ...rules].map(rule => JSON.stringify(rule)))];
  resource.addMetadata('cdk_nag', { rules_to_suppress: merged.map(rule => JSON.parse(rule)) });
}

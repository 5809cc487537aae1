/**
 * cdk-nag suppressions for findings this construct's own design makes inherent, each with a reason
 * built from the resolved config, so it is true for the pool at hand. Written as the `cdk_nag`
 * metadata cdk-nag reads (cdk-nag is a dev dependency only, so it cannot be imported here).
 *
 * Left visible on purpose, for the team's own reviewer to accept or fix in its stack:
 * - MFA that is not REQUIRED (AwsSolutions-COG2): OFF and OPTIONAL are the user's explicit choice;
 * - a feature plan the user chose explicitly (AwsSolutions-COG8): only our default is explained here;
 * - anything on functions or roles the user brings, and the Lambda runtime rule (AwsSolutions-L1),
 *   which is fixed by upgrading the runtime.
 */
import { CfnResource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { ResolvedAuthConfig, UserTriggerSlot } from '../config/resolved';
import { MfaMode } from '../config/types';
import { ActiveBuiltInTrigger } from '../triggers/built-in-trigger';

/** One suppression in cdk-nag's metadata format (`applies_to` narrows a granular rule to findings). */
interface NagRule {
  readonly reason: string;
  readonly id: string;
  readonly applies_to?: string[];
}

const PACKS_WITH_LAMBDA_AND_IAM_RULES = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/** What each Cognito trigger runs inside, for the reserved-concurrency reason. */
const RUNS_INSIDE: Record<UserTriggerSlot, string> = {
  preSignUp: 'every sign-up',
  postConfirmation: 'every confirmation',
  preAuthentication: 'every sign-in',
  postAuthentication: 'every sign-in',
  customMessage: 'every message Cognito sends (codes, invitations)',
  preTokenGeneration: 'every token issue (sign-in and refresh)',
  defineAuthChallenge: 'every custom sign-in step',
  createAuthChallenge: 'every custom sign-in step',
  verifyAuthChallengeResponse: 'every custom sign-in step',
  userMigration: 'every sign-in of a user not yet migrated',
  inboundFederation: 'every sign-in through an external identity provider',
};

/**
 * Adds the suppressions to the resources an `Auth` construct created for `config`. Idempotent:
 * calling it again adds nothing. Resources added to the construct later (e.g. by `grant()` calls)
 * are not covered.
 */
export function applyNagSuppressions(auth: Construct, config: ResolvedAuthConfig): void {
  const builtIns = new Map(config.triggers.builtIns.map(t => [t.functionId, t]));
  // Each child is told apart by the CloudFormation type of its resource, not by `instanceof`: reading
  // lambda.Function, iam.Role or logs.LogGroup would load those modules for every pool (lazy.ts).
  // Every child here is one this construct created for `config`, so its id and type say what it is.
  for (const child of auth.node.children) {
    const id = child.node.id;
    if (child instanceof cognito.UserPool) suppress(child, userPoolRules(config));
    else if (builtIns.has(id) && isA(child, 'AWS::Lambda::Function')) suppressBuiltInFunction(child as lambda.Function, builtIns.get(id)!);
    else if (id === 'SmsRole' && isA(child, 'AWS::IAM::Role')) suppress(child, SMS_ROLE_INLINE);
    else if (isA(child, 'AWS::IAM::Policy')) suppress(child, grantPolicyRules(child as iam.Policy));
    else if (isA(child, 'AWS::Logs::LogGroup')) suppress(child, LOG_GROUP_RULES_BY_ID[id] ?? LOG_GROUP_RULES);
  }
}

/** Whether a construct's own resource (its default child, as for every L2) is of this CloudFormation type. */
function isA(construct: IConstruct, cfnType: string): boolean {
  const resource = construct.node.defaultChild;
  return CfnResource.isCfnResource(resource) && resource.cfnResourceType === cfnType;
}

/** The Plus plan, only when the plan is our default: then the choice, and its reason, are ours. */
function userPoolRules(config: ResolvedAuthConfig): NagRule[] {
  if (config.raw.featurePlan !== undefined) return [];
  const mfa = config.multifactor;
  const methods = [mfa.totp && 'TOTP', mfa.sms && 'SMS', mfa.email && 'email'].filter(Boolean).join(', ');
  const policy = config.passwordPolicy;
  const history = policy.passwordHistorySize ? ` and a password history of ${policy.passwordHistorySize}` : '';
  const mfaText = mfa.mode === MfaMode.OFF ? 'MFA is OFF (reported separately as AwsSolutions-COG2)' : `MFA is ${mfa.mode} (${methods})`;
  return [{
    id: 'AwsSolutions-COG8',
    reason: `featurePlan is not set, so this construct uses its default, ${config.featurePlan}: the Plus plan (threat protection: compromised-credential `
      + 'and adaptive-authentication checks) is billed per monthly active user at a higher rate, so it is opt-in (featurePlan: PLUS plus threatProtection). '
      + `In this pool ${mfaText}, passwords need ${policy.minLength} characters${history}.`,
  }];
}

function suppressBuiltInFunction(fn: lambda.Function, trigger: ActiveBuiltInTrigger) {
  const calls = trigger.grants.length > 0
    ? `calls only the public Cognito API (${trigger.grants.join(', ')}) over TLS with IAM auth`
    : 'calls no AWS API at all';
  suppress(fn, PACKS_WITH_LAMBDA_AND_IAM_RULES.flatMap(pack => [
    {
      id: `${pack}-LambdaDLQ`,
      reason: 'Cognito invokes user pool triggers synchronously and waits for the result; a dead-letter queue only receives failed asynchronous invocations, so it would never receive anything. Failures surface to the caller and in the function logs.',
    },
    {
      id: `${pack}-LambdaConcurrency`,
      reason: `This function (triggers.${trigger.key}) runs inside ${RUNS_INSIDE[trigger.slot.key]}. Reserved concurrency would make Cognito fail those requests once the limit is reached (self-inflicted denial of service); the invocation rate is already bounded by the user pool request quotas.`,
    },
    {
      id: `${pack}-LambdaInsideVPC`,
      reason: `The built-in trigger triggers.${trigger.key} reaches no private resources: it reads its event and environment and ${calls}. A VPC would add NAT or endpoints and ENI cold starts to sign-in without isolating anything. Your own trigger functions can be VPC-attached.`,
    },
  ]));
  if (fn.role) suppress(fn.role, BUILT_IN_ROLE_INLINE);
}

const inlinePolicyRules = (reason: string): NagRule[] =>
  PACKS_WITH_LAMBDA_AND_IAM_RULES.map(pack => ({ id: `${pack}-IAMNoInlinePolicy`, reason }));

const SMS_ROLE_INLINE = inlinePolicyRules('The SMS role has a single statement, sns:Publish with NotResource on every SNS topic ARN (texts only, no topic publishing). Inline, it is created and deleted with the role and cannot be attached to any other principal; a managed policy would be no narrower.');

const BUILT_IN_ROLE_INLINE = inlinePolicyRules('The built-in function\'s role has one statement: logs:CreateLogStream and logs:PutLogEvents on the function\'s own log group. Inline, it is created and deleted with the role and cannot be attached to any other principal; a managed policy would be no narrower.');

function grantPolicyRules(policy: iam.Policy): NagRule[] {
  const actions = policy.document.toJSON()?.Statement?.flatMap((s: { Action: string | string[] }) => s.Action) ?? [];
  return inlinePolicyRules(`This policy grants ${actions.join(', ')} on this one user pool ARN to one role. It is a separate AWS::IAM::Policy so the trigger function does not depend on the user pool that invokes it (a circular dependency); it cannot be attached to any other principal.`);
}

const encryptedRule = (reason: string): NagRule[] => PACKS_WITH_LAMBDA_AND_IAM_RULES.map(pack => ({ id: `${pack}-CloudWatchLogGroupEncrypted`, reason }));

/** The built-in functions' log groups. */
const LOG_GROUP_RULES = encryptedRule('CloudWatch Logs encrypts every log group at rest with AWS-owned keys. The built-in functions never log codes, phone numbers, email addresses or user names (their tests check this), so a customer-managed KMS key would add cost and a key policy without protecting any personal data.');

const COGNITO_LOG_DELIVERY_RULES = encryptedRule('Cognito log export cannot deliver to a KMS-encrypted log group (the CloudFormation reference of AWS::Cognito::LogDeliveryConfiguration LogGroupArn says it must not be encrypted with AWS KMS); CloudWatch Logs encrypts it at rest with AWS-owned keys.');

/** The log groups of log delivery and WAF, which hold other data than the built-in functions' logs. */
const LOG_GROUP_RULES_BY_ID: Record<string, NagRule[]> = {
  UserNotificationLogs: COGNITO_LOG_DELIVERY_RULES,
  UserAuthEventLogs: COGNITO_LOG_DELIVERY_RULES,
  WafRequestLogs: encryptedRule('The WAF request log holds client IP addresses, request headers and paths and the matching rule; Cognito passes WAF no user names, passwords, codes, phone numbers or email addresses (Cognito developer guide, user-pool-waf). CloudWatch Logs encrypts it at rest with AWS-owned keys; a customer-managed key would add a key policy for the WAF log delivery service without protecting any user data.'),
};

/** Merges rules into the L1's `cdk_nag` metadata the same way cdk-nag's NagSuppressions does. */
function suppress(construct: IConstruct, rules: NagRule[]) {
  const resource = construct.node.defaultChild;
  if (!CfnResource.isCfnResource(resource) || rules.length === 0) return;
  const existing: object[] = resource.getMetadata('cdk_nag')?.rules_to_suppress ?? [];
  const merged = [...new Set([...existing, ...rules].map(rule => JSON.stringify(rule)))];
  resource.addMetadata('cdk_nag', { rules_to_suppress: merged.map(rule => JSON.parse(rule)) });
}

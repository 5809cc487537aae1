import { RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { checkedAtDeploy, Finding, problem } from './findings';
import { checkLength } from './message-rules';
import { ResolvedAuthConfig } from './resolved';
import { isToken, stringParts } from './tokens';
import { PreTokenGenerationVersion } from './types';

/** Cognito's PoolName: 1-128 characters of this set. */
const POOL_NAME = /^[\w\s+=,.@-]+$/;

/** The pool itself: name, feature plan, password policy, removal policy. */
export function validatePool(config: ResolvedAuthConfig): Finding[] {
  return [
    ...validateName(config), ...validateCustomAttributes(config), ...validatePlanFeatures(config),
    ...validatePasswordPolicy(config), ...validateRemovalPolicy(config),
  ];
}

/** Cognito's SchemaAttributeType Name: 1-20 characters, no whitespace (without the `custom:` prefix). */
function validateCustomAttributes(config: ResolvedAuthConfig): Finding[] {
  return Object.keys(config.customAttributes ?? {})
    .filter(name => !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,20}$/u.test(name))
    .map(name => problem(`customAttributes.${name}`, 'must be named with 1 to 20 characters without whitespace (Cognito\'s limit), without the custom: prefix'));
}

function validateName(config: ResolvedAuthConfig): Finding[] {
  const name = config.userPoolName;
  if (name === undefined) return [];
  const findings = checkLength('userPoolName', name, 1, 128);
  const parts = stringParts(name);
  if (parts.literals.some(part => !POOL_NAME.test(part))) {
    findings.push(problem('userPoolName', 'may hold only letters, digits, spaces and + = , . @ - _ (Cognito\'s PoolName pattern)'));
  }
  return findings;
}

function validatePlanFeatures(config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  if (config.threatProtection !== undefined && config.featurePlan !== cognito.FeaturePlan.PLUS) {
    findings.push(problem('threatProtection', 'threat protection needs the Plus feature plan', 'set featurePlan: cognito.FeaturePlan.PLUS or remove threatProtection'));
  }
  if (config.triggers.preTokenGenerationVersion !== PreTokenGenerationVersion.V1 && config.featurePlan === cognito.FeaturePlan.LITE) {
    findings.push(problem('triggers.preTokenGenerationVersion', 'V2 and V3 events need the Essentials or Plus feature plan'));
  }
  return findings;
}

function validatePasswordPolicy(config: ResolvedAuthConfig): Finding[] {
  const policy = config.passwordPolicy;
  const findings: Finding[] = [];
  const min = policy.minLength;
  if (isToken(min)) findings.push(checkedAtDeploy('passwordPolicy.minLength', 'its range (a whole number from 6 to 99)'));
  else if (!Number.isInteger(min) || min < 6 || min > 99) findings.push(problem('passwordPolicy.minLength', `must be a whole number from 6 to 99, got ${min}`));
  const history = policy.passwordHistorySize;
  if (history !== undefined) {
    if (config.featurePlan === cognito.FeaturePlan.LITE) {
      findings.push(problem('passwordPolicy.passwordHistorySize', 'is not available on the Lite feature plan', 'remove it or set featurePlan to ESSENTIALS'));
    } else if (isToken(history)) {
      findings.push(checkedAtDeploy('passwordPolicy.passwordHistorySize', 'its range (a whole number from 0 to 24)'));
    } else if (!Number.isInteger(history) || history < 0 || history > 24) {
      findings.push(problem('passwordPolicy.passwordHistorySize', `must be a whole number from 0 to 24, got ${history}`));
    }
  }
  // CloudFormation takes whole days (TemporaryPasswordValidityDays); the L2 throws on a fraction.
  const temp = policy.tempPasswordValidity;
  if (temp.isUnresolved() && temp.unitLabel() !== 'days') {
    // A token amount cannot be converted at synth time, and CloudFormation takes days.
    findings.push(problem('passwordPolicy.tempPasswordValidity', `is a token in ${temp.unitLabel()}`, 'give it as Duration.days(...)'));
  } else if (temp.isUnresolved()) {
    findings.push(checkedAtDeploy('passwordPolicy.tempPasswordValidity', 'its range (1 to 365 whole days)'));
  } else {
    const days = temp.toDays({ integral: false });
    if (days < 1 || days > 365 || !Number.isInteger(days)) {
      findings.push(problem('passwordPolicy.tempPasswordValidity', `must be from 1 to 365 days, in whole days, got ${temp.toHumanString()}`));
    }
  }
  return findings;
}

/** CloudFormation's Snapshot policy exists only for resources with data snapshots; a user pool has none. */
function validateRemovalPolicy(config: ResolvedAuthConfig): Finding[] {
  return config.removalPolicy === RemovalPolicy.SNAPSHOT
    ? [problem('removalPolicy', 'a user pool cannot be snapshotted', 'use RemovalPolicy.RETAIN (default) to keep its users, or DESTROY')]
    : [];
}

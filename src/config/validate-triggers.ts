import * as cognito from 'aws-cdk-lib/aws-cognito';
import { resolveFeaturePlan, resolveMultifactor, sendsSms } from './defaults';
import { AuthProps, MfaMode } from './types';
import { duplicateTemplates, toCustomMessageHandlerConfig } from '../parts/custom-messages-env';
import { serializeCustomMessageConfig } from '../triggers/custom-message/serialize';
import { validateCustomMessageConfig } from '../triggers/custom-message/validate';

/** A built-in trigger and the Cognito slot it occupies. */
const BUILT_IN_SLOTS = [
  { builtIn: 'mfaByGroup', slot: 'preTokenGeneration' },
  { builtIn: 'signUpGuard', slot: 'preSignUp' },
  { builtIn: 'customMessages', slot: 'customMessage' },
] as const;

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Checks the `triggers` config: slot conflicts and the built-in triggers' own settings. */
export function validateTriggerConfig(props: AuthProps): string[] {
  const triggers = props.triggers;
  if (!triggers) return [];
  const problems: string[] = [];
  for (const { builtIn, slot } of BUILT_IN_SLOTS) {
    if (triggers[builtIn] && triggers[slot]) {
      problems.push(`triggers.${builtIn}: uses the ${slot} trigger, which triggers.${slot} also sets; Cognito allows one function per trigger, so keep one of them.`);
    }
  }
  if (triggers.builtInLogRetention !== undefined && !BUILT_IN_SLOTS.some(({ builtIn }) => triggers[builtIn])) {
    problems.push('triggers.builtInLogRetention: no built-in trigger (mfaByGroup, signUpGuard, customMessages) is configured, so it would do nothing; remove it.');
  }
  problems.push(...validateMfaByGroup(props), ...validateSignUpGuard(props), ...validateCustomMessages(props));
  return problems;
}

function validateMfaByGroup(props: AuthProps): string[] {
  const config = props.triggers?.mfaByGroup;
  if (!config) return [];
  const problems: string[] = [];
  const mode = resolveMultifactor(props).mode;
  if (mode !== MfaMode.OPTIONAL) {
    problems.push(`triggers.mfaByGroup: needs multifactor.mode OPTIONAL (it is ${mode}); with OFF nobody can set up MFA, with REQUIRED everyone already has it.`);
  }
  if (resolveFeaturePlan(props) === cognito.FeaturePlan.LITE) {
    problems.push('triggers.mfaByGroup: needs the Essentials or Plus feature plan, whose V2 token event withholds the groups from access tokens too; set featurePlan to ESSENTIALS (the default).');
  }
  if (!config.groups || config.groups.length === 0) {
    problems.push('triggers.mfaByGroup.groups: name at least one group whose members must use MFA, e.g. ["admins"].');
  }
  const defined = new Set((props.groups ?? []).map(g => g?.name));
  for (const name of config.groups ?? []) {
    if (!defined.has(name)) {
      problems.push(`triggers.mfaByGroup.groups: "${name}" is not in groups; add { name: '${name}' } to groups (a misspelt group would silently protect nobody).`);
    }
  }
  // The trigger withholds group claims, but an identity pool may still pick a group's IAM role from the token.
  for (const group of props.groups ?? []) {
    if (props.identityPool && group?.role && config.groups?.includes(group.name)) {
      problems.push(`triggers.mfaByGroup: group "${group.name}" has an IAM role and an identity pool is configured; the role could reach users without MFA. Remove the role from the group or use multifactor.mode REQUIRED.`);
    }
  }
  const ttl = config.cacheTtl;
  if (ttl && !ttl.isUnresolved() && (ttl.toSeconds() < 0 || ttl.toSeconds() > 3600)) {
    problems.push('triggers.mfaByGroup.cacheTtl must be from 0 to 3600 seconds.');
  }
  return problems;
}

function validateSignUpGuard(props: AuthProps): string[] {
  const guard = props.triggers?.signUpGuard;
  if (!guard) return [];
  const problems: string[] = [];
  for (const key of ['allowedEmailDomains', 'deniedEmailDomains'] as const) {
    (guard[key] ?? []).forEach((domain, index) => {
      if (typeof domain !== 'string' || !DOMAIN_PATTERN.test(domain)) {
        problems.push(`triggers.signUpGuard.${key}[${index}] must be a lowercase domain such as "example.com".`);
      }
    });
  }
  const wantsEmailRules = (guard.allowedEmailDomains?.length ?? 0) + (guard.deniedEmailDomains?.length ?? 0) > 0;
  if (wantsEmailRules && !props.loginWith?.email && !props.userAttributes?.email) {
    problems.push('triggers.signUpGuard: email domain rules need an email address; enable loginWith.email or userAttributes.email.');
  }
  if (guard.requirePhoneNumber && !props.loginWith?.phone && !props.userAttributes?.phoneNumber) {
    problems.push('triggers.signUpGuard.requirePhoneNumber: enable loginWith.phone or userAttributes.phoneNumber so users can give one.');
  }
  return problems;
}

function validateCustomMessages(props: AuthProps): string[] {
  const config = props.triggers?.customMessages;
  if (!config) return [];
  if (!config.templates || config.templates.length === 0) {
    return ['triggers.customMessages.templates: give at least one template, e.g. { source: MessageSource.SIGN_UP, message: `Code ${Placeholders.CODE}` }.'];
  }
  const handlerConfig = toCustomMessageHandlerConfig(config);
  return [
    ...duplicateTemplates(config),
    // A message that may go out by SMS must also fit the 140-character SMS limit.
    ...validateCustomMessageConfig(handlerConfig, { smsDelivery: sendsSms(props) }),
    ...serializeCustomMessageConfig(handlerConfig).problems,
  ];
}

import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { builtInFunctionLogging } from './built-in-function-logging';
import { toCustomMessageEnv } from './custom-messages-env';
import { DEFAULTS, resolveMultifactor } from '../config/defaults';
import { AuthProps, PreTokenGenerationVersion, TriggersConfig } from '../config/types';
import { CustomMessageFunction } from '../triggers/custom-message-function';
import { MfaByGroupFunction } from '../triggers/mfa-by-group-function';
import * as env from '../triggers/runtime/env-names';
import { SignUpGuardFunction } from '../triggers/sign-up-guard-function';

/** User trigger slots that map one-to-one onto the L2's operations. */
const USER_TRIGGER_SLOTS: Array<[keyof TriggersConfig, cognito.UserPoolOperation]> = [
  ['preSignUp', cognito.UserPoolOperation.PRE_SIGN_UP],
  ['postConfirmation', cognito.UserPoolOperation.POST_CONFIRMATION],
  ['preAuthentication', cognito.UserPoolOperation.PRE_AUTHENTICATION],
  ['postAuthentication', cognito.UserPoolOperation.POST_AUTHENTICATION],
  ['customMessage', cognito.UserPoolOperation.CUSTOM_MESSAGE],
  ['defineAuthChallenge', cognito.UserPoolOperation.DEFINE_AUTH_CHALLENGE],
  ['createAuthChallenge', cognito.UserPoolOperation.CREATE_AUTH_CHALLENGE],
  ['verifyAuthChallengeResponse', cognito.UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE],
  ['userMigration', cognito.UserPoolOperation.USER_MIGRATION],
];

/** The built-in trigger functions that were created. */
export interface BuiltInTriggerFunctions {
  readonly mfaByGroup?: lambda.Function;
  readonly signUpGuard?: lambda.Function;
  readonly customMessages?: lambda.Function;
}

/**
 * Wires user and built-in triggers. The L2 `addTrigger` adds an invoke permission for the
 * cognito-idp principal whose SourceArn is this pool only.
 */
export function wireTriggers(scope: Construct, userPool: cognito.UserPool, props: AuthProps): BuiltInTriggerFunctions {
  const triggers = props.triggers ?? {};
  for (const [slot, operation] of USER_TRIGGER_SLOTS) {
    const fn = triggers[slot] as lambda.IFunction | undefined;
    if (fn) userPool.addTrigger(operation, fn);
  }
  if (triggers.preTokenGeneration) addPreTokenGeneration(userPool, triggers.preTokenGeneration, triggers.preTokenGenerationVersion);
  const senders = props.senders;
  if (senders?.customEmailSender) userPool.addTrigger(cognito.UserPoolOperation.CUSTOM_EMAIL_SENDER, senders.customEmailSender);
  if (senders?.customSmsSender) userPool.addTrigger(cognito.UserPoolOperation.CUSTOM_SMS_SENDER, senders.customSmsSender);
  return wireBuiltIns(scope, userPool, props);
}

function addPreTokenGeneration(userPool: cognito.UserPool, fn: lambda.IFunction, version?: PreTokenGenerationVersion) {
  if (!version || version === PreTokenGenerationVersion.V1) {
    userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, fn);
    return;
  }
  const lambdaVersion = version === PreTokenGenerationVersion.V2 ? cognito.LambdaVersion.V2_0 : cognito.LambdaVersion.V3_0;
  userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, lambdaVersion);
}

function wireBuiltIns(scope: Construct, userPool: cognito.UserPool, props: AuthProps): BuiltInTriggerFunctions {
  const triggers = props.triggers ?? {};
  const result: { -readonly [K in keyof BuiltInTriggerFunctions]: BuiltInTriggerFunctions[K] } = {};
  const logging = (functionId: string) => builtInFunctionLogging(scope, functionId, triggers.builtInLogRetention ?? DEFAULTS.builtInLogRetention);

  if (triggers.mfaByGroup) {
    const ttl = triggers.mfaByGroup.cacheTtl ?? DEFAULTS.mfaByGroupCacheTtl;
    const fn = new MfaByGroupFunction(scope, 'MfaByGroupTrigger', {
      ...logging('MfaByGroupTrigger'),
      description: 'Withholds privileged groups from tokens until the user has MFA',
      timeout: Duration.seconds(5),
      environment: {
        [env.MFA_REQUIRED_GROUPS]: JSON.stringify(triggers.mfaByGroup.groups),
        [env.MFA_STATUS_CACHE_TTL_SECONDS]: String(ttl.toSeconds()),
      },
    });
    // V2: the documented event for changing both tokens; V1 changes are documented for the ID token only.
    userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, cognito.LambdaVersion.V2_0);
    result.mfaByGroup = fn;
  }

  if (triggers.signUpGuard) {
    const guard = triggers.signUpGuard;
    const mfa = resolveMultifactor(props);
    const smsOnly = mfa.sms && !mfa.totp && !mfa.email;
    const fn = new SignUpGuardFunction(scope, 'SignUpGuardTrigger', {
      ...logging('SignUpGuardTrigger'),
      description: 'Checks phone number and email domain rules before sign-up',
      environment: {
        [env.REQUIRE_PHONE_NUMBER]: String(guard.requirePhoneNumber ?? smsOnly),
        [env.ALLOWED_EMAIL_DOMAINS]: JSON.stringify(guard.allowedEmailDomains ?? []),
        [env.DENIED_EMAIL_DOMAINS]: JSON.stringify(guard.deniedEmailDomains ?? []),
      },
    });
    userPool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn);
    result.signUpGuard = fn;
  }

  if (triggers.customMessages) {
    const fn = new CustomMessageFunction(scope, 'CustomMessageTrigger', {
      ...logging('CustomMessageTrigger'),
      description: 'Per-message and per-locale Cognito message templates',
      environment: { [env.CUSTOM_MESSAGE_CONFIG]: toCustomMessageEnv(triggers.customMessages) },
    });
    userPool.addTrigger(cognito.UserPoolOperation.CUSTOM_MESSAGE, fn);
    result.customMessages = fn;
  }
  return result;
}

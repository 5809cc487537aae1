import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { builtInFunctionLogging } from './built-in-function-logging';
import { wireInboundFederation } from './inbound-federation';
import { ResolvedAuthConfig, UserTriggerSlot } from '../config/resolved';
import { PreTokenGenerationVersion } from '../config/types';
import { BuiltInTriggerKey } from '../triggers/built-in-trigger';

/**
 * The L2 operation of each user trigger slot (pre token generation V2/V3 use the versioned one);
 * inbound federation has none in aws-cdk-lib yet (inbound-federation.ts).
 */
const OPERATIONS: Record<Exclude<UserTriggerSlot, 'inboundFederation'>, cognito.UserPoolOperation> = {
  preSignUp: cognito.UserPoolOperation.PRE_SIGN_UP,
  postConfirmation: cognito.UserPoolOperation.POST_CONFIRMATION,
  preAuthentication: cognito.UserPoolOperation.PRE_AUTHENTICATION,
  postAuthentication: cognito.UserPoolOperation.POST_AUTHENTICATION,
  customMessage: cognito.UserPoolOperation.CUSTOM_MESSAGE,
  preTokenGeneration: cognito.UserPoolOperation.PRE_TOKEN_GENERATION,
  defineAuthChallenge: cognito.UserPoolOperation.DEFINE_AUTH_CHALLENGE,
  createAuthChallenge: cognito.UserPoolOperation.CREATE_AUTH_CHALLENGE,
  verifyAuthChallengeResponse: cognito.UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE,
  userMigration: cognito.UserPoolOperation.USER_MIGRATION,
};

const TOKEN_EVENT_VERSIONS: Record<PreTokenGenerationVersion, cognito.LambdaVersion | undefined> = {
  [PreTokenGenerationVersion.V1]: undefined,
  [PreTokenGenerationVersion.V2]: cognito.LambdaVersion.V2_0,
  [PreTokenGenerationVersion.V3]: cognito.LambdaVersion.V3_0,
};

/** A function Cognito invokes for this pool, and how messages and alarms name it. */
export interface WiredFunction {
  /** `triggers.preSignUp`, `senders.customEmailSender`, `triggers.mfaByGroup (built-in)`, ... */
  readonly label: string;
  readonly fn: lambda.IFunction;
}

export interface WiredTriggers {
  readonly builtIns: readonly WiredBuiltInTrigger[];
  /** Every function wired: your triggers and senders, then the built-ins. */
  readonly functions: readonly WiredFunction[];
}

/** A built-in trigger's function, and the IAM actions it needs on the pool. */
export interface WiredBuiltInTrigger {
  readonly key: BuiltInTriggerKey;
  readonly fn: lambda.Function;
  readonly grants: readonly string[];
}

/**
 * Wires user and built-in triggers. The L2 `addTrigger` adds an invoke permission for the
 * cognito-idp principal whose SourceArn is this pool only.
 */
export function wireTriggers(scope: Construct, userPool: cognito.UserPool, config: ResolvedAuthConfig): WiredTriggers {
  const triggers = config.triggers;
  const functions: WiredFunction[] = [];
  for (const [slot, fn] of Object.entries(triggers.functions) as Array<[UserTriggerSlot, lambda.IFunction]>) {
    const version = slot === 'preTokenGeneration' ? TOKEN_EVENT_VERSIONS[triggers.preTokenGenerationVersion] : undefined;
    if (slot === 'inboundFederation') wireInboundFederation(userPool, fn);
    else if (version) userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, version);
    else userPool.addTrigger(OPERATIONS[slot], fn);
    functions.push({ label: `triggers.${slot}`, fn });
  }
  const { customEmailSender, customSmsSender } = config.senders;
  if (customEmailSender) {
    userPool.addTrigger(cognito.UserPoolOperation.CUSTOM_EMAIL_SENDER, customEmailSender);
    functions.push({ label: 'senders.customEmailSender', fn: customEmailSender });
  }
  if (customSmsSender) {
    userPool.addTrigger(cognito.UserPoolOperation.CUSTOM_SMS_SENDER, customSmsSender);
    functions.push({ label: 'senders.customSmsSender', fn: customSmsSender });
  }

  const builtIns = triggers.builtIns.map(builtIn => {
    const fn = builtIn.wire(scope, builtInFunctionLogging(scope, builtIn.functionId, triggers.builtInLogRetention));
    userPool.addTrigger(builtIn.slot.operation, fn, builtIn.slot.lambdaVersion);
    functions.push({ label: `triggers.${builtIn.key} (built-in)`, fn });
    return { key: builtIn.key, fn, grants: builtIn.grants };
  });
  return { builtIns, functions };
}

/**
 * Real Cognito trigger event shapes (typed with @types/aws-lambda) for the handler tests.
 */
import type {
  CustomMessageTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';

export const POOL_ID = 'eu-west-1_AbCdEf123';
export const USERNAME = 'alice-7f3c9e';
export const EMAIL = 'alice.secret@example.com';
export const PHONE = '+14155550123';
export const CODE = '{####}';

const base = {
  region: 'eu-west-1',
  userPoolId: POOL_ID,
  userName: USERNAME,
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
};

/** A V1 Pre token generation event. */
export function preTokenV1(groups: string[], triggerSource: PreTokenGenerationTriggerEvent['triggerSource'] = 'TokenGeneration_Authentication'): PreTokenGenerationTriggerEvent {
  return {
    ...base,
    version: '1',
    triggerSource,
    request: {
      userAttributes: { sub: '11112222-3333-4444-5555-666677778888', email: EMAIL, phone_number: PHONE },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined },
    },
    response: { claimsOverrideDetails: null as never },
  } as PreTokenGenerationTriggerEvent;
}

/** A V2 Pre token generation event. */
export function preTokenV2(groups: string[], version: '2' | '3' = '2'): PreTokenGenerationV2TriggerEvent {
  return {
    ...base,
    version,
    triggerSource: 'TokenGeneration_HostedAuth',
    request: {
      userAttributes: { sub: '11112222-3333-4444-5555-666677778888', email: EMAIL },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: ['arn:aws:iam::123456789012:role/admins'], preferredRole: 'arn:aws:iam::123456789012:role/admins' },
      scopes: ['openid', 'aws.cognito.signin.user.admin'],
    },
    response: { claimsAndScopeOverrideDetails: null as never },
  };
}

/** A Pre sign-up event. */
export function preSignUp(
  userAttributes: Record<string, string>,
  triggerSource: PreSignUpTriggerEvent['triggerSource'] = 'PreSignUp_SignUp',
): PreSignUpTriggerEvent {
  return {
    ...base,
    version: '1',
    triggerSource,
    request: { userAttributes, validationData: undefined },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  } as PreSignUpTriggerEvent;
}

/** A Custom message event. */
export function customMessage(
  triggerSource: CustomMessageTriggerEvent['triggerSource'],
  userAttributes: Record<string, string> = { email: EMAIL },
): CustomMessageTriggerEvent {
  return {
    ...base,
    version: '1',
    triggerSource,
    request: {
      userAttributes,
      codeParameter: CODE,
      linkParameter: '{##Click Here##}',
      usernameParameter: triggerSource === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  } as CustomMessageTriggerEvent;
}

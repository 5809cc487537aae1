/**
 * The operations the sandbox answers, each with the AWS SDK's own input type: the wire parses a
 * request body into exactly this shape (see wire/parse-input.ts) before an operation sees it;
 * they live here, with the operations, because the wire sits above the operations and depends on them.
 */
import type * as sdk from '@aws-sdk/client-cognito-identity-provider';

/** Keys a type declares optional (`key?:`). */
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/**
 * An SDK input as the wire delivers it: the SDK types required members as `X: T | undefined`;
 * after parsing they are present.
 */
export type Parsed<T> = { [K in Exclude<keyof T, OptionalKeys<T>>]: Exclude<T[K], undefined> } & { [K in OptionalKeys<T>]?: T[K] };

/** Operation name (as in `X-Amz-Target: AWSCognitoIdentityProviderService.<name>`) to its SDK input type. */
interface SdkInputs {
  readonly AdminAddUserToGroup: sdk.AdminAddUserToGroupCommandInput;
  readonly AdminConfirmSignUp: sdk.AdminConfirmSignUpCommandInput;
  readonly AdminCreateUser: sdk.AdminCreateUserCommandInput;
  readonly AdminDeleteUser: sdk.AdminDeleteUserCommandInput;
  readonly AdminDeleteUserAttributes: sdk.AdminDeleteUserAttributesCommandInput;
  readonly AdminDisableUser: sdk.AdminDisableUserCommandInput;
  readonly AdminEnableUser: sdk.AdminEnableUserCommandInput;
  readonly AdminForgetDevice: sdk.AdminForgetDeviceCommandInput;
  readonly AdminGetDevice: sdk.AdminGetDeviceCommandInput;
  readonly AdminGetUser: sdk.AdminGetUserCommandInput;
  readonly AdminInitiateAuth: sdk.AdminInitiateAuthCommandInput;
  readonly AdminLinkProviderForUser: sdk.AdminLinkProviderForUserCommandInput;
  readonly AdminListDevices: sdk.AdminListDevicesCommandInput;
  readonly AdminListGroupsForUser: sdk.AdminListGroupsForUserCommandInput;
  readonly AdminRemoveUserFromGroup: sdk.AdminRemoveUserFromGroupCommandInput;
  readonly AdminResetUserPassword: sdk.AdminResetUserPasswordCommandInput;
  readonly AdminRespondToAuthChallenge: sdk.AdminRespondToAuthChallengeCommandInput;
  readonly AdminSetUserMFAPreference: sdk.AdminSetUserMFAPreferenceCommandInput;
  readonly AdminSetUserPassword: sdk.AdminSetUserPasswordCommandInput;
  readonly AdminUpdateDeviceStatus: sdk.AdminUpdateDeviceStatusCommandInput;
  readonly AdminUpdateUserAttributes: sdk.AdminUpdateUserAttributesCommandInput;
  readonly AdminUserGlobalSignOut: sdk.AdminUserGlobalSignOutCommandInput;
  readonly AssociateSoftwareToken: sdk.AssociateSoftwareTokenCommandInput;
  readonly ChangePassword: sdk.ChangePasswordCommandInput;
  readonly CompleteWebAuthnRegistration: sdk.CompleteWebAuthnRegistrationCommandInput;
  readonly ConfirmDevice: sdk.ConfirmDeviceCommandInput;
  readonly ConfirmForgotPassword: sdk.ConfirmForgotPasswordCommandInput;
  readonly ConfirmSignUp: sdk.ConfirmSignUpCommandInput;
  readonly CreateGroup: sdk.CreateGroupCommandInput;
  readonly DeleteUser: sdk.DeleteUserCommandInput;
  readonly DeleteUserAttributes: sdk.DeleteUserAttributesCommandInput;
  readonly DeleteWebAuthnCredential: sdk.DeleteWebAuthnCredentialCommandInput;
  readonly DescribeUserPool: sdk.DescribeUserPoolCommandInput;
  readonly DescribeUserPoolClient: sdk.DescribeUserPoolClientCommandInput;
  readonly ForgetDevice: sdk.ForgetDeviceCommandInput;
  readonly ForgotPassword: sdk.ForgotPasswordCommandInput;
  readonly GetDevice: sdk.GetDeviceCommandInput;
  readonly GetTokensFromRefreshToken: sdk.GetTokensFromRefreshTokenCommandInput;
  readonly GetUser: sdk.GetUserCommandInput;
  readonly GetUserAttributeVerificationCode: sdk.GetUserAttributeVerificationCodeCommandInput;
  readonly GetUserAuthFactors: sdk.GetUserAuthFactorsCommandInput;
  readonly GetUserPoolMfaConfig: sdk.GetUserPoolMfaConfigCommandInput;
  readonly GlobalSignOut: sdk.GlobalSignOutCommandInput;
  readonly InitiateAuth: sdk.InitiateAuthCommandInput;
  readonly ListDevices: sdk.ListDevicesCommandInput;
  readonly ListGroups: sdk.ListGroupsCommandInput;
  readonly ListUsers: sdk.ListUsersCommandInput;
  readonly ListUsersInGroup: sdk.ListUsersInGroupCommandInput;
  readonly ListWebAuthnCredentials: sdk.ListWebAuthnCredentialsCommandInput;
  readonly ResendConfirmationCode: sdk.ResendConfirmationCodeCommandInput;
  readonly RespondToAuthChallenge: sdk.RespondToAuthChallengeCommandInput;
  readonly RevokeToken: sdk.RevokeTokenCommandInput;
  readonly SetUserMFAPreference: sdk.SetUserMFAPreferenceCommandInput;
  readonly SetUserPoolMfaConfig: sdk.SetUserPoolMfaConfigCommandInput;
  readonly SignUp: sdk.SignUpCommandInput;
  readonly StartWebAuthnRegistration: sdk.StartWebAuthnRegistrationCommandInput;
  readonly UpdateDeviceStatus: sdk.UpdateDeviceStatusCommandInput;
  readonly UpdateUserAttributes: sdk.UpdateUserAttributesCommandInput;
  readonly VerifySoftwareToken: sdk.VerifySoftwareTokenCommandInput;
  readonly VerifyUserAttribute: sdk.VerifyUserAttributeCommandInput;
}

export type OperationName = keyof SdkInputs;

/** Each operation's input, parsed. */
export type OperationInputs = { [K in OperationName]: Parsed<SdkInputs[K]> };

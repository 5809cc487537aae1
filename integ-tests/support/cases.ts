/**
 * The Auth configs the integ cases deploy, in one place so the cdk-nag tests check exactly these.
 * Every case is deletable (a real-account run must clean up) and lets the admin flow sign in.
 */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { AuthProps, MfaMode, Placeholders } from '../../src';

/** What every integ case adds: deletable pool, and ADMIN_USER_PASSWORD_AUTH for the assertion steps. */
function integ(props: AuthProps): AuthProps {
  return {
    ...props,
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    client: { ...props.client, authFlows: { userSrp: true, adminUserPassword: true } },
  };
}

/** SES needs a verified identity for a real deploy; override it there (the snapshot uses the default). */
export const SES_FROM_EMAIL = process.env.INTEG_SES_FROM_EMAIL ?? 'noreply@example.com';

export const INTEG_CASES = {
  /** Default config: TOTP required. */
  totpRequired: integ({ loginWith: { email: {} } }),

  /** Phone sign-in, SMS + TOTP optional, custom SMS MFA text. */
  smsTotpOptional: integ({
    loginWith: { phone: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: { message: `Your code: ${Placeholders.CODE}` } },
  }),

  /** Email codes as a second factor through SES. */
  emailMfa: integ({
    loginWith: { email: {} },
    // The integ stacks are region-agnostic, so the L2 cannot default sesRegion to the stack's region.
    senders: { email: { fromEmail: SES_FROM_EMAIL, sesRegion: Aws.REGION } },
    multifactor: {
      mode: MfaMode.REQUIRED,
      totp: true,
      email: { subject: 'Your sign-in code', message: `Your sign-in code is ${Placeholders.CODE}` },
    },
  }),

  /** Remembered devices. */
  deviceTracking: integ({
    loginWith: { email: {} },
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
  }),

  /** Built-in triggers: MFA by group (pre token generation) and the sign-up guard (pre sign-up). */
  builtInTriggers: integ({
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    groups: [{ name: 'admins' }],
    triggers: {
      mfaByGroup: { groups: ['admins'] },
      signUpGuard: { deniedEmailDomains: ['example.org'] },
    },
  }),
} satisfies Record<string, AuthProps>;

export type IntegCaseName = keyof typeof INTEG_CASES;

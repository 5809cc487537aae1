/**
 * The stack both flow targets use: the sandbox synthesizes it in-process, a real account deploys it
 * with `cdk deploy --app 'npx ts-node --project test/tsconfig.json test/flows/flow-app.ts'`.
 */
import { Auth, MfaMode } from '@cdk-mfa/auth';
import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Stack name used by flow-app.ts (and therefore the top-level key of the outputs file). */
export const FLOW_STACK_NAME = 'CdkMfaAuthFlows';

export interface FlowStackProps extends StackProps {
  /**
   * The verified SES From address for email (sign-up codes and email MFA).
   * @default process.env.FLOW_FROM_EMAIL ?? 'noreply@example.com'
   */
  readonly fromEmail?: string;
}

export class FlowStack extends Stack {
  public readonly auth: Auth;

  constructor(scope: Construct, id: string, props: FlowStackProps = {}) {
    super(scope, id, props);
    this.auth = new Auth(this, 'Auth', {
      loginWith: { email: {} },
      userAttributes: { phoneNumber: { required: false, mutable: true } },
      multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {}, email: {} },
      senders: { email: { fromEmail: props.fromEmail ?? process.env.FLOW_FROM_EMAIL ?? 'noreply@example.com' } },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
      client: { authFlows: { userSrp: true, userPassword: true, adminUserPassword: true } },
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
    });
  }
}

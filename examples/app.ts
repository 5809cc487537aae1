/**
 * Example app: a platform team's stack with the Auth construct, synthesized and summarized.
 * Run with `npx projen example`.
 */
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Auth, MfaMode, Placeholders } from '../src';
import { summarizeTemplate } from '../packages/cli/src/client/template-summary';

export class ExampleAuthStack extends Stack {
  public readonly auth: Auth;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.auth = new Auth(this, 'Auth', {
      loginWith: {
        email: { verificationEmailSubject: 'Welcome to Example', verificationEmailBody: `Your Example code is ${Placeholders.CODE}` },
      },
      userAttributes: { phoneNumber: { required: false, mutable: true } },
      multifactor: {
        mode: MfaMode.REQUIRED,
        totp: true,
        sms: { message: `Your Example sign-in code is ${Placeholders.CODE}` },
      },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      groups: [{ name: 'admins', precedence: 0 }],
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'examples/cdk.out' });
  const stack = new ExampleAuthStack(app, 'ExampleAuthStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  console.log(summarizeTemplate(stack.stackName, artifact.template).join('\n'));
  console.log(`Template written to ${artifact.templateFullPath}`);
}

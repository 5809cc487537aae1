import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { App } from 'aws-cdk-lib';
import { ExampleAuthStack } from '../../../../examples/app';
import { AskOptions, runWalkthrough } from '../../../../examples/walkthrough';
import { Sandbox, startSandbox } from '../../src/sandbox';
import { sandboxClient, TestClock, totpCode } from '../support';

const PASSWORD = 'Walkthrough-Passw0rd!';
const EMAIL = 'walker@example.com';

/** Synthesizes the example stack as `npx projen example` does, into a temporary cdk.out. */
function synthExample(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'walkthrough-'));
  const app = new App({ outdir });
  new ExampleAuthStack(app, 'ExampleAuthStack', { env: { account: '123456789012', region: 'us-east-1' } });
  app.synth();
  return path.join(outdir, 'ExampleAuthStack.template.json');
}

describe('examples/walkthrough.ts', () => {
  let template: string;
  let sandbox: Sandbox;
  const clock = new TestClock();
  const sandboxLog: string[] = [];

  beforeAll(async () => {
    template = synthExample();
    // Started like `npx projen sandbox`: the template file's name is the stack name the IDs derive from.
    sandbox = await startSandbox({ templatePath: template, clock: clock.now, log: line => sandboxLog.push(line) });
  });

  afterAll(async () => {
    await sandbox?.stop();
    fs.rmSync(path.dirname(template), { recursive: true, force: true });
  });

  test('signs up, sets up TOTP from the printed URI, signs in with SRP + TOTP and remembers the device', async () => {
    const lines: string[] = [];
    const questions: string[] = [];
    const sent: string[] = [];
    const admin = sandboxClient(sandbox);
    const secret = () => {
      const uri = lines.find(l => l.includes('otpauth://totp/'));
      const match = uri && /[?&]secret=([A-Z2-7]+)/.exec(uri);
      if (!match) throw new Error('no otpauth URI with a secret was printed');
      return match[1];
    };
    // Plays the person: reads the email in the sandbox outbox, and the authenticator app with otpauth.
    const ask = async (question: string, options?: AskOptions): Promise<string> => {
      questions.push(question);
      let answer: string;
      if (question.startsWith('Email address')) {
        answer = EMAIL;
      } else if (question.startsWith('Password')) {
        expect(options?.hidden).toBe(true);
        return PASSWORD;
      } else if (question.startsWith('Confirmation code')) {
        answer = sandbox.outbox.latest({ channel: 'EMAIL', purpose: 'SIGN_UP' })!.code!;
      } else if (/6-digit code/.test(question)) {
        if (question.startsWith('Next')) {
          // The setup code's time step is spent: the app shows the next code 30 s later.
          clock.advance(30_000);
          // An operator puts the user in a group meanwhile; the next tokens carry it.
          await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: sandbox.userPools[0].id, Username: EMAIL, GroupName: 'admins' }));
        }
        answer = totpCode(secret(), clock.now());
      } else if (question.startsWith('Remember this device')) {
        answer = 'y';
      } else {
        throw new Error(`unexpected question: ${question}`);
      }
      sent.push(answer);
      return answer;
    };

    try {
      const result = await runWalkthrough({ ask, out: line => lines.push(line), endpoint: sandbox.endpoint, template });

      expect(result).toMatchObject({
        userPoolId: sandbox.userPools[0].id,
        clientId: sandbox.userPools[0].clients[0].id,
        email: EMAIL,
        totpEnrolled: true,
        claims: { email: EMAIL, groups: ['admins'] },
        deviceRemembered: true,
        signedInWithDevice: true,
      });
      expect(result.claims.sub).toMatch(/^[0-9a-f-]{36}$/);
      expect(questions).toEqual([
        expect.stringMatching(/^Email address/),
        expect.stringMatching(/^Password/),
        expect.stringMatching(/^Confirmation code/),
        expect.stringMatching(/^6-digit code shown in the app/),
        expect.stringMatching(/^Next 6-digit code/),
        expect.stringMatching(/^Remember this device/),
      ]);

      const printed = lines.join('\n');
      expect(printed).toContain(`sub: ${result.claims.sub}`);
      expect(printed).toContain(`email: ${EMAIL}`);
      expect(printed).toContain('cognito:groups: admins');
      expect(printed).toMatch(/[\u2580\u2584\u2588]/); // the terminal QR code
      expect(printed).toContain('no code was asked');
      // The secret is shown on purpose (QR/URI); passwords, tokens and the codes typed in are not.
      expect(printed).not.toContain(PASSWORD);
      expect(printed).not.toContain('eyJ');
      const codes = sent.filter(a => /^\d{6}$/.test(a));
      expect(codes).toHaveLength(3); // the emailed code, the setup TOTP code, the sign-in TOTP code
      for (const code of codes) expect(printed).not.toContain(code);
    } finally {
      admin.destroy();
    }
  });
});

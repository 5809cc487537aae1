/**
 * One template, every reader: the sandbox, watch reload, client-config and the summary must say the
 * same about MFA methods, intrinsics, password defaults, a Stage's cdk.out and immutable changes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Auth, AuthProps } from '@cdk-mfa/auth';
import { immutablePoolChanges, readCloudAssembly } from '@cdk-mfa/auth/template';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { authClientDescriptionFromTemplate } from '../../src/client';
import { summarizeTemplate } from '../../src/client/template-summary';
import { immutableDifferences } from '../../src/sandbox/dev/reload';
import { readResources } from '../../src/sandbox/template/template-reader';
import { loadTemplates } from '../../src/sandbox/template/template-source';

const REGION = 'eu-west-1';

/** Everything each consumer says about the single pool of `template`. */
function readAll(template: any) {
  const sandbox = readResources(loadTemplates({ template }), REGION);
  const pool = sandbox.pools[0];
  const client = authClientDescriptionFromTemplate(template, { region: REGION, userPoolId: pool.id, userPoolClientId: sandbox.clients[0]?.id ?? 'client' });
  const summary = summarizeTemplate('Stack', template);
  return { pool, sandboxClients: sandbox.clients, client, summary };
}

const pool = (props: Record<string, unknown>) => ({ Type: 'AWS::Cognito::UserPool', Properties: props });

describe('MFA ON without EnabledMfas: SMS everywhere (CloudFormation enables SMS_MFA)', () => {
  test.each(['ON', 'OPTIONAL'])('MfaConfiguration %s', mode => {
    const { pool: p, client, summary } = readAll({ Resources: { Pool: pool({ MfaConfiguration: mode }) } });
    expect(p.enabledMfas).toEqual(['SMS_MFA']);
    expect(client.mfaMethods).toEqual(['SMS']);
    expect(summary.join('\n')).toMatch(/MFA: (REQUIRED|OPTIONAL) with SMS$/m);
  });

  test('OFF offers nothing, and an explicit list wins', () => {
    expect(readAll({ Resources: { Pool: pool({ MfaConfiguration: 'OFF', EnabledMfas: ['SMS_MFA'] }) } }).client.mfaMethods).toEqual([]);
    const totp = readAll({ Resources: { Pool: pool({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] }) } });
    expect(totp.pool.enabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(totp.client.mfaMethods).toEqual(['TOTP']);
    expect(totp.summary.join('\n')).toMatch(/MFA: REQUIRED with TOTP$/m);
  });
});

describe('password policy defaults come from one place', () => {
  test('no policy: 8 characters, every class required', () => {
    const { pool: p, client, summary } = readAll({ Resources: { Pool: pool({}) } });
    expect(p.passwordPolicy).toMatchObject({
      minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 7,
    });
    expect(client.passwordPolicy).toEqual({
      minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true,
    });
    expect(summary).toContain('  password: min 8 characters');
  });

  test('a policy keeps the requirements it omits on (as aws-cdk-lib documents) and turns off those it says false; an omitted length is 8', () => {
    const { pool: p, client, summary } = readAll({ Resources: { Pool: pool({ Policies: { PasswordPolicy: { RequireNumbers: false, RequireSymbols: 'false' } } }) } });
    expect(p.passwordPolicy).toMatchObject({
      minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: false, requireSymbols: false,
    });
    expect(client.passwordPolicy).toEqual({
      minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: false, requireSymbols: false,
    });
    expect(summary).toContain('  password: min 8 characters');
  });
});

describe('Ref, Fn::Join and Fn::Sub resolve the same for the sandbox, client-config and the summary', () => {
  const template = {
    Resources: {
      Pool: pool({ MfaConfiguration: 'OFF' }),
      Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: 'Pool' }, Domain: { 'Fn::Join': ['-', ['app', { Ref: 'AWS::Region' }]] } } },
      Client: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: { Ref: 'Pool' },
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid'],
          CallbackURLs: [{ 'Fn::Sub': 'https://${AWS::Region}.example.com/callback' }],
          LogoutURLs: ['https://example.com/'],
        },
      },
      Group: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { UserPoolId: { Ref: 'Pool' }, GroupName: { 'Fn::Sub': 'admins-${AWS::Region}' } } },
    },
  };

  test('every reader sees the resolved values', () => {
    const { pool: p, sandboxClients, client, summary } = readAll(template);
    expect(p.hosted.domains).toEqual([`app-${REGION}`]);
    expect(sandboxClients[0].oauth.callbackUrls).toEqual([`https://${REGION}.example.com/callback`]);
    expect(p.groups.map(g => g.name)).toEqual([`admins-${REGION}`]);

    expect(client.oauth?.domain).toBe(`app-${REGION}.auth.${REGION}.amazoncognito.com`);
    expect(client.oauth?.redirectSignIn).toEqual([`https://${REGION}.example.com/callback`]);
    expect(client.groups).toEqual([{ name: `admins-${REGION}` }]);

    // The summary has no deployed region: it shows the placeholder, but the domain and client are the pool's.
    expect(summary).toContain('  domain: app-<region>.auth.<region>.amazoncognito.com (classic hosted UI)');
    expect(summary).toContain('  app client Client: OAuth code; callback URLs https://<region>.example.com/callback');
  });
});

describe('cdk.out with a Stage is read through its manifest', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agreement-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the nested assembly\'s stack is found; a stray template the manifest does not list is not read', () => {
    const app = new App({ outdir: dir });
    const stage = new Stage(app, 'Prod');
    new Auth(new Stack(stage, 'AuthStack', { env: { account: '123456789012', region: REGION } }), 'Auth', { loginWith: { email: {} } });
    app.synth();
    fs.writeFileSync(path.join(dir, 'Stray.template.json'), JSON.stringify({ Resources: { Pool: pool({}) } }));

    const stacks = readCloudAssembly(dir);
    expect(stacks.map(s => s.displayName)).toEqual(['Prod/AuthStack']);
    expect(stacks[0].stackName).toBe('Prod-AuthStack');
    expect(stacks[0].assemblyDir).toBe(path.join(dir, 'assembly-Prod'));

    const sources = loadTemplates({ cdkOutDir: dir });
    expect(sources.map(s => s.stackName)).toEqual([stacks[0].artifactId]);
    const { pools } = readResources(sources, REGION);
    expect(pools).toHaveLength(1);
    expect(pools[0].usernameAttributes).toEqual(['email']);
  });

  test('a directory without a manifest is refused, not globbed', () => {
    fs.writeFileSync(path.join(dir, 'Stack.template.json'), JSON.stringify({ Resources: { Pool: pool({}) } }));
    expect(() => loadTemplates({ cdkOutDir: dir })).toThrow(/manifest\.json/);
  });
});

describe('immutable changes: the construct check and watch reload refuse the same ones', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agreement-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Synthesizes into `dir` (the construct compares with the previous synth there) and returns the stack and its template. */
  function synth(props: AuthProps) {
    const app = new App({ outdir: dir });
    const stack = new Stack(app, 'AuthStack', { env: { account: '123456789012', region: REGION } });
    new Auth(stack, 'Auth', props);
    const assembly = app.synth();
    return { stack, template: assembly.getStackByName('AuthStack').template };
  }
  const sandboxPool = (template: any) => readResources(loadTemplates({ template }), REGION).pools[0];
  const WARNING = Match.stringLikeRegexp('Cognito cannot change');

  test.each<[string, AuthProps, AuthProps, string]>([
    ['sign-in attributes', { loginWith: { email: {} } }, { loginWith: { email: {}, phone: {} } }, 'UsernameAttributes'],
    ['case sensitivity', { loginWith: { email: {} } }, { loginWith: { email: {} }, signInCaseSensitive: true }, 'UsernameConfiguration'],
    ['a new required attribute', { loginWith: { email: {} } }, { loginWith: { email: {} }, userAttributes: { givenName: { required: true } } }, 'Schema'],
  ])('%s: both refuse', (_name, before, after, setting) => {
    const first = synth(before);
    const second = synth(after);
    Annotations.fromStack(second.stack).hasWarning('*', Match.stringLikeRegexp(`Cognito cannot change .*${setting}`));
    const changes = immutablePoolChanges(sandboxPool(first.template).properties!, sandboxPool(second.template).properties!);
    expect(changes.map(c => c.setting)).toContain(setting);
    expect(immutableDifferences(sandboxPool(first.template), sandboxPool(second.template)).length).toBeGreaterThan(0);
  });

  test('a password change: neither refuses', () => {
    const first = synth({ loginWith: { email: {} } });
    const second = synth({ loginWith: { email: {} }, passwordPolicy: { minLength: 14 } });
    Annotations.fromStack(second.stack).hasNoWarning('*', WARNING);
    expect(immutableDifferences(sandboxPool(first.template), sandboxPool(second.template))).toEqual([]);
  });
});

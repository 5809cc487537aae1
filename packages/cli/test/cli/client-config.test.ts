import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { versionedAuthOutputSchema } from '@aws-amplify/backend-output-schemas';
import { Auth, AuthProps, MfaMode } from '@cdk-mfa/auth';
import { App, Stack } from 'aws-cdk-lib';
import { runClientConfig } from '../../src/cli/client-config';
import { main } from '../../src/cli/main';
import { authClientDescriptionFromTemplate, buildAmplifyAuthStackOutputs, buildAmplifyOutputs } from '../../src/client';

const IDS = {
  AuthUserPoolId: 'eu-west-1_AbCdEf123',
  AuthUserPoolClientId: '1example23456789abcdefghij',
  AuthRegion: 'eu-west-1',
};
const IDENTITY_POOL_ID = 'eu-west-1:11111111-2222-3333-4444-555555555555';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-config-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Real synthesis into cdk.out in the tmp dir; returns the template path as `cdk synth` leaves it. */
function synth(props: AuthProps, stackName = 'AppStack', build?: (stack: Stack) => void): string {
  const app = new App({ outdir: path.join(dir, 'cdk.out') });
  const stack = new Stack(app, stackName, { env: { account: '123456789012', region: 'eu-west-1' } });
  new Auth(stack, 'Auth', props);
  build?.(stack);
  const assembly = app.synth();
  return path.join(assembly.directory, assembly.getStackByName(stackName).templateFile);
}

function writeOutputs(outputs: Record<string, Record<string, string>>): string {
  const file = path.join(dir, 'outputs.json');
  fs.writeFileSync(file, JSON.stringify(outputs, null, 2));
  return file;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runClientConfig(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out, err };
}

/**
 * `@aws-amplify/core` is not installed, so the shape is checked the way test/client/amplify-outputs.test.ts
 * does: the same description, as Amplify's backend stack outputs, parses with Amplify's published zod
 * schema, and carries the same facts as the written file.
 */
function expectAmplifyShape(written: any, templatePath: string, identityPoolId?: string) {
  const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
  const description = authClientDescriptionFromTemplate(template, {
    region: written.auth.aws_region, userPoolId: written.auth.user_pool_id, userPoolClientId: written.auth.user_pool_client_id, identityPoolId,
  });
  expect(written).toEqual(JSON.parse(JSON.stringify(buildAmplifyOutputs(description))));
  const stack = buildAmplifyAuthStackOutputs(description);
  expect(versionedAuthOutputSchema.parse(stack)).toEqual(stack);
  expect(stack.payload.userPoolId).toBe(written.auth.user_pool_id);
  expect(stack.payload.webClientId).toBe(written.auth.user_pool_client_id);
  expect(JSON.parse(stack.payload.mfaTypes)).toEqual(written.auth.mfa_methods);
  // The v1.4 auth fields Amplify.configure and the Authenticator read.
  expect(written.version).toBe('1.4');
  for (const key of ['aws_region', 'user_pool_id', 'user_pool_client_id', 'mfa_configuration', 'mfa_methods',
    'username_attributes', 'standard_required_attributes', 'user_verification_types', 'password_policy', 'groups']) {
    expect(written.auth).toHaveProperty(key);
  }
}

describe('client-config writes amplify_outputs.json from a real synthesis and deploy outputs', () => {
  test('default config (TOTP required), default --construct-id and --out', async () => {
    const templatePath = synth({ loginWith: { email: {} } });
    const outputsFile = writeOutputs({ AppStack: { ...IDS, SomethingElse: 'x' } });
    const outPath = path.join(dir, 'web', 'src', 'amplify_outputs.json');
    const { code, out, err } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--out', outPath]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(outPath);
    expect(out[0]).toContain(IDS.AuthUserPoolId);
    expect(out[0]).toContain(IDS.AuthUserPoolClientId);

    const text = fs.readFileSync(outPath, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "auth": {');
    const written = JSON.parse(text);
    expect(written.auth).toMatchObject({
      aws_region: 'eu-west-1',
      user_pool_id: IDS.AuthUserPoolId,
      user_pool_client_id: IDS.AuthUserPoolClientId,
      mfa_configuration: 'REQUIRED',
      mfa_methods: ['TOTP'],
      username_attributes: ['email'],
    });
    expect(written.auth.identity_pool_id).toBeUndefined();
    expectAmplifyShape(written, templatePath);
  });

  test('optional SMS + TOTP, identity pool, custom construct id, and a stack picked from several', async () => {
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    const stack = new Stack(app, 'WebStack', { env: { account: '123456789012', region: 'us-east-2' } });
    new Auth(stack, 'Customer-Auth', {
      loginWith: { phone: {} },
      multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} },
      identityPool: { allowUnauthenticated: false },
    });
    const assembly = app.synth();
    const templatePath = path.join(assembly.directory, assembly.getStackByName('WebStack').templateFile);
    const outputsFile = writeOutputs({
      OtherStack: { BucketName: 'b' },
      WebStack: {
        CustomerAuthUserPoolId: 'us-east-2_XyZ987654',
        CustomerAuthUserPoolClientId: 'abcdefghij1234567890klmnop',
        CustomerAuthRegion: 'us-east-2',
        CustomerAuthIdentityPoolId: IDENTITY_POOL_ID.replace('eu-west-1', 'us-east-2'),
      },
    });
    const outPath = path.join(dir, 'amplify_outputs.json');
    const { code, out, err } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--construct-id', 'Customer-Auth', '--out', outPath]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toContain('stack WebStack');
    const written = JSON.parse(fs.readFileSync(outPath, 'utf8'));
    expect(written.auth).toMatchObject({
      aws_region: 'us-east-2',
      user_pool_id: 'us-east-2_XyZ987654',
      user_pool_client_id: 'abcdefghij1234567890klmnop',
      identity_pool_id: IDENTITY_POOL_ID.replace('eu-west-1', 'us-east-2'),
      unauthenticated_identities_enabled: false,
      mfa_configuration: 'OPTIONAL',
      mfa_methods: ['SMS', 'TOTP'],
      username_attributes: ['phone_number'],
    });
    expectAmplifyShape(written, templatePath, written.auth.identity_pool_id);
  });

  test('MFA off and --stack given explicitly', async () => {
    const templatePath = synth({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OFF } }, 'Prod');
    const outputsFile = writeOutputs({ Dev: { ...IDS, AuthUserPoolId: 'eu-west-1_Dev000000' }, Prod: IDS });
    const outPath = path.join(dir, 'amplify_outputs.json');
    const { code } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--stack', 'Prod', '--out', outPath]);
    expect(code).toBe(0);
    const written = JSON.parse(fs.readFileSync(outPath, 'utf8'));
    expect(written.auth.user_pool_id).toBe(IDS.AuthUserPoolId);
    expect(written.auth.mfa_configuration).toBe('NONE');
    expect(written.auth.mfa_methods).toEqual([]);
    expectAmplifyShape(written, templatePath);
  });

  test('two stacks with our outputs: the template file name picks the stack', async () => {
    const templatePath = synth({ loginWith: { email: {} } }, 'Prod');
    const outputsFile = writeOutputs({ Dev: { ...IDS, AuthUserPoolId: 'eu-west-1_Dev000000' }, Prod: IDS });
    const outPath = path.join(dir, 'amplify_outputs.json');
    expect((await run(['--template', templatePath, '--outputs-file', outputsFile, '--out', outPath])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(outPath, 'utf8')).auth.user_pool_id).toBe(IDS.AuthUserPoolId);
  });

  test('two Auth constructs in one stack: the template output names the user pool', async () => {
    const templatePath = synth({ loginWith: { email: {} } }, 'AppStack', stack => {
      new Auth(stack, 'Staff', { loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} } });
    });
    const outputsFile = writeOutputs({
      AppStack: { ...IDS, StaffUserPoolId: 'eu-west-1_Staff1234', StaffUserPoolClientId: 'staffclient1234567890abcd', StaffRegion: 'eu-west-1' },
    });
    const outPath = path.join(dir, 'staff.json');
    const { code, err } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--construct-id', 'Staff', '--out', outPath]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const written = JSON.parse(fs.readFileSync(outPath, 'utf8'));
    expect(written.auth).toMatchObject({
      user_pool_id: 'eu-west-1_Staff1234', mfa_configuration: 'OPTIONAL', mfa_methods: ['SMS', 'TOTP'], username_attributes: ['phone_number'],
    });
  });

  test('hosted sign-in: the deployed <id>Domain output names the domain, even when the template has a token prefix', async () => {
    const oauth = { callbackUrls: ['https://app.example.com/'], logoutUrls: ['https://app.example.com/out'] };
    // A prefix only deploy time knows (a parameter): the template cannot say the host name.
    const tokenTemplate = JSON.parse(fs.readFileSync(synth({
      loginWith: { email: {} }, client: { oauth }, domain: { cognitoPrefix: 'placeholder' },
    }, 'TokenStack'), 'utf8'));
    const domainResource = Object.values<any>(tokenTemplate.Resources).find(r => r.Type === 'AWS::Cognito::UserPoolDomain');
    domainResource.Properties.Domain = { Ref: 'DomainPrefix' };
    const tokenTemplatePath = path.join(dir, 'TokenStack.template.json');
    fs.writeFileSync(tokenTemplatePath, JSON.stringify(tokenTemplate));
    const outPath = path.join(dir, 'amplify_outputs.json');

    const withoutDomain = await run(['--template', tokenTemplatePath, '--outputs-file', writeOutputs({ TokenStack: IDS }), '--out', outPath]);
    expect(withoutDomain.code).toBe(1);
    expect(withoutDomain.err.join('\n')).toMatch(/UserPoolDomain Domain .*<id>Domain/);

    const deployed = 'acme-prod.auth.eu-west-1.amazoncognito.com';
    const withDomain = await run(['--template', tokenTemplatePath, '--outputs-file', writeOutputs({ TokenStack: { ...IDS, AuthDomain: deployed } }), '--out', outPath]);
    expect(withDomain.err).toEqual([]);
    expect(withDomain.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(outPath, 'utf8')).auth.oauth).toMatchObject({ domain: deployed, redirect_sign_in_uri: oauth.callbackUrls });
  });

  test('is registered in the CLI dispatcher', async () => {
    const templatePath = synth({ loginWith: { email: {} } });
    const outputsFile = writeOutputs({ AppStack: IDS });
    const outPath = path.join(dir, 'via-main.json');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['client-config', '--template', templatePath, '--outputs-file', outputsFile, '--out', outPath])).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(JSON.parse(fs.readFileSync(outPath, 'utf8')).auth.user_pool_id).toBe(IDS.AuthUserPoolId);
  });
});

describe('client-config errors', () => {
  let templatePath: string;
  beforeEach(() => { templatePath = synth({ loginWith: { email: {} } }); });
  const outPath = () => path.join(dir, 'amplify_outputs.json');

  test('a missing output is named, with the available ones listed', async () => {
    const outputsFile = writeOutputs({ AppStack: { AuthUserPoolId: IDS.AuthUserPoolId, AuthRegion: 'eu-west-1', BucketName: 'b' } });
    const { code, err } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('AuthUserPoolClientId');
    expect(err.join('\n')).toContain('available: AuthRegion, AuthUserPoolId, BucketName');
    expect(fs.existsSync(outPath())).toBe(false);
  });

  test('a wrong --construct-id names the output it looked for', async () => {
    const outputsFile = writeOutputs({ AppStack: IDS });
    const { code, err } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--construct-id', 'Login', '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/no output LoginUserPoolId \(available: AuthRegion, AuthUserPoolClientId, AuthUserPoolId\)/);
  });

  test('a stack missing from the outputs file', async () => {
    const outputsFile = writeOutputs({ AppStack: IDS });
    const { code, err } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--stack', 'Nope', '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('no stack Nope (stacks: AppStack)');
  });

  test('several stacks and none with our outputs', async () => {
    const outputsFile = writeOutputs({ A: { X: '1' }, B: { Y: '2' } });
    const { code, err } = await run(['--template', templatePath, '--outputs-file', outputsFile, '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('no stack has an output AuthUserPoolId (stacks: A, B)');
  });

  test('a template and an outputs file of different stacks are refused, naming both (the manifest names the template\'s stack)', async () => {
    // Two stacks of one app: A with TOTP only, B with TOTP and SMS; both Auth constructs have the same output names.
    const app = new App({ outdir: path.join(dir, 'two') });
    const env = { account: '123456789012', region: 'eu-west-1' };
    new Auth(new Stack(app, 'A', { env }), 'Auth', { loginWith: { email: {} } });
    new Auth(new Stack(app, 'B', { env }), 'Auth', { loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} } });
    const assembly = app.synth();
    const aTemplate = path.join(assembly.directory, assembly.getStackByName('A').templateFile);
    const bOutputs = path.join(dir, 'B-outputs.json');
    fs.writeFileSync(bOutputs, JSON.stringify({ B: { ...IDS, AuthUserPoolId: 'eu-west-1_B00000000' } }));
    const { code, err } = await run(['--template', aTemplate, '--outputs-file', bOutputs, '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toBe(`cdk-mfa-auth: --template ${aTemplate} is stack A, but the outputs are stack B's in --outputs-file ${bOutputs}: `
      + '--outputs-file has no stack A; give the outputs file of its deploy');
    expect(fs.existsSync(outPath())).toBe(false);
    // --stack B with A's template: the same refusal, naming A as the stack to pass.
    fs.writeFileSync(bOutputs, JSON.stringify({ A: IDS, B: { ...IDS, AuthUserPoolId: 'eu-west-1_B00000000' } }));
    const explicit = await run(['--template', aTemplate, '--outputs-file', bOutputs, '--stack', 'B', '--out', outPath()]);
    expect(explicit.code).toBe(1);
    expect(explicit.err.join('\n')).toContain('is stack A, but the outputs are stack B\'s');
    expect(explicit.err.join('\n')).toContain('pass --stack A');
    expect(fs.existsSync(outPath())).toBe(false);
  });

  test('a template copied out of cdk.out: outputs it declares that the deployed stack lacks are refused', async () => {
    const copied = path.join(dir, 'Web.template.json');
    const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
    template.Outputs.AuthIdentityPoolId = { Value: { Ref: 'IdentityPool' } };
    fs.writeFileSync(copied, JSON.stringify(template));
    const outputsFile = writeOutputs({ Other: IDS });
    const { code, err } = await run(['--template', copied, '--outputs-file', outputsFile, '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(new RegExp(`--template ${copied} declares outputs that stack Other in --outputs-file ${outputsFile} lacks \\(AuthIdentityPoolId\\): the two files are of different stacks`));
    expect(fs.existsSync(outPath())).toBe(false);
  });

  test('an unreadable template', async () => {
    const outputsFile = writeOutputs({ AppStack: IDS });
    const missing = path.join(dir, 'cdk.out', 'Missing.template.json');
    const { code, err } = await run(['--template', missing, '--outputs-file', outputsFile, '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(`--template: cannot read ${missing}`);
  });

  test('a template that is not JSON', async () => {
    const bad = path.join(dir, 'bad.template.json');
    fs.writeFileSync(bad, '{ not json');
    const { code, err } = await run(['--template', bad, '--outputs-file', writeOutputs({ AppStack: IDS }), '--out', outPath()]);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('is not JSON');
  });

  test('command line mistakes exit 2 with usage', async () => {
    for (const args of [[], ['--template', templatePath], ['--template', templatePath, '--outputs-file', 'x', '--bogus']]) {
      const { code, err } = await run(args);
      expect(code).toBe(2);
      expect(err.join('\n')).toContain('usage: cdk-mfa-auth client-config');
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toContain('--outputs-file');
  });
});

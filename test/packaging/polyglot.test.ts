import * as fs from 'fs';
import * as path from 'path';
import { differences, LANGUAGES, normalize, readmeInstall } from '../../scripts/polyglot';

/**
 * The pure parts of the polyglot check (scripts/polyglot.ts; CI runs the apps themselves): what it reads
 * from README's install table, and what it sets aside before comparing templates.
 */
const REPO = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const { peerDependencies } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
/** The oldest versions the peer ranges allow: what the apps install. */
const CDK = peerDependencies['aws-cdk-lib'].replace(/^\^/, '');
const CONSTRUCTS = peerDependencies.constructs.replace(/^\^/, '');

describe("README's install table", () => {
  test('Python, Java and Go show the package with the oldest peers the range allows', () => {
    expect(readmeInstall(readme, 'python')).toEqual([`pip install cdk-mfa-auth aws-cdk-lib==${CDK} constructs==${CONSTRUCTS}`]);
    const java = readmeInstall(readme, 'java');
    expect(java).toHaveLength(3);
    expect(java[0]).toContain('<artifactId>cdk-mfa-auth</artifactId><version>VERSION</version>');
    expect(java[1]).toContain(`<artifactId>aws-cdk-lib</artifactId><version>${CDK}</version>`);
    expect(java[2]).toContain(`<artifactId>constructs</artifactId><version>${CONSTRUCTS}</version>`);
    expect(readmeInstall(readme, 'go')).toEqual([
      `go get github.com/example/cdk-mfa-auth-go/cdkmfaauth github.com/aws/aws-cdk-go/awscdk/v2@v${CDK} github.com/aws/constructs-go/constructs/v10@v${CONSTRUCTS}`,
    ]);
  });

  test('says plainly that .NET is not yet proven in an app', () => {
    expect(readme).toMatch(/\| \.NET \(NuGet\) \|[^\n]*not yet proven in a \.NET app/);
  });

  test('a row without an install command is an error, not an empty install', () => {
    const broken = readme.replace(/`pip install [^`]+`/, '`pip3 add cdk-mfa-auth`');
    expect(() => readmeInstall(broken, 'python')).toThrow("shows no 'pip install ...'");
  });

  test('every language the check runs has an app beside the TypeScript twin', () => {
    const app: Record<string, string> = { python: 'python/app.py', java: 'java/src/main/java/polyglot/App.java', go: 'go/main.go' };
    for (const language of [...LANGUAGES, 'typescript']) {
      expect(fs.existsSync(path.join(REPO, 'polyglot', app[language] ?? 'typescript/app.ts'))).toBe(true);
    }
  });
});

describe('template normalization', () => {
  const HASH = 'a'.repeat(64);
  const template = {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `${HASH}.zip` } }, Metadata: { 'aws:cdk:path': 'S/Fn', 'aws:asset:path': `asset.${HASH}`, 'cdk_nag': { rules_to_suppress: [] } } },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:python' } },
    },
    Conditions: { CDKMetadataAvailable: { 'Fn::Or': [] } },
  };

  test('sets aside asset hashes and CDK metadata only, and counts them', () => {
    const { template: t, assetHashes, metadata } = normalize(template);
    expect(t).toEqual({
      Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: '<asset-hash>.zip' } }, Metadata: { cdk_nag: { rules_to_suppress: [] } } } },
    });
    expect(assetHashes).toBe(2);
    expect(metadata).toBe(4);
  });

  test('a changed property is reported with its path and both values', () => {
    const changed = JSON.parse(JSON.stringify(template));
    changed.Resources.Fn.Properties.Timeout = 30;
    expect(differences(normalize(template).template, normalize(changed).template, 'Stack')).toEqual([
      'Stack.Resources.Fn.Properties.Timeout: TypeScript absent, here 30',
    ]);
  });
});

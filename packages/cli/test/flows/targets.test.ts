/** Target selection never fails the build: a missing prerequisite of the aws target means skip. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readOutputs, selectTarget } from './targets';

const outputs = { CdkMfaAuthFlows: { AuthUserPoolId: 'eu-west-1_AbC123', AuthUserPoolClientId: 'client123', AuthRegion: 'eu-west-1' } };

describe('flow target selection', () => {
  test('sandbox is the default', () => {
    expect(selectTarget({})).toMatchObject({ run: true, name: 'sandbox' });
  });

  test('aws without credentials or outputs file is skipped with a reason', () => {
    expect(selectTarget({ FLOW_TARGET: 'aws' })).toMatchObject({ run: false, reason: expect.stringMatching(/credentials/) });
    expect(selectTarget({ FLOW_TARGET: 'aws', AWS_PROFILE: 'dev' })).toMatchObject({ run: false, reason: expect.stringMatching(/FLOW_OUTPUTS_FILE/) });
    expect(selectTarget({ FLOW_TARGET: 'aws', AWS_PROFILE: 'dev', FLOW_OUTPUTS_FILE: '/nonexistent/flow-outputs.json' }))
      .toMatchObject({ run: false, reason: expect.stringMatching(/does not exist/) });
  });

  test('aws with credentials and an outputs file runs', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flow-')), 'flow-outputs.json');
    fs.writeFileSync(file, JSON.stringify(outputs));
    expect(selectTarget({ FLOW_TARGET: 'aws', AWS_ACCESS_KEY_ID: 'AKIA', FLOW_OUTPUTS_FILE: file })).toMatchObject({ run: true, name: 'aws' });
    fs.writeFileSync(file, '{}');
    expect(selectTarget({ FLOW_TARGET: 'aws', AWS_ACCESS_KEY_ID: 'AKIA', FLOW_OUTPUTS_FILE: file })).toMatchObject({ run: false });
  });

  test('readOutputs finds the Auth outputs of any stack', () => {
    expect(readOutputs(JSON.stringify(outputs))).toEqual({ userPoolId: 'eu-west-1_AbC123', clientId: 'client123', region: 'eu-west-1' });
    expect(readOutputs(JSON.stringify({ Other: { LoginUserPoolId: 'us-east-2_X', LoginUserPoolClientId: 'c' } })))
      .toEqual({ userPoolId: 'us-east-2_X', clientId: 'c', region: 'us-east-2' });
  });
});

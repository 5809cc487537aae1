/**
 * The wire: every request is parsed into the operation's typed input with Cognito's errors for a
 * wrong shape (never a 500, never a wrongly typed input answered 200); keys such as __proto__ reach
 * no prototype; slow clients are cut.
 */
import * as net from 'net';
import {
  AdminAddUserToGroupCommand, AdminGetUserCommand, ConfirmDeviceCommand, CreateGroupCommand, ForgotPasswordCommand, GetDeviceCommand,
  InitiateAuthCommand, SignUpCommand, UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { claimsOf, cognitoCall, createEmailUser, Harness, passwordSignIn, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';

describe('request shapes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({ selfSignUpEnabled: true, signInAliases: { username: true } }));
  });
  afterAll(() => h.stop());

  const call = (operation: string, body: unknown) => cognitoCall(h.sandbox.endpoint, operation, body, { authorization: signature(h) });

  test.each<[string, string, unknown, string]>([
    ['not JSON', 'SignUp', '{"ClientId":', 'Request body is not valid JSON.'],
    ['a JSON list', 'SignUp', '[]', 'Start of list found where not expected.'],
    ['a JSON string', 'SignUp', '"x"', 'STRING_VALUE can not be converted to a Structure.'],
    ['a number for a string', 'SignUp', { ClientId: 'c', Username: 123 }, "NUMBER_VALUE can not be converted to a String (at 'username')."],
    ['a map for a list', 'SignUp', { ClientId: 'c', Username: 'u', UserAttributes: {} }, "Start of structure or map found where not expected (at 'userAttributes')."],
    ['a string for a boolean', 'AdminSetUserPassword', { UserPoolId: 'us-east-1_x', Username: 'u', Password: PASSWORD, Permanent: 'true' },
      "STRING_VALUE can not be converted to a Boolean (at 'permanent')."],
    ['a string for a number', 'ListUsers', { UserPoolId: 'us-east-1_x', Limit: '10' }, "STRING_VALUE can not be converted to a Number (at 'limit')."],
    ['a number in a string map', 'InitiateAuth', { ClientId: 'c', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 5 } },
      "NUMBER_VALUE can not be converted to a String (at 'authParameters.USERNAME')."],
    ['a list for a map', 'InitiateAuth', { ClientId: 'c', AuthFlow: 'USER_PASSWORD_AUTH', ClientMetadata: [] }, "Start of list found where not expected (at 'clientMetadata')."],
    ['a string for a list of enums', 'AdminCreateUser', { UserPoolId: 'us-east-1_x', Username: 'u', DesiredDeliveryMediums: 'EMAIL' },
      "STRING_VALUE can not be converted to a List (at 'desiredDeliveryMediums')."],
    ['a null list item', 'SignUp', { ClientId: 'c', Username: 'u', UserAttributes: [null] }, "Null list item (at 'userAttributes.1')."],
  ])('%s: SerializationException', async (_, operation, body, message) => {
    const res = await call(operation, body);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ __type: 'SerializationException', message });
  });

  test.each<[string, string, unknown, string]>([
    ['required members missing', 'InitiateAuth', {},
      "2 validation errors detected: Value null at 'authFlow' failed to satisfy constraint: Member must not be null; "
      + "Value null at 'clientId' failed to satisfy constraint: Member must not be null"],
    ['an unknown enum value', 'InitiateAuth', { ClientId: 'c', AuthFlow: 'NOPE' }, "Value 'NOPE' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: ["],
    ['a challenge name from Object.prototype', 'RespondToAuthChallenge', { ClientId: 'c', ChallengeName: 'constructor', Session: 's'.repeat(30) },
      "Value 'constructor' at 'challengeName' failed to satisfy constraint: Member must satisfy enum value set"],
    ['a short session', 'RespondToAuthChallenge', { ClientId: 'c', ChallengeName: 'SMS_MFA', Session: 'forged' },
      "Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20"],
    ['a 129-character username', 'SignUp', { ClientId: 'c', Username: 'u'.repeat(129), Password: PASSWORD },
      "Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128"],
    ['a 100 kB password', 'SignUp', { ClientId: 'c', Username: 'u', Password: 'P'.repeat(100_000) },
      "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256"],
    ['a list item breaking its rule', 'SignUp', { ClientId: 'c', Username: 'u', UserAttributes: [{ Name: '', Value: 'v' }] },
      "Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['a delivery medium outside the enum', 'AdminCreateUser', { UserPoolId: 'us-east-1_x', Username: 'u', DesiredDeliveryMediums: ['PIGEON'] },
      "Value 'PIGEON' at 'desiredDeliveryMediums.1.member' failed to satisfy constraint: Member must satisfy enum value set: [EMAIL, SMS]"],
    ['a limit out of range', 'ListUsers', { UserPoolId: 'us-east-1_x', Limit: 61 },
      "Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60"],
    ['a device key that is not one', 'ConfirmDevice', { AccessToken: 'a.b.c', DeviceKey: '__proto__' },
      "Value '__proto__' at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern"],
  ])('%s: InvalidParameterException', async (_, operation, body, message) => {
    const res = await call(operation, body);
    expect(res.status).toBe(400);
    expect(res.json().__type).toBe('InvalidParameterException');
    expect(res.json().message).toContain(message);
  });

  test('members the operation does not have are ignored; __proto__ in a body reaches no prototype', async () => {
    const body = `{"ClientId":"${h.clientId}","Username":"extra","Password":"${PASSWORD}","Extra":1,`
      + '"__proto__":{"polluted":"yes"},"ClientMetadata":{"__proto__":"yes","constructor":"x"}}';
    const res = await call('SignUp', body);
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await call('SignUp', '{}')).status).toBe(400);
  });

  test('an unknown operation or a missing target is UnknownOperationException, a Cognito operation the sandbox lacks UnsupportedOperationException; never a 500', async () => {
    for (const target of ['AWSCognitoIdentityProviderService.toString', 'AWSCognitoIdentityProviderService.__proto__', 'constructor', '']) {
      const res = await cognitoCall(h.sandbox.endpoint, 'x', {}, { 'x-amz-target': target });
      expect([res.status, res.json().__type, res.headers['x-amzn-errortype']]).toEqual([400, 'UnknownOperationException', 'UnknownOperationException:']);
    }
    const lacking = await cognitoCall(h.sandbox.endpoint, 'CreateUserPool', { PoolName: 'p' });
    expect([lacking.status, lacking.json().__type]).toEqual([400, 'UnsupportedOperationException']);
  });
});

/** An Authorization header of the right form (the sandbox checks its shape when it has no credentials). */
const signature = (h: Harness) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/${h.sandbox.region}/cognito-idp/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;

describe('names that are also Object.prototype members', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool(
      {
        selfSignUpEnabled: true,
        signInAliases: { username: true },
        deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
      },
      {}, (stack, pool) => new cognito.CfnUserPoolGroup(stack, 'Admins', { userPoolId: pool.userPoolId, groupName: 'admins' }),
    ));
  });
  afterAll(() => h.stop());

  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('username %p: no such user until one signs up with it', async name => {
    const admin = { UserPoolId: h.poolId, Username: name };
    await expect(h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: name, PASSWORD } })))
      .rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: name }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(h.cognito.send(new AdminGetUserCommand(admin))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(h.cognito.send(new AdminAddUserToGroupCommand({ ...admin, GroupName: 'admins' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    // A legal Cognito username like any other.
    await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: name, Password: PASSWORD }));
    expect((await h.cognito.send(new AdminGetUserCommand(admin))).Username).toBe(name);
  });

  test('group names constructor, toString and __proto__ are not groups until created, and put nothing in tokens', async () => {
    await createEmailUser(h, 'gil@example.com', PASSWORD);
    for (const GroupName of ['constructor', 'toString', '__proto__']) {
      await expect(h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, Username: 'gil@example.com', GroupName })))
        .rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    }
    const signIn = () => passwordSignIn(h, 'gil@example.com', PASSWORD);
    expect(claimsOf((await signIn()).AuthenticationResult!.IdToken)['cognito:groups']).toBeUndefined();
    await h.cognito.send(new CreateGroupCommand({ UserPoolId: h.poolId, GroupName: 'constructor' }));
    await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, Username: 'gil@example.com', GroupName: 'constructor' }));
    expect(claimsOf((await signIn()).AuthenticationResult!.IdToken)['cognito:groups']).toEqual(['constructor']);
  });

  test('DeviceKey __proto__ is refused and changes neither another user\'s devices nor their sign-in', async () => {
    await createEmailUser(h, 'dee@example.com', PASSWORD);
    await createEmailUser(h, 'eve@example.com', PASSWORD);
    const signIn = (username: string, DEVICE_KEY?: string) =>
      passwordSignIn(h, username, PASSWORD, { authParameters: DEVICE_KEY ? { DEVICE_KEY } : {} });
    const dee = (await signIn('dee@example.com')).AuthenticationResult!;
    const deeKey = dee.NewDeviceMetadata!.DeviceKey!;
    await h.cognito.send(new ConfirmDeviceCommand({
      AccessToken: dee.AccessToken, DeviceKey: deeKey, DeviceSecretVerifierConfig: { PasswordVerifier: 'AQID', Salt: 'BAUG' },
    }));
    const eve = (await signIn('eve@example.com')).AuthenticationResult!;
    await expect(h.cognito.send(new ConfirmDeviceCommand({
      AccessToken: eve.AccessToken, DeviceKey: '__proto__', DeviceSecretVerifierConfig: { PasswordVerifier: 'AQID', Salt: 'BAUG' },
    }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(h.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: eve.AccessToken, DeviceKey: '__proto__', DeviceRememberedStatus: 'remembered' })))
      .rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(({} as Record<string, unknown>).remembered).toBeUndefined();
    const device = (await h.cognito.send(new GetDeviceCommand({ AccessToken: dee.AccessToken, DeviceKey: deeKey }))).Device!;
    expect(device.DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'remembered' });
    // Dee's next sign-in with her device still goes through device authentication.
    expect((await signIn('dee@example.com', deeKey)).ChallengeName).toBe('DEVICE_SRP_AUTH');
  });
});

describe('slow clients are cut (slowloris)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({ signInAliases: { username: true } }), { serverTimeouts: { headersMs: 300, requestMs: 600 } });
  });
  afterAll(() => h.stop());

  /**
   * The server's limits here are 300 ms (headers) and 600 ms (request); Node's own would let a slow client
   * live 60 s and more. The test gives up after GIVE_UP_MS, far above the first and below the second, and
   * asks who closed the socket: a cut by the server is its limit at work, whatever the machine's speed.
   */
  const GIVE_UP_MS = 20_000;
  type ClosedBy = 'server' | 'test';

  /** Opens a socket, sends `first` (if any), then one more byte every 100 ms if `drip`; resolves with who closed it. */
  function openSlowly(first?: Buffer | string, drip = false): Promise<ClosedBy> {
    const { port } = new URL(h.sandbox.endpoint);
    return new Promise(resolve => {
      let gaveUp = false;
      const socket = net.connect(Number(port), '127.0.0.1', () => first !== undefined && socket.write(first));
      const timer = drip ? setInterval(() => socket.writable && socket.write('a'), 100) : undefined;
      const giveUp = setTimeout(() => {
        gaveUp = true;
        socket.destroy();
      }, GIVE_UP_MS);
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        clearTimeout(giveUp);
        resolve(gaveUp ? 'test' : 'server');
      });
    });
  }

  test('a connection that never sends a byte (the port also speaks https, so it waits for the first one)', async () => {
    expect(await openSlowly()).toBe('server');
  });

  test('a TLS handshake that stalls after its first byte', async () => {
    expect(await openSlowly(Buffer.from([0x16, 0x03, 0x01]))).toBe('server');
  });

  test('headers that never end', async () => {
    expect(await openSlowly('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', true)).toBe('server');
  });

  test('a body that never ends', async () => {
    const headers = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n'
      + 'X-Amz-Target: AWSCognitoIdentityProviderService.SignUp\r\nContent-Length: 100000\r\n\r\n{';
    expect(await openSlowly(headers, true)).toBe('server');
  });

  test('and the server still answers', async () => {
    const res = await cognitoCall(h.sandbox.endpoint, 'SignUp', {});
    expect(res.status).toBe(400);
  });
});

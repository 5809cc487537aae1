import {
  AdminForgetDeviceCommand, AdminListDevicesCommand, CognitoIdentityProviderClient, DeviceType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CONFIRM_OPTION, USER_OPTIONS } from './args';
import { audited } from './audit';
import { OperatorDeps } from './deps';
import { printable } from './redact';
import { EXIT, runUserCommand } from './run';
import { CommandSpec } from '../command-spec';

export const FORGET_DEVICES_COMMAND: CommandSpec = {
  name: 'user forget-devices',
  summary: 'Forget every device Cognito tracks for a user (dry run unless --confirm).',
  details: 'Each next sign-in then asks for the second factor again (e.g. after a lost laptop). Writes one AUDIT line to stderr.',
  options: [...USER_OPTIONS, CONFIRM_OPTION],
};

/**
 * `user forget-devices`: forgets every device Cognito tracks for a user (remembered or not), so each next sign-in asks for
 * the second factor again (e.g. after a lost laptop). Prints the devices; forgets them only with
 * `--confirm`. Writes one audit line to stderr.
 */
export async function runForgetDevices(args: string[], deps: OperatorDeps): Promise<number> {
  return runUserCommand(FORGET_DEVICES_COMMAND, args, deps, (options, client) => audited(
    { action: 'forget-devices', userPoolId: options.userPoolId, username: options.username },
    deps.err,
    deps.now ?? (() => new Date()),
    async () => {
      const devices = await listAllDevices(client, options.userPoolId, options.username);
      if (devices.length === 0) {
        deps.out('The user has no tracked devices: nothing to forget.');
        return { exitCode: EXIT.OK, result: 'nothing-to-do', plan: 'forget-0-devices' };
      }
      const plan = `forget-${devices.length}-devices`;
      deps.out(`Forget ${devices.length} tracked device(s):`);
      devices.forEach(d => deps.out(`  - ${describeDevice(d)}`));
      if (!options.confirm) {
        deps.out('Dry run: nothing changed. Run again with --confirm to apply.');
        return { exitCode: EXIT.OK, result: 'dry-run', plan };
      }
      for (const device of devices) {
        await client.send(new AdminForgetDeviceCommand({ UserPoolId: options.userPoolId, Username: options.username, DeviceKey: device.DeviceKey }));
      }
      deps.out(`Done: forgot ${devices.length} device(s).`);
      return { exitCode: EXIT.OK, result: 'changed', plan };
    },
  ));
}

/** Every device, across pages (AdminListDevices returns at most 60 at a time). */
export async function listAllDevices(client: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<DeviceType[]> {
  const devices: DeviceType[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new AdminListDevicesCommand({ UserPoolId: userPoolId, Username: username, Limit: 60, PaginationToken: token }));
    devices.push(...(page.Devices ?? []));
    token = page.PaginationToken;
  } while (token);
  return devices;
}

function describeDevice(d: DeviceType): string {
  const attribute = (name: string) => d.DeviceAttributes?.find(a => a.Name === name)?.Value;
  const name = attribute('device_name') ?? 'unnamed';
  const remembered = attribute('dev:device_remembered_status') === 'remembered' ? 'remembered' : 'not remembered';
  const lastUsed = d.DeviceLastAuthenticatedDate ? new Date(d.DeviceLastAuthenticatedDate).toISOString() : 'never';
  // The device name is whatever the signed-in user's app sent to ConfirmDevice: print it escaped.
  return `${printable(d.DeviceKey ?? 'no key')} (${printable(name)}, ${remembered}, last sign-in ${lastUsed})`;
}

import { epoch, HandlerTable } from './handler';
import { invalidParameter, resourceNotFound } from '../core/errors';
import { DeviceRecord, UserRecord } from '../core/records';
import { poolById, SandboxContext } from '../model/context';
import { paginate } from '../model/pagination';
import { authenticateAccessToken } from '../model/tokens';
import { requireUser } from '../model/users';

const deviceType = (d: DeviceRecord) => ({
  DeviceKey: d.key,
  DeviceAttributes: [
    { Name: 'device_status', Value: 'valid' },
    ...(d.name ? [{ Name: 'device_name', Value: d.name }] : []),
    { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
  ],
  DeviceCreateDate: epoch(d.createdAt),
  DeviceLastModifiedDate: epoch(d.lastModifiedAt),
  DeviceLastAuthenticatedDate: epoch(d.lastAuthenticatedAt),
});

function requireDevice(user: UserRecord, key: unknown): DeviceRecord {
  const device = user.devices[String(key)];
  if (!device) throw resourceNotFound('Device does not exist.');
  return device;
}

function setStatus(ctx: SandboxContext, user: UserRecord, key: unknown, status: unknown) {
  const device = requireDevice(user, key);
  if (status !== 'remembered' && status !== 'not_remembered') throw invalidParameter('DeviceRememberedStatus must be remembered or not_remembered.');
  device.remembered = status === 'remembered';
  device.lastModifiedAt = ctx.now();
  return {};
}

function forget(user: UserRecord, key: unknown) {
  requireDevice(user, key);
  delete user.devices[String(key)];
  return {};
}

function listed(user: UserRecord, input: { Limit?: number; PaginationToken?: string }) {
  // Oldest first, in an order that does not depend on how the store returns them, so that pages neither repeat nor skip.
  const confirmed = Object.values(user.devices).filter(d => d.confirmed)
    .sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = paginate(`ListDevices\u0000${user.sub}`, confirmed, input.Limit, input.PaginationToken);
  return { Devices: page.items.map(deviceType), ...(page.next ? { PaginationToken: page.next } : {}) };
}

function adminUser(ctx: SandboxContext, input: Record<string, any>): UserRecord {
  return requireUser(poolById(ctx, input.UserPoolId), input.Username);
}

export const deviceHandlers: HandlerTable = {
  /** Stores the device's SRP verifier; the device is remembered at once unless the pool asks the user first. */
  ConfirmDevice(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    const device = requireDevice(user, input.DeviceKey);
    const config = input.DeviceSecretVerifierConfig ?? {};
    if (!config.PasswordVerifier || !config.Salt) throw invalidParameter('DeviceSecretVerifierConfig needs PasswordVerifier and Salt.');
    device.verifier = Buffer.from(config.PasswordVerifier, 'base64').toString('hex');
    device.salt = Buffer.from(config.Salt, 'base64').toString('hex');
    device.name = input.DeviceName;
    device.confirmed = true;
    const askUser = !!pool.config.device?.onlyRememberedOnUserPrompt;
    device.remembered = !askUser;
    device.lastModifiedAt = ctx.now();
    return { UserConfirmationNecessary: askUser };
  },
  UpdateDeviceStatus(ctx, input) {
    return setStatus(ctx, authenticateAccessToken(ctx, input.AccessToken).user, input.DeviceKey, input.DeviceRememberedStatus);
  },
  AdminUpdateDeviceStatus(ctx, input) {
    return setStatus(ctx, adminUser(ctx, input), input.DeviceKey, input.DeviceRememberedStatus);
  },
  ListDevices(ctx, input) {
    return listed(authenticateAccessToken(ctx, input.AccessToken).user, input);
  },
  AdminListDevices(ctx, input) {
    return listed(adminUser(ctx, input), input);
  },
  GetDevice(ctx, input) {
    return { Device: deviceType(requireDevice(authenticateAccessToken(ctx, input.AccessToken).user, input.DeviceKey)) };
  },
  AdminGetDevice(ctx, input) {
    return { Device: deviceType(requireDevice(adminUser(ctx, input), input.DeviceKey)) };
  },
  ForgetDevice(ctx, input) {
    return forget(authenticateAccessToken(ctx, input.AccessToken).user, input.DeviceKey);
  },
  AdminForgetDevice(ctx, input) {
    return forget(adminUser(ctx, input), input.DeviceKey);
  },
};

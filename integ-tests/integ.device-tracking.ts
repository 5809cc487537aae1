/** Remembered devices: the pool's device settings are deployed as configured. */
import { integCase } from './support/app';
import { expectPool, expectSignIn, MFA_SETUP } from './support/flows';

const { integ, auth } = integCase('deviceTracking');

expectPool(integ, auth,
  {
    MfaConfiguration: 'ON',
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
  },
  { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
expectSignIn(integ, auth, { username: 'device-user@example.com', expected: MFA_SETUP });

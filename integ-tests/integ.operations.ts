/**
 * Operations: the pool's alarms (to an encrypted topic) and dashboard, notification errors and
 * authentication events exported to CloudWatch Logs, and a created WAF web ACL with request logging.
 * Plus plan with threat protection in audit mode (billed per monthly active user at the Plus rate).
 */
import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { integCase } from './support/app';
import { expectPool, expectSignIn, MFA_SETUP } from './support/flows';

const { integ, auth } = integCase('operations');
const UserPoolId = auth.userPool.userPoolId;

expectPool(integ, auth,
  { MfaConfiguration: 'ON', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } },
  { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });

integ.assertions.awsApiCall('CognitoIdentityProvider', 'getLogDeliveryConfiguration', { UserPoolId })
  .expect(ExpectedResult.objectLike({
    LogDeliveryConfiguration: {
      UserPoolId,
      LogConfigurations: [
        { EventSource: 'userNotification', LogLevel: 'ERROR' },
        { EventSource: 'userAuthEvents', LogLevel: 'INFO' },
      ],
    },
  }));

integ.assertions.awsApiCall('WAFV2', 'getWebACLForResource', { ResourceArn: auth.userPool.userPoolArn })
  .expect(ExpectedResult.objectLike({ WebACL: { ARN: auth.webAclArn } }));

// WAF lets an ordinary sign-in through; MFA still holds.
expectSignIn(integ, auth, { username: 'operations-user@example.com', expected: MFA_SETUP });

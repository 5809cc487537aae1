/**
 * Imported first by the CLI entry. The AWS SDK for JavaScript v3 prints a 9-line
 * NodeVersionSupportWarning (process.emitWarning) when it runs on Node.js below 22, once per process,
 * at the first client. The CLI supports Node.js 20, so on every command it would be noise the user
 * can do nothing about. The SDK's own switch turns off exactly that warning (see
 * @aws-sdk/core emitWarningIfUnsupportedVersion); every other warning still prints. A value the
 * user set is kept.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

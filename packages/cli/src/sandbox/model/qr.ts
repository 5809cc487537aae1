import * as QRCode from 'qrcode';

/** Renders an otpauth:// URI as a terminal QR code an authenticator app can scan. */
export async function terminalQr(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'terminal', small: true });
}

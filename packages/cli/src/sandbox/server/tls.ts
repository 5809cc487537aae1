import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { Socket } from 'net';
import * as path from 'path';
import * as selfsigned from 'selfsigned';

/** The certificate and key the sandbox serves https with (PEM). */
export interface TlsIdentity {
  readonly cert: string;
  readonly key: string;
}

/** Names the certificate covers: every loopback spelling a developer or a browser uses. */
/** The certificate and key the sandbox keeps beside its state file (watch mode ignores them: dev/own-files.ts). */
export const TLS_CERT_FILE = 'sandbox-tls-cert.pem';
export const TLS_KEY_FILE = 'sandbox-tls-key.pem';

const DNS_NAMES = ['localhost', '*.localhost'];
const IPS = ['127.0.0.1', '::1'];
const VALIDITY_DAYS = 365;

/**
 * A self-signed certificate for the loopback names, kept in `dir` (next to the state file) so a
 * browser that was told to trust it keeps trusting it across restarts; renewed when it expires
 * within a day. Without `dir` it lives only as long as the sandbox.
 */
export async function sandboxCertificate(dir?: string, now = Date.now()): Promise<TlsIdentity> {
  const certFile = dir && path.join(dir, TLS_CERT_FILE);
  const keyFile = dir && path.join(dir, TLS_KEY_FILE);
  if (certFile && keyFile && fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const cert = fs.readFileSync(certFile, 'utf8');
    if (Date.parse(new X509Certificate(cert).validTo) > now + 24 * 3600 * 1000) return { cert, key: fs.readFileSync(keyFile, 'utf8') };
  }
  const generated = await selfsigned.generate([{ name: 'commonName', value: 'Cognito sandbox (localhost)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + VALIDITY_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...DNS_NAMES.map(value => ({ type: 2 as const, value })), ...IPS.map(ip => ({ type: 7 as const, ip }))] },
    ],
  });
  const identity = { cert: generated.cert, key: generated.private };
  if (certFile && keyFile) {
    fs.mkdirSync(dir!, { recursive: true });
    fs.writeFileSync(keyFile, identity.key, { mode: 0o600 });
    fs.writeFileSync(certFile, identity.cert);
  }
  return identity;
}

/** Deadlines for clients (see ServerTimeouts in app.ts), applied to both protocols' servers. */
export interface ServerLimits {
  readonly headersTimeout: number;
  readonly requestTimeout: number;
  readonly keepAliveTimeout: number;
  /** Idle socket timeout. */
  readonly connectionTimeout: number;
  readonly connectionsCheckingInterval: number;
}

/**
 * One port for both protocols: an HTTP server whose connections are sniffed on their first byte; a
 * TLS ClientHello (0x16) goes to an https server with the same request handler. Amplify JS builds
 * `https://<oauth.domain>/oauth2/...` URLs, so the hosted sign-in must answer https; everything else
 * keeps using http on the same port.
 */
export function dualProtocolServer(handler: http.RequestListener, tls: TlsIdentity, limits: ServerLimits): http.Server {
  const serverOptions = {
    headersTimeout: limits.headersTimeout, requestTimeout: limits.requestTimeout, connectionsCheckingInterval: limits.connectionsCheckingInterval,
  };
  const server = http.createServer(serverOptions, handler);
  const secure = https.createServer({ ...serverOptions, handshakeTimeout: limits.headersTimeout, cert: tls.cert, key: tls.key }, handler);
  for (const s of [server, secure]) {
    s.keepAliveTimeout = limits.keepAliveTimeout;
    s.setTimeout(limits.connectionTimeout);
  }
  const plainListeners = server.listeners('connection') as ((socket: Socket) => void)[];
  // Sockets the http server does not track: not yet classified, or handed to the https server.
  const untracked = new Set<Socket>();
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    untracked.add(socket);
    socket.once('close', () => untracked.delete(socket));
    // Until its first byte tells the protocol, no server watches the socket: a silent one is cut here.
    socket.setTimeout(limits.headersTimeout, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      if (first[0] === 0x16) {
        secure.emit('connection', socket);
      } else {
        untracked.delete(socket);
        for (const listener of plainListeners) listener.call(server, socket);
      }
      process.nextTick(() => socket.resume());
    });
  });
  // stop() closes keep-alive connections at once; the http server only knows its own.
  const closeAll = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    closeAll();
    for (const socket of untracked) socket.destroy();
  };
  return server;
}

/**
 * A software passkey authenticator for tests, built from node:crypto: an ES256 key pair per
 * credential, authenticatorData with the flags and sign counter it is told to use, attestation
 * 'none' CBOR-encoded with cbor-x (independently of the sandbox's library). It answers the JSON
 * options Cognito's API returns with the JSON a browser's PublicKeyCredential.toJSON() gives.
 */
import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';

/** cbor-x's CommonJS build (its type declarations are ESM-only, which TypeScript refuses to `import` here). */
interface CborEncoder {
  encode(value: unknown): Buffer;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Encoder } = require('cbor-x') as { Encoder: new (options: object) => CborEncoder };
const cbor = new Encoder({ mapsAsObjects: false, useRecords: false, tagUint8Array: false });

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;
/** Backup eligible and backed up: a synced passkey. */
const FLAG_BE_BS = 0x08 + 0x10;

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

interface SoftCredential {
  readonly id: Buffer;
  readonly rpId: string;
  readonly privateKey: KeyObject;
  counter: number;
}

export interface CeremonyOptions {
  /** The page origin the client data names. Default `https://<rpId>`. */
  readonly origin?: string;
  /** Whether the user was verified (PIN, biometrics). Default true. */
  readonly userVerified?: boolean;
  /** The sign counter to send; default: the credential's previous one plus one. */
  readonly counter?: number;
  /** Sign for another RP ID than the options name. */
  readonly rpId?: string;
}

export class SoftAuthenticator {
  private readonly credentials: SoftCredential[] = [];
  /** Counting authenticators increase the counter each use; `false` always sends 0, like synced passkeys. */
  constructor(private readonly counts = true) {}

  get credentialIds(): string[] {
    return this.credentials.map(c => b64url(c.id));
  }

  /** navigator.credentials.create(): a new ES256 credential for the options' relying party. */
  create(options: any, o: CeremonyOptions = {}): Record<string, unknown> {
    const rpId: string = o.rpId ?? options.rp.id;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const credential: SoftCredential = { id: randomBytes(32), rpId: options.rp.id, privateKey, counter: this.counts ? (o.counter ?? 0) : 0 };
    // COSE_Key: kty EC2, alg ES256, crv P-256, x, y.
    const coseKey = cbor.encode(new Map<number, unknown>([
      [1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')],
    ]));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const attested = Buffer.concat([Buffer.alloc(16) /* AAGUID: none */, idLength, credential.id, coseKey]);
    const authData = this.authenticatorData(rpId, FLAG_AT + FLAG_BE_BS + this.uvFlag(o), credential.counter, attested);
    const attestationObject = cbor.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    this.credentials.push(credential);
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, o.origin ?? `https://${options.rp.id}`);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal', 'hybrid'] },
    };
  }

  /** navigator.credentials.get(): an assertion by the first allowed credential this authenticator holds. */
  get(options: any, o: CeremonyOptions = {}): Record<string, unknown> {
    const allowed: string[] = (options.allowCredentials ?? []).map((c: { id: string }) => c.id);
    const credential = this.credentials.find(c => c.rpId === options.rpId && (allowed.length === 0 || allowed.includes(b64url(c.id))));
    if (!credential) throw new Error(`no credential for ${options.rpId}`);
    const counter = this.counts ? (o.counter ?? credential.counter + 1) : 0;
    credential.counter = counter;
    const authData = this.authenticatorData(o.rpId ?? credential.rpId, FLAG_BE_BS + this.uvFlag(o), counter);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, o.origin ?? `https://${credential.rpId}`);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: options.userHandle,
      },
    };
  }

  private uvFlag(o: CeremonyOptions): number {
    // Distinct bits, so a sum is their union.
    return FLAG_UP + (o.userVerified === false ? 0 : FLAG_UV);
  }

  private authenticatorData(rpId: string, flags: number, counter: number, attested: Buffer = Buffer.alloc(0)): Buffer {
    const signCount = Buffer.alloc(4);
    signCount.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), signCount, attested]);
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }
}

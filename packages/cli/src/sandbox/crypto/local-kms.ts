/**
 * The sandbox's stand-in for AWS KMS symmetric keys: GenerateDataKey, Encrypt and Decrypt with
 * KMS's request and response shapes, under local AES-256 key material. The custom sender triggers'
 * codes are encrypted through it (sender-code.ts), and its HTTP endpoint (server/kms-endpoint.ts)
 * answers the Decrypt calls an unmodified function's Encryption SDK keyring makes.
 *
 * A ciphertext blob is the sandbox's own format (KMS's is private too): version byte 1, the key
 * ARN (2-byte length, UTF-8), a 12-byte IV, the 16-byte GCM tag, then the AES-256-GCM ciphertext.
 * The key ARN and the encryption context are authenticated data, so a blob decrypts only under
 * its key with the exact encryption context it was made with, as KMS requires.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';

/** A KMS error by its wire name (KMS's JSON protocol `__type`). */
export type KmsErrorName =
  | 'NotFoundException' | 'InvalidCiphertextException' | 'IncorrectKeyException' | 'ValidationException'
  | 'AccessDeniedException' | 'UnrecognizedClientException' | 'InvalidSignatureException' | 'IncompleteSignatureException'
  | 'MissingAuthenticationTokenException' | 'SerializationException' | 'UnknownOperationException';

export class KmsError extends Error {
  constructor(readonly type: KmsErrorName, message: string, readonly status = 400) {
    super(message);
    this.name = type;
  }
}

export type EncryptionContext = Record<string, string>;

const BLOB_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where the keys come from: the ARNs that exist now, and each one's 32 bytes of material. */
export interface LocalKeySource {
  keyArns(): Iterable<string>;
  material(arn: string): Buffer;
}

export class LocalKms {
  constructor(private readonly keys: LocalKeySource) {}

  /** KMS GenerateDataKey: a fresh data key, in plaintext and encrypted under `keyId`. */
  generateDataKey(input: { KeyId?: string; NumberOfBytes?: number; KeySpec?: string; EncryptionContext?: EncryptionContext }) {
    const bytes = input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : input.KeySpec === 'AES_256' ? 32 : undefined);
    if (!Number.isInteger(bytes) || bytes! < 1 || bytes! > 1024) {
      throw new KmsError('ValidationException', 'Please specify either number of bytes (1 to 1024) or key spec (AES_128 or AES_256).');
    }
    const Plaintext = randomBytes(bytes!);
    return { ...this.encrypt({ KeyId: input.KeyId, Plaintext, EncryptionContext: input.EncryptionContext }), Plaintext };
  }

  /** KMS Encrypt (symmetric, SYMMETRIC_DEFAULT). */
  encrypt(input: { KeyId?: string; Plaintext?: Uint8Array; EncryptionContext?: EncryptionContext }) {
    const arn = this.arnOf(input.KeyId);
    if (!input.Plaintext || input.Plaintext.length < 1 || input.Plaintext.length > 4096) {
      throw new KmsError('ValidationException', 'Plaintext must be 1 to 4096 bytes.');
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.material(arn), iv);
    cipher.setAAD(additionalData(arn, input.EncryptionContext));
    const body = Buffer.concat([cipher.update(input.Plaintext), cipher.final()]);
    const arnBytes = Buffer.from(arn, 'utf8');
    const header = Buffer.alloc(3);
    header.writeUInt8(BLOB_VERSION, 0);
    header.writeUInt16BE(arnBytes.length, 1);
    return { KeyId: arn, CiphertextBlob: new Uint8Array(Buffer.concat([header, arnBytes, iv, cipher.getAuthTag(), body])), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  }

  /** KMS Decrypt: the key comes from the blob; a KeyId, when given, must name that same key. */
  decrypt(input: { CiphertextBlob?: Uint8Array; KeyId?: string; EncryptionContext?: EncryptionContext }) {
    const blob = Buffer.from(input.CiphertextBlob ?? []);
    const invalid = () => new KmsError('InvalidCiphertextException', 'The ciphertext is invalid, or its encryption context does not match.');
    if (blob.length < 3 || blob.readUInt8(0) !== BLOB_VERSION) throw invalid();
    const arnEnd = 3 + blob.readUInt16BE(1);
    if (blob.length < arnEnd + IV_BYTES + TAG_BYTES) throw invalid();
    const arn = blob.subarray(3, arnEnd).toString('utf8');
    if (![...this.keys.keyArns()].includes(arn)) throw invalid();
    if (input.KeyId !== undefined && this.arnOf(input.KeyId) !== arn) {
      throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify the KMS key that encrypted the ciphertext.');
    }
    const iv = blob.subarray(arnEnd, arnEnd + IV_BYTES);
    const tag = blob.subarray(arnEnd + IV_BYTES, arnEnd + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.keys.material(arn), iv);
    decipher.setAAD(additionalData(arn, input.EncryptionContext));
    decipher.setAuthTag(tag);
    try {
      const Plaintext = Buffer.concat([decipher.update(blob.subarray(arnEnd + IV_BYTES + TAG_BYTES)), decipher.final()]);
      return { KeyId: arn, Plaintext: new Uint8Array(Plaintext), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    } catch {
      throw invalid();
    }
  }

  /** A key ARN, or a key id (the UUID at the end of one), to the key's ARN; NotFoundException for any other. */
  private arnOf(keyId: string | undefined): string {
    if (!keyId) throw new KmsError('ValidationException', 'KeyId is required.');
    const arns = [...this.keys.keyArns()];
    const arn = arns.find(a => a === keyId || a.endsWith(`:key/${keyId}`));
    if (!arn) throw new KmsError('NotFoundException', `Key '${keyId}' does not exist.`);
    return arn;
  }
}

/** The key ARN and the encryption context, canonical (sorted by key): what a blob is bound to. */
function additionalData(arn: string, context: EncryptionContext = {}): Buffer {
  const pairs = Object.keys(context).sort().map(k => [k, String(context[k])]);
  return Buffer.from(JSON.stringify([arn, pairs]), 'utf8');
}

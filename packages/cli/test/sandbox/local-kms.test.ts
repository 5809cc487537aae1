/**
 * The sandbox's local KMS keys: blobs bound to their key and encryption context as KMS binds them,
 * KMS's errors, and key material kept in the state database across restarts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalKms } from '../../src/sandbox/crypto/local-kms';
import { Store } from '../../src/sandbox/store/store';

const KEY = 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-4333-8444-555555555555';
const OTHER = 'arn:aws:kms:us-east-1:000000000000:key/66666666-7777-4888-9999-000000000000';

function kmsOn(store: Store, arns = [KEY, OTHER]): LocalKms {
  return new LocalKms({ keyArns: () => arns, material: arn => store.kmsKeyMaterial(arn) });
}

describe('local KMS keys', () => {
  test('a data key decrypts under its key and encryption context only, with KMS errors otherwise', () => {
    const store = new Store();
    try {
      const kms = kmsOn(store);
      const context = { purpose: 'test' };
      const made = kms.generateDataKey({ KeyId: KEY, NumberOfBytes: 32, EncryptionContext: context });
      expect(made.KeyId).toBe(KEY);
      const plaintext = kms.decrypt({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: context }).Plaintext;
      expect(Buffer.from(plaintext)).toEqual(Buffer.from(made.Plaintext));
      // The key id alone (Ref of the key) names the key too.
      expect(kms.decrypt({ CiphertextBlob: made.CiphertextBlob, KeyId: KEY.split('/')[1], EncryptionContext: context }).KeyId).toBe(KEY);

      expect(() => kms.decrypt({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: { purpose: 'other' } })).toThrow(expect.objectContaining({ type: 'InvalidCiphertextException' }));
      expect(() => kms.decrypt({ CiphertextBlob: made.CiphertextBlob })).toThrow(expect.objectContaining({ type: 'InvalidCiphertextException' }));
      expect(() => kms.decrypt({ CiphertextBlob: made.CiphertextBlob, KeyId: OTHER, EncryptionContext: context })).toThrow(expect.objectContaining({ type: 'IncorrectKeyException' }));
      const tampered = Buffer.from(made.CiphertextBlob);
      tampered[tampered.length - 1] = (tampered[tampered.length - 1] + 1) % 256;
      expect(() => kms.decrypt({ CiphertextBlob: tampered, EncryptionContext: context })).toThrow(expect.objectContaining({ type: 'InvalidCiphertextException' }));
      expect(() => kms.encrypt({ KeyId: 'alias/none', Plaintext: Buffer.from('x') })).toThrow(expect.objectContaining({ type: 'NotFoundException' }));
      // A key no pool names any more decrypts nothing.
      expect(() => kmsOn(store, [OTHER]).decrypt({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: context })).toThrow(expect.objectContaining({ type: 'InvalidCiphertextException' }));
    } finally {
      store.close();
    }
  });

  test('key material is kept in the state: a blob made before a restart decrypts after it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'local-kms-')), 'state.db');
    const first = new Store(file);
    const blob = kmsOn(first).encrypt({ KeyId: KEY, Plaintext: Buffer.from('123456') }).CiphertextBlob;
    first.close();
    const second = new Store(file);
    try {
      expect(Buffer.from(kmsOn(second).decrypt({ CiphertextBlob: blob }).Plaintext).toString()).toBe('123456');
      expect(second.kmsKeyMaterial(KEY)).not.toEqual(second.kmsKeyMaterial(OTHER));
    } finally {
      second.close();
    }
  });
});

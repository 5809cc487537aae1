/**
 * A custom sender trigger's `request.code` as Cognito makes it: the code (or temporary password)
 * encrypted with the AWS Encryption SDK under the pool's KMS key (KMSKeyID), base64-encoded.
 *
 * Cognito's guide documents the Encryption SDK and the key but neither the algorithm suite nor an
 * encryption context. The sandbox uses the SDK's default for new messages (message format 2,
 * ALG_AES256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384: codes observed from Cognito start with `AgV4`, its
 * header) and no encryption context of its own (the SDK adds only its signing key,
 * `aws-crypto-public-key`). The documentation's decrypt example, with either commitment policy, reads it.
 */
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
import { LocalKms } from './local-kms';

const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

/** Encrypts `code` as an Encryption SDK message whose one data key is wrapped by `keyArn` ("aws-kms" provider). */
export async function encryptSenderCode(kms: LocalKms, keyArn: string, code: string): Promise<string> {
  // The keyring's KMS client is the local one, called in-process: the same GenerateDataKey the endpoint serves.
  const client = {
    generateDataKey: async (input: any) => kms.generateDataKey(input),
    encrypt: async (input: any) => kms.encrypt(input),
    decrypt: async (input: any) => kms.decrypt(input),
  };
  const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: () => client as any });
  const { result } = await encrypt(keyring, Buffer.from(code, 'utf8'));
  return Buffer.from(result).toString('base64');
}

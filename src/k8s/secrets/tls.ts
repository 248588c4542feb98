// The check `kubectl create secret tls` makes before it builds the Secret: Go's tls.X509KeyPair
// (crypto/tls tls.go), with its error messages. The certificate and key are parsed with node:crypto,
// which only reads them (deterministic, no I/O); where Go's parsers and OpenSSL's disagree about a
// malformed DER structure, the message is Go's generic one ("x509: malformed certificate").
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { pemBlocks, type PemBlock } from './pem';
import { KubectlRefusal } from './sources';

const list = (types: string[]) => `[${types.join(' ')}]`;

function certificateBlock(cert: Uint8Array): PemBlock {
  const blocks = pemBlocks(cert);
  const certs = blocks.filter((b) => b.type === 'CERTIFICATE');
  if (certs.length) return certs[0];
  const skipped = blocks.map((b) => b.type);
  if (!skipped.length) throw new KubectlRefusal('tls: failed to find any PEM data in certificate input');
  if (skipped.length === 1 && skipped[0].endsWith('PRIVATE KEY')) {
    throw new KubectlRefusal(
      'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched',
    );
  }
  throw new KubectlRefusal(
    `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: ${list(skipped)}`,
  );
}

function keyBlock(key: Uint8Array): PemBlock {
  const skipped: string[] = [];
  for (const b of pemBlocks(key)) {
    if (b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY')) return b;
    skipped.push(b.type);
  }
  if (!skipped.length) throw new KubectlRefusal('tls: failed to find any PEM data in key input');
  if (skipped.length === 1 && skipped[0] === 'CERTIFICATE')
    throw new KubectlRefusal('tls: found a certificate rather than a key in the PEM for the private key');
  throw new KubectlRefusal(
    `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: ${list(skipped)}`,
  );
}

const SUPPORTED = ['rsa', 'ec', 'ed25519'];

// tls.parsePrivateKey: PKCS #1, then PKCS #8 (RSA, ECDSA or Ed25519 inside), then SEC 1 EC.
function privateKey(der: Uint8Array): KeyObject {
  for (const type of ['pkcs1', 'pkcs8', 'sec1'] as const) {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: Buffer.from(der), format: 'der', type });
    } catch {
      continue;
    }
    if (SUPPORTED.includes(key.asymmetricKeyType ?? '')) return key;
    if (type === 'pkcs8' && key.asymmetricKeyType === 'x25519')
      throw new KubectlRefusal('tls: found unknown private key type in PKCS#8 wrapping');
  }
  throw new KubectlRefusal('tls: failed to parse private key');
}

// The parts of a public key X509KeyPair compares: N for RSA, X and Y for ECDSA, the key for Ed25519.
function identity(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return key.asymmetricKeyType === 'rsa' ? String(jwk.n) : `${String(jwk.x)}/${String(jwk.y ?? '')}`;
}

/** Throws kubectl's error when tls.X509KeyPair would refuse the certificate and key PEM. */
export function checkKeyPair(cert: Uint8Array, key: Uint8Array): void {
  const certDer = certificateBlock(cert).bytes;
  const keyDer = keyBlock(key).bytes;
  let publicKey: KeyObject;
  try {
    publicKey = new X509Certificate(Buffer.from(certDer)).publicKey;
  } catch {
    throw new KubectlRefusal('x509: malformed certificate');
  }
  const priv = privateKey(keyDer);
  if (!SUPPORTED.includes(publicKey.asymmetricKeyType ?? ''))
    throw new KubectlRefusal('tls: unknown public key algorithm');
  if (priv.asymmetricKeyType !== publicKey.asymmetricKeyType)
    throw new KubectlRefusal('tls: private key type does not match public key type');
  if (identity(priv) !== identity(publicKey)) throw new KubectlRefusal('tls: private key does not match public key');
}

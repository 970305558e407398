// PIN protection for drafts and override reasons (issue 16, part 2). A
// device key (lib/store.ts) stops someone reading the profile's files, not
// someone who copies the whole profile: the browser unlocks it for whoever
// opens the copy. In PIN mode every draft is sealed for an RSA-OAEP public
// key whose private half is stored only encrypted under a key derived from
// the user's PIN (PBKDF2-SHA-256, many iterations). Writing never needs the
// PIN; reading does. The unlocked private key lives only in the browser's
// session storage (memory, cleared when the browser closes), so after a
// restart, or in a copied profile, drafts stay sealed until the PIN is typed.
import { browser } from 'wxt/browser';

export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PIN_LENGTH = 6;

/**
 * What goes wrong with a PIN, as the store says it (in English, over the extension's messaging); the PIN screens
 * show each in the user's language (components/NewPinFields.tsx, pinProblemText).
 */
export const PIN_PROBLEMS = {
  pinTooShort: `The PIN must have at least ${MIN_PIN_LENGTH} characters.`,
  pinWrong: 'That PIN is not right.',
  pinAlreadySet: 'A PIN is already set up.',
  pinNotSet: 'No PIN is set up.',
} as const;
const SESSION_KEY = 'chartguard-pin-private-key';

/** What is stored for PIN mode: nothing here opens a draft without the PIN. */
export interface PinRecord {
  kind: 'pin';
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  /** The RSA private key (PKCS #8), AES-GCM encrypted under the PIN-derived key. */
  sealedPrivateKey: ArrayBuffer;
  publicKey: CryptoKey;
}

/** A value sealed for the PIN key pair: a fresh AES-GCM key per value, itself wrapped with RSA-OAEP. */
export interface PinSealed {
  iv: Uint8Array;
  ciphertext: ArrayBuffer;
  wrappedKey: ArrayBuffer;
}

export class PinLockedError extends Error {
  constructor() {
    super('Drafts are protected by a PIN: enter it to open them.');
    this.name = 'PinLockedError';
  }
}

const RSA = { name: 'RSA-OAEP', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;

async function pinKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: salt as BufferSource, iterations, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const toBase64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

async function remember(pkcs8: ArrayBuffer) {
  await browser.storage.session.set({ [SESSION_KEY]: toBase64(pkcs8) });
}

/** Creates the PIN key pair; the private key is kept unlocked for this browser session. */
export async function createPinRecord(pin: string): Promise<PinRecord> {
  if (pin.length < MIN_PIN_LENGTH) throw new Error(PIN_PROBLEMS.pinTooShort);
  const pair = (await crypto.subtle.generateKey(RSA, true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'])) as CryptoKeyPair;
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealedPrivateKey = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await pinKey(pin, salt, PBKDF2_ITERATIONS), pkcs8);
  // The public key is re-imported non-extractable: only wrapping needs it.
  const publicKey = await crypto.subtle.importKey('spki', await crypto.subtle.exportKey('spki', pair.publicKey), RSA, false, ['wrapKey']);
  await remember(pkcs8);
  return { kind: 'pin', salt, iterations: PBKDF2_ITERATIONS, iv, sealedPrivateKey, publicKey };
}

/** Opens the private key with the PIN for this browser session; a wrong PIN throws. */
export async function unlockPin(record: PinRecord, pin: string): Promise<void> {
  let pkcs8: ArrayBuffer;
  try {
    pkcs8 = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: record.iv as BufferSource },
      await pinKey(pin, record.salt, record.iterations),
      record.sealedPrivateKey,
    );
  } catch {
    throw new Error(PIN_PROBLEMS.pinWrong);
  }
  await remember(pkcs8);
}

/** The unlocked private key, if the PIN was entered in this browser session. */
export async function unlockedPrivateKey(): Promise<CryptoKey | undefined> {
  const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY];
  if (typeof stored !== 'string') return undefined;
  return crypto.subtle.importKey('pkcs8', fromBase64(stored), RSA, false, ['unwrapKey']);
}

export async function sealForPin(record: PinRecord, plain: Uint8Array): Promise<PinSealed> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain as BufferSource);
  const wrappedKey = await crypto.subtle.wrapKey('raw', key, record.publicKey, { name: 'RSA-OAEP' });
  return { iv, ciphertext, wrappedKey };
}

export async function openWithPin(sealed: PinSealed): Promise<ArrayBuffer> {
  const privateKey = await unlockedPrivateKey();
  if (!privateKey) throw new PinLockedError();
  const key = await crypto.subtle.unwrapKey(
    'raw',
    sealed.wrappedKey,
    privateKey,
    { name: 'RSA-OAEP' },
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, key, sealed.ciphertext);
}

import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane.
const options = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check when the account does not exist (no enumeration by timing). */
export async function verifyAgainstDummy(password: string) {
  dummyHash ??= hashPassword("mot-de-passe-factice-pour-egaliser-le-temps");
  await verifyPassword(await dummyHash, password);
  return false;
}

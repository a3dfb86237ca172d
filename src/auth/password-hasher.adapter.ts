import { Injectable, OnModuleInit } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id setting: 19 MiB, two passes, one lane. `Algorithm` is a const enum that
// isolated modules cannot read, hence its value: 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const THROWAWAY = 'not-a-real-password-for-timing';

/** Argon2id hashing, and the same work for a missing account so timing does not reveal it. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash?: Promise<string>;

  /** The throwaway hash is made at boot, so even the first unknown email costs one verify. */
  onModuleInit(): void {
    this.dummyHash = this.hash(THROWAWAY);
  }

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /** Verifies against the stored hash, or against a throwaway one when there is none. */
  async verify(storedHash: string | null | undefined, password: string): Promise<boolean> {
    if (!storedHash) {
      this.dummyHash ??= this.hash(THROWAWAY);
      await verify(await this.dummyHash, password).catch(() => false);

      return false;
    }

    return verify(storedHash, password).catch(() => false);
  }
}

import { SignJWT } from 'jose';
import type { RoleGrant } from '../../src/common/actor.js';
import { TEST_JWT_SECRET } from './app.js';

/** A bearer token for a user with these grants, signed with the test app's secret. */
export async function tokenFor(userId: number, grants: RoleGrant[] = [], secret = TEST_JWT_SECRET): Promise<string> {
  const jwt = await new SignJWT({ grants: grants as unknown as Record<string, unknown>[] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(userId))
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
  return `Bearer ${jwt}`;
}

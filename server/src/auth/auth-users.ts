import type { MeDto } from '@weigrid/shared';

/**
 * What login needs from the accounts module (which owns app_user). Bound in AccountsModule
 * (`{ provide: AuthUsers, useExisting: UsersService }`), so auth does not import accounts, whose
 * controllers use auth's decorators.
 */
export abstract class AuthUsers {
  /** Finds or creates the user for an openid and stores the new session_key. */
  abstract upsertFromWechat(openid: string, unionid: string | undefined, sessionKey: string): Promise<{ id: number; disabled: boolean }>;
  /** True when the user exists and is not disabled. */
  abstract isActive(userId: number): Promise<boolean>;
  /** The logged-in user as the API shows them. */
  abstract me(userId: number): Promise<MeDto>;
}

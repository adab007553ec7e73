/** Accounts, login and roles: shapes shared by the server's DTOs and the mini-program client. */
import type { GridLevel } from '../grid-code.js';
import type { Role } from '../roles.js';

export interface WechatLoginRequest {
  /** From `wx.login()` (or, in the H5 dev build, a `test:<openid>` code from the fake WeChat server). */
  code: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface GrantDto {
  id: number;
  role: Role;
  nodeCode: string;
  nodeName: string;
  nodeLevel: GridLevel;
  departmentId: number | null;
  createdAt: string;
}

export interface MeDto {
  id: number;
  name: string | null;
  /** Shown masked (138****0000); the full number never leaves the server. */
  phoneMasked: string | null;
  roles: GrantDto[];
}

export interface AuthTokensDto {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires; refresh before that. */
  expiresIn: number;
  /** One-time: each refresh returns a new one and invalidates this one. */
  refreshToken: string;
  refreshExpiresAt: string;
  user: MeDto;
}

export interface BindPhoneRequest {
  /** From `<button open-type="getPhoneNumber">`. */
  code: string;
}

export interface UpdateMeRequest {
  name: string;
}

export interface SessionDto {
  id: number;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

export interface ShareInfoRequest {
  encryptedData: string;
  iv: string;
}

export interface ShareInfoDto {
  /** Identifies the group chat for this mini-program. */
  opengid: string;
}

export interface CreateInviteRequest {
  role: Role;
  nodeCode: string;
  departmentId?: number;
  /** Default 72 h, at most 30 days. */
  expiresInHours?: number;
}

export interface InviteDto {
  code: string;
  role: Role;
  nodeCode: string;
  nodeName: string;
  departmentId: number | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  /** API path of the mini-program QR code (PNG) that opens the accept page with this code. */
  qrPath: string;
}

export interface UserGrantDto extends GrantDto {
  userId: number;
  userName: string | null;
  phoneMasked: string | null;
}

export interface CreateDepartmentRequest {
  name: string;
  nodeCode: string;
  categoryCodes: string[];
}

export interface DepartmentDto {
  id: number;
  name: string;
  nodeCode: string;
  categoryCodes: string[];
}

/** 13800000000 → 138****0000; anything unexpected is masked whole. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

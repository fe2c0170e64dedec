import { z } from 'zod';
import { ROLES } from '../../platform/roles.js';
import { SecuritySettingsSchema } from './auth.settings.js';

/** Request and response shapes of /api/auth and /api/security; imported by web/ too. */

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名或手机号').max(64),
  password: z.string().min(1, '请输入密码').max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/, '动态验证码为6位数字')
    .optional(),
});

export const RoleView = z.object({
  role: z.enum(ROLES),
  label: z.string(),
  scopeType: z.enum(['region', 'center']).nullable(),
  scopeId: z.string().nullable(),
  scopeName: z.string().nullable(),
});

export const MeResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    kind: z.enum(['staff', 'citizen']),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    mustChangePassword: z.boolean(),
    homeRegionId: z.string().nullable(),
  }),
  roles: z.array(RoleView),
  abilities: z.array(z.string()),
});
export type Me = z.infer<typeof MeResponse>;

export const RegisterBody = z.object({
  realName: z
    .string()
    .trim()
    .min(2, '请输入真实姓名')
    .max(30)
    .regex(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '姓名只能包含汉字、字母和“·”'),
  idNumber: z.string().trim().max(18),
  phone: z.string().trim().max(11),
  password: z.string().min(1).max(128),
  homeRegionId: z.uuid().optional(),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const SessionItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const SessionList = z.object({ items: z.array(SessionItem) });

export const PasswordPolicyResponse = z.object({ minLength: z.number(), minClasses: z.number(), historyCount: z.number() });

// /api/security
export const SettingsBody = SecuritySettingsSchema;

export const GrantItem = z.object({
  id: z.string(),
  userId: z.string(),
  role: z.enum(ROLES),
  label: z.string(),
  scopeType: z.enum(['region', 'center']).nullable(),
  scopeId: z.string().nullable(),
  scopeName: z.string().nullable(),
});
export const GrantList = z.object({ items: z.array(GrantItem) });

export const GrantBody = z
  .object({
    userId: z.uuid(),
    role: z.enum(ROLES),
    scopeRegionId: z.uuid().optional(),
    scopeCenterId: z.uuid().optional(),
  })
  .refine((b) => !(b.scopeRegionId && b.scopeCenterId), { message: '管辖范围只能选择区划或服务中心之一', path: ['scopeCenterId'] });

/** A new second factor, shown once: secret, otpauth URI and a QR code (PNG data URL). */
export const TotpEnrollment = z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() });

export const GrantCreated = z.object({
  grant: GrantItem,
  /** Present when an admin role was granted to an account without a second factor: shown once. */
  totpEnrollment: TotpEnrollment.optional(),
});

export const SecurityUserItem = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'citizen']),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  hasTotp: z.boolean(),
  roles: z.array(GrantItem),
});
export const SecurityUserQuery = z.object({ q: z.string().trim().max(50).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const SecurityUserList = z.object({ items: z.array(SecurityUserItem) });
export const GrantQuery = z.object({ userId: z.uuid().optional() });

export const ResetCredentialsBody = z.object({ password: z.string().min(1).max(128) });
export const ResetCredentialsResponse = z.object({ totpEnrollment: TotpEnrollment });

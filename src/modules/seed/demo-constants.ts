/** Demo credentials, documented in README.md. Never used when NODE_ENV=production. */
export const DEMO_PASSWORD = 'Demo@2026';
/** Base32 TOTP secret shared by the three demo administrators (sysadmin, secadmin, auditor). */
export const DEMO_TOTP_SECRET = 'KBIANMINDEMOTOTPKBIANMINDEMOTOTP';

/** Labels shared with the server (pure modules with no server dependencies). */
export { ROLE_LABELS, ROLES, REGION_LEVEL_LABELS, CENTER_LEVEL_LABELS, ADMIN_ROLES } from '../../../src/platform/roles';
export { WINDOW_KIND_LABELS, DEPARTMENT_KIND_LABELS, SECTORS } from '../../../src/modules/org/org.rules';

export const OUTCOME_LABELS: Record<string, { text: string; color: string }> = {
  success: { text: '成功', color: 'green' },
  failure: { text: '失败', color: 'red' },
  denied: { text: '拒绝', color: 'orange' },
};
export { childLevelOf, REGION_PARENT_LEVELS, SERVICE_PHONE_RE, MOBILE_RE, USERNAME_RE } from '../../../src/modules/org/org.rules';

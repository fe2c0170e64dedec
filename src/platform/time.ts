/** Business time is China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3_600_000;

/** `2026-11-23 16:05:09` in Beijing time (seconds optional), for messages and exports. */
export function formatCst(d: Date, withSeconds = false): string {
  return new Date(d.getTime() + CST_OFFSET_MS)
    .toISOString()
    .slice(0, withSeconds ? 19 : 16)
    .replace('T', ' ');
}

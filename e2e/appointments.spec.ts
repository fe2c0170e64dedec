import { expect, test } from '@playwright/test';
import { expectNoHorizontalOverflow, login, shot } from './helpers';

/**
 * Journey: 刘大山 books an appointment from a phone (375 × 812) — center → category → day → time →
 * confirm — sees the large code, changes it to another time and cancels it; the 青山镇 director sees
 * the sessions and the day's bookings in the workbench. Needs the demo seed's service categories
 * (queue seed) and appointment sessions (appointments seed).
 */

test.describe('phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('book, change and cancel an appointment', async ({ page }) => {
    await login(page, 'citizen');
    await page.goto('/portal/appointments/new');
    // The citizen lives in a 青山镇 village: their township hall is chosen for them.
    await expect(page.getByTestId('appt-center')).toContainText('青山镇便民服务中心');
    await page.locator('.ant-radio-button-wrapper').first().click();
    const day = page.locator('.bm-appt-day:not([disabled])').first();
    await expect(day).toBeVisible();
    await day.click();
    await page.getByTestId('appt-slots').locator('button:not([disabled])').first().click();
    await expect(page.getByTestId('appt-summary')).toBeVisible();
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-appointment-new-375', { fullPage: true });
    await page.getByTestId('appt-confirm').click();

    await page.waitForURL(/\/portal\/me\/appointments\?just=/);
    const card = page.locator('[data-testid="my-appointment"][style*="border-color"]');
    await expect(card.getByTestId('appt-code')).toHaveText(/^[2-9A-Z]{4} [2-9A-Z]{4}$/);
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-appointment-mine-375', { fullPage: true });

    // 改约: another time of the same day (or the next open day).
    const before = await card.locator('.bm-appt-when').textContent();
    await card.getByRole('button', { name: /改\s*约/ }).click();
    await expect(page.getByText(/^原预约：/)).toBeVisible();
    await page.locator('.bm-appt-day:not([disabled])').first().click();
    await page.getByTestId('appt-slots').locator('button:not([disabled])').nth(1).click();
    await page.getByTestId('appt-confirm').click();
    await page.waitForURL(/\/portal\/me\/appointments\?just=/);
    const changed = page.locator('[data-testid="my-appointment"][style*="border-color"]');
    await expect(changed.locator('.bm-appt-when')).not.toHaveText(before ?? '');

    // 取消
    await changed.getByRole('button', { name: /取消预约/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /取消预约/ }).click();
    await expect(page.getByText('已取消预约')).toBeVisible();
    await expect(page.getByTestId('my-appointment').filter({ hasText: '已取消' }).first()).toBeVisible();
  });
});

test('the director keeps sessions and sees the day', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, 'town.director');
  await page.goto('/workbench/hall/appointments');
  await expect(page.getByRole('heading', { name: '预约管理' })).toBeVisible();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await shot(page, 'workbench-appointment-sessions');
  await page.getByRole('button', { name: '新增时段' }).click();
  await expect(page.getByRole('dialog').getByText('新增预约时段')).toBeVisible();
  await shot(page, 'workbench-appointment-session-drawer', { fullPage: false });
});

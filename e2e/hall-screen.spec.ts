import { expect, test } from '@playwright/test';
import { login, pickWindow, shot } from './helpers';

/**
 * Journey (two browser pages): an elderly visitor takes a 社会事务 ticket on the county hall's kiosk
 * page (绿色通道 长者, ID number on the keypad); the hall screen is open on another page; the county
 * clerk calls it from 窗口叫号 at window 1; the screen shows it at window 1 without a reload (one SSE update)
 * and asks the browser to speak 「请 … 号到 1 号窗口办理」. The county hall keeps this journey apart from
 * e2e/queue-console (青山镇), which runs at the same time on the same server.
 */
test('a kiosk ticket called from a window console appears on the hall screen', async ({ browser }) => {
  const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await screenCtx.newPage();
  await screen.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { __spoken: string[] }).__spoken = spoken;
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: { speak: (u: { text: string }) => spoken.push(u.text), cancel: () => undefined } });
  });

  const clerkCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const clerk = await clerkCtx.newPage();
  await login(clerk, 'county.clerk');
  const wins = (await (await clerk.request.get('/api/queue/my-windows')).json()) as { items: { id: string; centerId: string; centerName: string; number: number }[] };
  const w1 = wins.items.find((w) => w.number === 1 && w.centerName === '示范县政务服务中心')!;

  await screen.goto(`/hall/${w1.centerId}/screen`);
  await expect(screen.getByRole('heading', { name: '示范县政务服务中心' })).toBeVisible();
  await expect(screen.getByTestId('window-1')).toBeVisible();
  const waiting = screen.getByTestId('waiting-社会事务');
  await expect(waiting).toBeVisible();
  const waitingBefore = Number((await waiting.locator('b').innerText()).replace(/\D/g, ''));
  let reloads = 0;
  screen.on('framenavigated', (f) => f === screen.mainFrame() && reloads++);

  // The kiosk (a third, public page in the clerk's context: no login needed).
  const kiosk = await clerkCtx.newPage();
  await kiosk.setViewportSize({ width: 1080, height: 1920 });
  await kiosk.goto(`/hall/${w1.centerId}/kiosk`);
  await expect(kiosk.getByRole('button', { name: /社会事务/ })).toBeVisible();
  await shot(kiosk, 'hall-kiosk-start');
  await kiosk.getByRole('button', { name: '长者' }).click();
  await kiosk.getByRole('button', { name: /社会事务/ }).click();
  for (const d of '13992119500301001X') await kiosk.getByRole('button', { name: d, exact: true }).click();
  await kiosk.getByRole('button', { name: '确定取号' }).click();
  const card = kiosk.getByTestId('ticket-card');
  await expect(card).toContainText('请留意叫号');
  await expect(card).toContainText('绿色通道');
  const code = (await card.locator('.code').innerText()).trim();
  expect(code).toMatch(/^[A-Z]\d{3}$/);
  await shot(kiosk, 'hall-kiosk-ticket');
  // The ticket reaches the screen's waiting count without a reload.
  await expect(waiting).toContainText(`${waitingBefore + 1} 人`);

  await clerk.goto('/workbench/hall/console');
  await pickWindow(clerk, /^(示范县政务服务中心 · )?1号 /);
  await expect(clerk.getByRole('button', { name: /^签\s*(到|退)$/ })).toBeVisible();
  const signIn = clerk.getByRole('button', { name: /^签\s*到$/ });
  if (await signIn.isVisible()) await signIn.click();
  await expect(clerk.getByRole('button', { name: /^叫\s*号$/ })).toBeEnabled();
  await clerk.getByRole('button', { name: /^叫\s*号$/ }).click();
  await expect(clerk.getByTestId('current-code')).toHaveText(code);

  await expect(screen.getByTestId('window-1')).toContainText(code, { timeout: 3000 });
  await expect(screen.getByTestId('call-banner')).toHaveText(`请 ${code} 号到 1 号窗口办理`);
  const spoken = await screen.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  expect(spoken).toEqual([`请 ${code} 号到 1 号窗口办理`, `请 ${code} 号到 1 号窗口办理`]);
  expect(reloads).toBe(0);
  await expect(waiting).toContainText(`${waitingBefore} 人`);
  await shot(screen, 'hall-screen-called');
  // Serve and finish, leaving the window free for the next run on this server.
  await clerk.getByRole('button', { name: '开始办理' }).click();
  await clerk.getByRole('button', { name: '办理完毕' }).click();
  await expect(screen.getByTestId('window-1')).not.toContainText(code);
  await screenCtx.close();
  await clerkCtx.close();
});

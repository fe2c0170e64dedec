import { expect, test } from '@playwright/test';
import { apiLogin, expectNoHorizontalOverflow, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey: 城关街道's director sets a daily cap (限号) of one number on 社会保障 (a category with
 * appointment sessions); the day's one number is taken; a visitor at the kiosk then taps 社会保障 and is
 * told the numbers are gone and which day an appointment is still free (the first day the slot list
 * has a place), and the list shows 今日号已取完 after that. 城关街道 is used by no other journey;
 * the cap is taken off again at the end.
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));
test.use({ viewport: { width: 1080, height: 1920 } });

test('限号: the kiosk offers the first day with a free appointment place', async ({ page, request }) => {
  const headers = await apiLogin(request, 'chengguan.director');
  const centers = (await (await request.get('/api/appointments/centers')).json()) as { items: { id: string; name: string; categories: { id: string; name: string }[] }[] };
  const hall = centers.items.find((c) => c.name === '城关街道便民服务中心')!;
  const categoryId = hall.categories.find((c) => c.name === '社会保障')!.id;
  const list = (await (await request.get(`/api/queue/categories?centerId=${hall.id}`)).json()) as { items: { id: string; name: string; prefix: string; dailyCap: number | null; sort: number; active: boolean; version: number }[] };
  const cat = list.items.find((c) => c.id === categoryId)!;
  const putCap = async (dailyCap: number | null, version: number) => {
    const res = await request.put(`/api/queue/categories/${cat.id}`, { data: { name: cat.name, prefix: cat.prefix, dailyCap, sort: cat.sort, active: cat.active, version }, headers });
    expect(res.status(), await res.text()).toBe(200);
    return ((await res.json()) as { version: number }).version;
  };
  await putCap(1, cat.version);
  try {
    const offer = (await (await request.get(`/api/appointments/next-free-day?centerId=${hall.id}&categoryId=${categoryId}`)).json()) as { day: string | null };
    expect(offer.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // Later today when today's slots still have places (book now, check in here then), else a later day.
    const monthDay = `${Number(offer.day!.slice(5, 7))}月${Number(offer.day!.slice(8, 10))}日${offer.day === today ? '（今天）' : ''}`;

    await page.goto(`/hall/${hall.id}/kiosk`);
    const button = page.getByRole('button', { name: /社会保障/ });
    await expect(button).toContainText('等候');
    // The day's one number goes to someone else meanwhile.
    const first = await request.post(`/api/queue/centers/${hall.id}/tickets`, { data: { categoryId }, headers });
    expect(first.status(), await first.text()).toBe(200);

    // The list still offers it: the refusal itself carries the day.
    await button.click();
    const capped = page.getByTestId('kiosk-capped');
    await expect(capped.locator('.code')).toHaveText(`今日号已取完，可预约 ${monthDay}`);
    await expect(capped).toContainText('社会保障 · 今日限号已满');
    await expect(capped).toContainText(`点「预约办事」选 ${monthDay}的时段`);
    await expect(capped.getByRole('link', { name: '预约办事' })).toHaveAttribute('href', `/portal/appointments/new?center=${hall.id}&category=${categoryId}&day=${offer.day}`);
    await expectNoHorizontalOverflow(page, 1080);
    await shot(page, 'hall-kiosk-capped', { fullPage: false });

    // Back at the start the category shows 今日号已取完; tapping it asks for the day.
    await capped.getByRole('button', { name: '返回' }).click();
    await expect(button).toContainText('今日号已取完');
    await button.click();
    await expect(page.getByTestId('kiosk-capped').locator('.code')).toHaveText(`今日号已取完，可预约 ${monthDay}`);
  } finally {
    const now = (await (await request.get(`/api/queue/categories?centerId=${hall.id}`)).json()) as { items: { id: string; version: number }[] };
    await putCap(cat.dailyCap, now.items.find((c) => c.id === cat.id)!.version);
  }
});

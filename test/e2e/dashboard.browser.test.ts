/**
 * The 看板 in a real headless Chromium (playwright-core), in playground mode after the demo
 * week: the playground's member picker opens the 看板 as a staff member (张三), a lead leader
 * (王主任) and an organisation admin (赵管理员), and each sees exactly their items; the filter
 * form narrows the table, an item opens with its history; and the page fits a 375 px phone and
 * a desktop without sideways scrolling.
 *
 * Waits are on what the page shows (locators), never on time.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_TENANT } from '../../src/playground/world.ts';
import { launchChromium } from '../support/browser.ts';
import { type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

let rig: PlaygroundRig;
let browser: Browser;
/** Every item of the demo week: number → who owns it and who leads it. */
let everything: Array<{ no: number; owners: string[]; lead?: string; creator: string; kind: string }>;

beforeAll(async () => {
  // Thursday 26 November 2026, 10:00 in Beijing.
  rig = await startPlaygroundRig('2026-11-26T10:00:00+08:00');
  expect((await rig.act('seed', {})).body).toMatchObject({ unanswered: 0, skipped: 0 });
  await rig.settle();
  const rows = await rig.luoshi.deps.figures.all(PLAYGROUND_TENANT);
  everything = rows.map((r) => ({
    no: r.no,
    owners: r.owners,
    ...(r.lead ? { lead: r.lead } : {}),
    creator: r.creator,
    kind: r.kind,
  }));
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

/** What the browser refused to apply on any page: the 看板 uses no inline styles its CSP blocks. */
const blocked: string[] = [];

async function dashboardAs(openId: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  await page.goto(rig.page);
  // The playground's member picker offers everyone; it opens a new tab with this request, made
  // here in the same tab to keep the test to one page.
  expect(await page.locator(`.dashboard-picker option[value="${openId}"]`).count()).toBe(1);
  await page.goto(`${rig.page}/dashboard?as=${openId}`);
  await page.locator('table.ledger, .empty').first().waitFor();
  return page;
}

const shownNumbers = async (page: Page) =>
  (await page.locator('table.ledger tbody tr td:first-child').allTextContents())
    .map((t) => Number(t.slice(1)))
    .sort((a, b) => a - b);

async function fits(page: Page): Promise<void> {
  const [scroll, inner] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(inner);
}

describe('看板 in a browser', () => {
  it('shows a staff member only the items he holds, on a phone', async () => {
    const zhang = 'ou_pg_zhangsan';
    const page = await dashboardAs(zhang, 375);
    const his = everything.filter((i) => i.owners.includes(zhang)).map((i) => i.no);
    expect(his.length).toBeGreaterThan(0);
    expect(await shownNumbers(page)).toEqual(his.sort((a, b) => a - b));
    await expect(page.locator('h1').textContent()).resolves.toContain('范围：我的范围');
    await fits(page);
    await page.close();
  });

  it('shows a lead leader what he leads, and an item with its whole history', async () => {
    const wang = 'ou_pg_wang_lead';
    const page = await dashboardAs(wang, 1280);
    const shown = await shownNumbers(page);
    const led = everything.filter((i) => i.lead === wang).map((i) => i.no);
    expect(led.every((no) => shown.includes(no))).toBe(true);
    // Nothing he holds no role on: what he neither leads, owns nor recorded.
    const strangers = everything.filter(
      (i) => i.lead !== wang && !i.owners.includes(wang) && i.creator !== wang,
    );
    expect(strangers.length).toBeGreaterThan(0);
    for (const i of strangers) expect(shown).not.toContain(i.no);
    await page.locator(`a[href="/dashboard/items/${led[0]}"]`).first().click();
    await page.locator('h2', { hasText: '全部记录' }).waitFor();
    await expect(page.locator('.history li').first().textContent()).resolves.toContain('登记');
    await fits(page);
    await page.close();
  });

  it('shows an organisation admin everything, and the filters narrow the table', async () => {
    const page = await dashboardAs('ou_pg_zhao_admin', 1280);
    expect(await shownNumbers(page)).toEqual(everything.map((i) => i.no).sort((a, b) => a - b));
    await expect(page.locator('h1').textContent()).resolves.toContain('范围：全部');
    await page.selectOption('select[name="kind"]', 'rectification');
    await page.click('.filters button[type="submit"]');
    await page.waitForURL(/kind=rectification/);
    const rectifications = everything.filter((i) => i.kind === 'rectification').map((i) => i.no);
    expect(rectifications.length).toBeGreaterThan(0);
    expect(await shownNumbers(page)).toEqual(rectifications.sort((a, b) => a - b));
    await fits(page);
    const phone = await dashboardAs('ou_pg_zhao_admin', 375);
    await fits(phone);
    await expect(phone.locator('.scroll-hint').isVisible()).resolves.toBe(true);
    expect(blocked).toEqual([]);
    await phone.close();
    await page.close();
  });
});

/**
 * The playground in a real headless Chromium (Debian's, driven by playwright-core; no browser
 * download), against the real server in playground mode: a leader records an item for 张三 by
 * picking him from the member list, a stranger's attempt to close it is refused, the owner
 * closes it, the clock jumps to the next day and the morning digest arrives, a card's button
 * goes to the card-callback path, and a rename shows everywhere. Then the page is checked at
 * 375 px and at desktop width.
 *
 * Waits are on what the page shows (locators), never on time.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_GROUP_CHAT, PLAYGROUND_TENANT } from '../../src/playground/world.ts';
import { type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let rig: PlaygroundRig;
let browser: Browser;

beforeAll(async () => {
  // Thursday 26 November 2026, 10:00 in Beijing.
  rig = await startPlaygroundRig('2026-11-26T10:00:00+08:00');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

const group = (page: Page) => page.locator(`.pane[data-chat="${PLAYGROUND_GROUP_CHAT}"]`);

/** Waits for a message in the group containing `text`. */
async function seeInGroup(page: Page, text: string): Promise<void> {
  await group(page).locator('.msg', { hasText: text }).last().waitFor({ timeout: 15_000 });
}

async function sayAs(page: Page, name: string, text: string): Promise<void> {
  await page.selectOption('#speaker', { label: name });
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

describe('the playground page', () => {
  it('runs an item from record to done, refuses a stranger, and travels in time', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(rig.page);
    await expect(page.locator('#now').textContent()).resolves.toBe('2026-11-26 10:00 周四');

    // 王主任 records an item, picking 张三 from the member list.
    await page.selectOption('#speaker', { label: '王主任' });
    await page.fill('#text', '/任务 核对三季度报表');
    await page.click('.member[data-name="张三"] .mention');
    await page.type('#text', '明天');
    await expect(page.inputValue('#text')).resolves.toBe('/任务 核对三季度报表 @张三 明天');
    await page.press('#text', 'Enter');
    await seeInGroup(page, '已登记 #1 核对三季度报表');
    const confirmation = group(page).locator('.msg.from-bot', { hasText: '已登记 #1' });
    await expect(confirmation.textContent()).resolves.toContain('2026-11-27 18:00 周五');
    await expect(confirmation.locator('.at').first().textContent()).resolves.toBe('@张三');

    // A stranger may not close it; the owner may.
    await sayAs(page, '李四', '/完成 #1 我替他办了');
    await seeInGroup(page, '只有 #1 的负责人');
    await sayAs(page, '张三', '/完成 #1 已核对无误');
    await seeInGroup(page, '#1 核对三季度报表 已办结');

    // Jump a day: the clock and a divider show it, and Friday's 09:00 digest arrives under it.
    await page.click('button[data-travel="day"]');
    // The clock shows each stop on the way (09:00, when the digest is due) before it lands.
    await page.locator('#now', { hasText: /^2026-11-27 10:0\d 周五$/ }).waitFor();
    await group(page).locator('.divider', { hasText: '时间拨到 2026-11-27' }).waitFor();
    await seeInGroup(page, '每日督办简报 · 2026-11-27 周五');
    const digest = group(page).locator('.msg.from-bot', { hasText: '每日督办简报' });
    await expect(digest.textContent()).resolves.toContain('#1 核对三季度报表');
    await expect(digest.locator('time').textContent()).resolves.toBe('11-27 09:00 周五');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws a card the bot sends and sends its button through the card-callback path', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(rig.page);
    await rig.luoshi.deps.messenger.send({
      tenant: PLAYGROUND_TENANT,
      to: { chatId: PLAYGROUND_GROUP_CHAT },
      key: 'browser:card',
      message: {
        type: 'card',
        card: {
          schema: '2.0',
          config: { update_multi: true },
          header: { title: { tag: 'plain_text', content: '🟡 临近提醒 #7 报送台账' }, template: 'yellow' },
          body: {
            elements: [
              { tag: 'markdown', content: '负责人 <at id=ou_pg_lisi></at>，**明天 18:00** 到期' },
              {
                tag: 'button',
                text: { tag: 'plain_text', content: '签收' },
                type: 'primary',
                behaviors: [{ type: 'callback', value: { action: 'ack', no: 7, v: 1 } }],
              },
              // One field, as the extension card's 审批意见.
              {
                tag: 'form',
                name: 'decide',
                elements: [
                  {
                    tag: 'input',
                    name: 'reason',
                    placeholder: { tag: 'plain_text', content: '驳回时请写明理由' },
                    max_length: 300,
                  },
                  {
                    tag: 'button',
                    name: 'btn_reject',
                    text: { tag: 'plain_text', content: '驳回' },
                    form_action_type: 'submit',
                    behaviors: [{ type: 'callback', value: { action: 'reject', no: 7, v: 1, req: 1 } }],
                  },
                ],
              },
            ],
          },
        },
      },
    });
    const card = group(page).locator('.card', { hasText: '临近提醒 #7' });
    await card.waitFor();
    await expect(card.locator('.card-h').getAttribute('class')).resolves.toContain('t-yellow');
    await expect(card.textContent()).resolves.toContain('负责人 @李四');
    await page.selectOption('#speaker', { label: '李四' });
    await card.locator('button', { hasText: '签收' }).click();
    // The answer is the card handler's own: it looked for #7 and found none.
    await page
      .locator('#toast.error:not([hidden])', { hasText: '没有找到 #7，请用 /列表 查看编号。' })
      .waitFor();

    // Enter in a one-field card form sends nothing and stays on the page (no native submit).
    await page.evaluate(() => {
      // Captured on the way down, read once every listener has had its turn.
      window.addEventListener(
        'submit',
        (e) => {
          setTimeout(() => {
            document.body.dataset.cardFormSubmit = e.defaultPrevented ? 'prevented' : 'sent';
          });
        },
        true,
      );
    });
    await card.locator('input[name="reason"]').fill('材料不全');
    await card.locator('input[name="reason"]').press('Enter', { noWaitAfter: true });
    const submitted = await page.waitForFunction(() => document.body.dataset.cardFormSubmit);
    await expect(submitted.jsonValue()).resolves.toBe('prevented');
    await page.close();
  }, 60_000);

  it('renames a person everywhere and is usable at 375 px and on a desktop', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(rig.page);
    page.once('dialog', (d) => void d.accept('李科长'));
    await page.click('.member[data-name="李四"] .rename');
    await page.locator('.member .m-name', { hasText: '李科长' }).waitFor();
    await page.locator('#speaker option', { hasText: '李科长' }).waitFor({ state: 'attached' });
    await page.locator('.tab', { hasText: '私聊·李科长' }).waitFor();
    await page.screenshot({ path: join(tmpdir(), 'luoshi-playground-desktop.png') });
    await page.close();

    const phone = await browser.newPage({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    await phone.goto(rig.page);
    // Nothing wider than the screen; the composer and the clock are on it.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const selector of ['#now', '#text', '.send', 'button[data-travel="office"]']) {
      const box = await phone.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.x + box!.width, selector).toBeLessThanOrEqual(375);
      expect(box!.y + box!.height, selector).toBeLessThanOrEqual(740);
    }
    // A toast is as wide as its sentence (up to the screen's width), not squeezed into the
    // half of the screen right of its centre.
    await phone.fill('#travel-at', '');
    await phone.tap('button[data-travel="to"]');
    const toast = phone.locator('#toast.error:not([hidden])', { hasText: '请先选择要跳到的日期和时间。' });
    await toast.waitFor();
    const toastLines = await toast.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(toastLines).toBe(1);
    const toastBox = await toast.boundingBox();
    expect(toastBox!.x).toBeGreaterThanOrEqual(0);
    expect(toastBox!.x + toastBox!.width).toBeLessThanOrEqual(375);
    await sayAs(phone, '张三', '/列表');
    await seeInGroup(phone, '本群');
    await phone.screenshot({ path: join(tmpdir(), 'luoshi-playground-375.png') });
    await phone.close();
  }, 60_000);
});

/**
 * The playground in a real headless Chromium (the machine's, or the one bundled in a dev
 * dependency: `test/support/browser.ts`; driven by playwright-core), against the real server in playground mode: a leader records an item for 张三 by
 * picking him from the member list and the bot confirms it with a card; a stranger's 完成 on
 * that card is refused, the owner's closes it and the card is redrawn; the clock jumps to the
 * next day and the morning digest arrives. A card's buttons go to the card-callback path, and a
 * rename shows everywhere. Then the page is checked at 375 px and at desktop width.
 *
 * Waits are on what the page shows (locators), never on time.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_GROUP_CHAT, PLAYGROUND_TENANT } from '../../src/playground/world.ts';
import { launchChromium } from '../support/browser.ts';
import { type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

let rig: PlaygroundRig;
let browser: Browser;

beforeAll(async () => {
  // Thursday 26 November 2026, 10:00 in Beijing.
  rig = await startPlaygroundRig('2026-11-26T10:00:00+08:00');
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

/** A state emoji the page drew: a visible shape of the colour, named for what it means. */
async function expectGlyph(glyph: Locator, colour: string, meaning: string): Promise<void> {
  await expect(glyph.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe(colour);
  await expect(glyph.getAttribute('aria-label')).resolves.toBe(meaning);
  const box = await glyph.boundingBox();
  expect(box?.width).toBeGreaterThan(8);
  expect(box?.height).toBeGreaterThan(8);
}

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
  it('runs an item from its card to done, refuses a stranger, and travels in time', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(rig.page);
    await expect(page.locator('#now').textContent()).resolves.toBe('2026-11-26 10:00 周四');

    // 王主任 records an item, picking 张三 from the member list; the bot answers with a card.
    await page.selectOption('#speaker', { label: '王主任' });
    await page.fill('#text', '/任务 核对三季度报表');
    await page.click('.member[data-name="张三"] .mention');
    await page.type('#text', '明天');
    await expect(page.inputValue('#text')).resolves.toBe('/任务 核对三季度报表 @张三 明天');
    await page.press('#text', 'Enter');
    const confirmation = group(page).locator('.msg.from-bot', { hasText: '已登记 #1 核对三季度报表' });
    await confirmation.waitFor({ timeout: 15_000 });
    // The message itself, so that a redrawn card is seen in the same place.
    const message = group(page).locator(
      `.msg[data-message-id="${await confirmation.getAttribute('data-message-id')}"]`,
    );
    const card = message.locator('.card');
    await expect(card.locator('.card-title').textContent()).resolves.toBe('✅ 已登记 #1 核对三季度报表');
    // ✅ is drawn by the page, so it shows (green, not an empty box) without an emoji font.
    await expectGlyph(card.locator('.card-title .glyph'), 'rgb(52, 199, 36)', '已完成');
    const facts = await card.locator('.card-b').textContent();
    expect(facts).toMatch(/负责人：@张三（未签收）/);
    expect(facts).toContain('截止：2026-11-27 18:00 周五');
    await expect(card.locator('.at').first().textContent()).resolves.toBe('@张三');
    const done = card.locator('button.card-btn', { hasText: /^完成$/ });
    await expect(done.isEnabled()).resolves.toBe(true);

    // 李四 is neither owner, creator, lead leader nor admin: his 完成 is refused, nothing changes.
    const before = await card.innerHTML();
    await page.selectOption('#speaker', { label: '李四' });
    await card.locator('textarea[name="note"]').fill('我替他办了');
    await done.click();
    await page
      .locator('#toast.error:not([hidden])', {
        hasText: '只有 #1 的负责人、创建人、牵头领导、主要负责人或管理员可以办结。',
      })
      .waitFor();
    await expect(card.innerHTML()).resolves.toBe(before);
    await expect(rig.luoshi.deps.items.get(PLAYGROUND_TENANT, 1)).resolves.toMatchObject({ status: 'open' });

    // The owner writes the result on the card and presses 完成: the card is redrawn as done.
    await page.selectOption('#speaker', { label: '张三' });
    await card.locator('textarea[name="note"]').fill('已核对无误');
    await done.click();
    await page.locator('#toast.success:not([hidden])', { hasText: '#1 已办结（按期办结）' }).waitFor();
    const closed = message.locator('.card', { hasText: '办理结果：已核对无误' });
    await closed.waitFor();
    await expect(closed.locator('.card-title').textContent()).resolves.toBe('#1 核对三季度报表');
    await expect(closed.locator('.card-h').getAttribute('class')).resolves.toContain('t-green');
    await expect(closed.locator('.card-b').textContent()).resolves.toContain('状态：✅ 已完成');
    await expect(closed.locator('.card-btn').count()).resolves.toBe(0);
    await expect(rig.luoshi.deps.items.get(PLAYGROUND_TENANT, 1)).resolves.toMatchObject({
      status: 'done',
      result: '已核对无误',
    });
    await page.screenshot({ path: join(tmpdir(), 'luoshi-playground-done-desktop.png') });

    // Jump a day: the clock and a divider show it, and Friday's 09:00 digest arrives under it.
    await page.click('button[data-travel="day"]');
    // The clock shows each stop on the way (09:00, when the digest is due) before it lands.
    await page.locator('#now', { hasText: /^2026-11-27 10:0\d 周五$/ }).waitFor();
    await group(page).locator('.divider', { hasText: '时间拨到 2026-11-27' }).waitFor();
    // Text or card, the same words: the digest lists #1 among the done.
    const digest = group(page).locator('.msg.from-bot', { hasText: '每日督办简报 · 2026-11-27 周五' });
    await digest.waitFor({ timeout: 15_000 });
    await expect(digest.locator('.msg-body').textContent()).resolves.toMatch(
      /✅ 已办结[\s\S]*#1 核对三季度报表 · 张三/,
    );
    await expect(digest.locator('time').textContent()).resolves.toBe('11-27 09:00 周五');
    await expectGlyph(digest.locator('.glyph.g-done').first(), 'rgb(52, 199, 36)', '已完成');
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

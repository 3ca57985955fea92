/**
 * What the playground page shows for the bot's messages and cards: mentions by name, card
 * colours, fields, buttons that carry their callback value, forms — and never a tag that came
 * from what somebody typed.
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/playground/log.ts';
import { CardView } from '../../src/playground/view/card.tsx';
import { renderMarkdown } from '../../src/playground/view/markdown.tsx';
import { MessageView, type ViewContext } from '../../src/playground/view/message.tsx';

const names = new Map([
  ['ou_zhang', '张三'],
  ['ou_wang', '王主任'],
]);
const ctx: ViewContext = { timezone: 'Asia/Shanghai', botOpenId: 'ou_bot', nameOf: (id) => names.get(id) };
const AT = Date.parse('2026-11-26T10:00:00+08:00');
const html = async (node: unknown) => String(await node);

function botText(text: string): LogEntry {
  return {
    id: '1-0',
    messageId: 'om_pg_1_0',
    record: { kind: 'bot', chatId: 'oc_g', message: { type: 'text', text }, at: AT },
  };
}

function botCard(card: Record<string, unknown>): LogEntry {
  return {
    id: '2-0',
    messageId: 'om_pg_2_0',
    record: { kind: 'bot', chatId: 'oc_g', message: { type: 'card', card }, at: AT },
  };
}

describe('text messages', () => {
  it('shows <at> mentions as @name and decodes the entities the bot escaped', async () => {
    const out = await html(
      <MessageView
        entry={botText('✅ 已登记 #1 &lt;b&gt;报表&lt;/b&gt;\n负责人：<at user_id="ou_zhang">张三</at>')}
        ctx={ctx}
      />,
    );
    expect(out).toContain('<span class="at" data-open-id="ou_zhang">@张三</span>');
    // The title is shown as the text the user typed, still inert.
    expect(out).toContain('&lt;b&gt;报表&lt;/b&gt;');
    expect(out).not.toContain('<b>报表');
    expect(out).toContain('11-26 10:00 周四');
  });

  it('shows what a person typed with mentions by their current name, and escapes the rest', async () => {
    const entry: LogEntry = {
      id: '3-0',
      messageId: 'om_u',
      record: {
        kind: 'user',
        chatId: 'oc_g',
        messageId: 'om_u',
        sender: { openId: 'ou_wang', name: '王主任' },
        content: '@_user_1 /任务 <img src=x onerror=alert(1)> @_user_2 明天',
        mentions: [
          { key: '@_user_1', openId: 'ou_bot', name: '落实' },
          { key: '@_user_2', openId: 'ou_zhang', name: '旧名字' },
        ],
        at: AT,
      },
    };
    const out = await html(<MessageView entry={entry} ctx={ctx} />);
    expect(out).toContain('@落实');
    expect(out).toContain('@张三');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('cards (JSON 2.0)', () => {
  const confirmation = {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: '#12 起草年度工作总结' }, template: 'yellow' },
    body: {
      elements: [
        { tag: 'markdown', content: '**负责人** <at id=ou_zhang></at>\n截止：2026-12-01 18:00 周二' },
        {
          tag: 'column_set',
          columns: [
            {
              tag: 'column',
              weight: 1,
              elements: [{ tag: 'markdown', content: '**牵头**\n<at id=ou_wang></at>' }],
            },
            { tag: 'column', weight: 2, elements: [{ tag: 'markdown', content: '**单位**\n县发改委' }] },
          ],
        },
        {
          tag: 'form',
          name: 'done_form',
          elements: [
            { tag: 'input', name: 'result', placeholder: { tag: 'plain_text', content: '办理结果' } },
            {
              tag: 'button',
              name: 'done',
              type: 'primary',
              form_action_type: 'submit',
              text: { tag: 'plain_text', content: '完成' },
              behaviors: [{ type: 'callback', value: { action: 'done', no: 12, v: 3 } }],
            },
          ],
        },
        { tag: 'some_future_tag' },
      ],
    },
  };

  it('draws the header colour, mentions, columns, a form input and a button carrying its value', async () => {
    const out = await html(<MessageView entry={botCard(confirmation)} ctx={ctx} />);
    expect(out).toContain('class="card-h t-yellow"');
    expect(out).toContain('#12 起草年度工作总结');
    expect(out).toContain('<strong>负责人</strong>');
    expect(out).toContain('@张三');
    expect(out).toContain('@王主任');
    expect(out).toContain('class="col w2"');
    expect(out).toContain('<form class="card-form" data-form-name="done_form">');
    expect(out).toContain('name="result"');
    expect(out).toContain('placeholder="办理结果"');
    expect(out).toMatch(
      /<button type="button" class="btn btn-primary card-btn" data-value="[^"]*&quot;action&quot;:&quot;done&quot;/,
    );
    expect(out).toContain('data-submit="1"');
    expect(out).toContain('暂不支持预览：some_future_tag');
  });

  it('sizes a row of buttons to their text and shows notation markdown small', async () => {
    const row = {
      elements: [
        { tag: 'markdown', content: '也可以发送：/完成 #12', text_size: 'notation' },
        {
          tag: 'column_set',
          columns: ['批准', '驳回'].map((label) => ({
            tag: 'column',
            width: 'auto',
            elements: [
              {
                tag: 'button',
                text: { tag: 'plain_text', content: label },
                behaviors: [{ type: 'callback', value: { action: label } }],
              },
            ],
          })),
        },
      ],
    };
    const out = await html(<CardView card={row} nameOf={ctx.nameOf} />);
    expect(out).toContain('<div class="md note">');
    expect(out.match(/class="col auto"/g)).toHaveLength(2);
  });

  it('shows the replaced card when one is given (a callback’s answer)', async () => {
    const done = {
      ...confirmation,
      header: { title: { tag: 'plain_text', content: '#12 已办结' }, template: 'green' },
    };
    const out = await html(<MessageView entry={botCard(confirmation)} ctx={ctx} card={done} />);
    expect(out).toContain('t-green');
    expect(out).toContain('#12 已办结');
  });

  it('keeps hostile text inert: tags, unknown colours, javascript: links', async () => {
    const hostile = {
      header: {
        title: { tag: 'plain_text', content: '<script>alert(1)</script>' },
        template: 'x" onclick="y',
      },
      elements: [
        {
          tag: 'markdown',
          content: '[点我](javascript:alert(1)) <font color=\'red" x="\'>红</font> <b>粗</b>',
        },
        { tag: 'button', text: { content: '"><img src=x>' }, value: { a: '"><script>' } },
      ],
    };
    const out = await html(<CardView card={hostile} nameOf={ctx.nameOf} />);
    expect(out).not.toMatch(/<script|<img|<b>|href="javascript|onclick/);
    expect(out).toContain('t-default');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('card markdown', () => {
  it('renders lists, headings, strike, code, links and coloured text', async () => {
    const out = await html(
      renderMarkdown(
        "## 今日到期\n- 🔴 #3 ~~旧~~ `代码`\n- [看板](https://example.com/d)\n<font color='red'>逾期 2 项</font>",
        ctx.nameOf,
      ),
    );
    expect(out).toContain('<div class="md-h">今日到期</div>');
    expect(out).toMatch(
      /<ul><li><span class="glyph g-red"[^>]*>.*?<\/span> #3 <s>旧<\/s> <code>代码<\/code><\/li>/,
    );
    expect(out).toContain(
      '<a href="https://example.com/d" target="_blank" rel="noopener noreferrer">看板</a>',
    );
    expect(out).toContain('<span class="fc-red">逾期 2 项</span>');
  });
});

describe('state emoji', () => {
  it('are drawn as coloured shapes named for what they mean, in text, card markdown and card titles', async () => {
    const text = await html(<MessageView entry={botText('🔴 逾期 #1\n🟡 临近 #2\n🟢 正常 #3')} ctx={ctx} />);
    expect(text).toContain('<span class="glyph g-red" role="img" aria-label="红灯" title="红灯">');
    expect(text).toContain('class="glyph g-yellow"');
    expect(text).toContain('class="glyph g-green"');
    const card = await html(
      <CardView
        card={{
          header: { title: { tag: 'plain_text', content: '✅ 已登记 #4 报表' }, template: 'green' },
          body: { elements: [{ tag: 'markdown', content: '状态：🚫 已取消 · **🟠 待销号**' }] },
        }}
        nameOf={ctx.nameOf}
      />,
    );
    expect(card).toMatch(/<div class="card-title"><span class="glyph g-done"[^>]*aria-label="已完成"/);
    expect(card).toContain('class="glyph g-cancelled"');
    expect(card).toContain('<strong><span class="glyph g-orange"');
    // The character stays in the page, so copying or searching a line still finds it.
    expect(card.replace(/<[^>]*>/g, '')).toContain('✅ 已登记 #4 报表');
    // Text a user typed beside it stays escaped.
    expect(await html(<MessageView entry={botText('🔴 &lt;b&gt;x')} ctx={ctx} />)).toContain('&lt;b&gt;x');
  });
});

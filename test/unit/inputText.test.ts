/**
 * The pure parts of reading input: a message's words (`messageText`), text normalisation, the
 * escaping of text replies, and the field limits.
 */
import { describe, expect, it } from 'vitest';
import { messageText } from '../../src/bot/dispatch/messageText.ts';
import { escapeText } from '../../src/bot/texts/format.ts';
import { exceeds, FIELDS, tooLongText } from '../../src/domain/limits.ts';
import { normaliseText } from '../../src/domain/text.ts';

describe('messageText', () => {
  it('reads a text message and refuses what is not one of ours to read', () => {
    expect(messageText('text', '{"text":"@_user_1 /列表"}')).toEqual({ ok: true, text: '@_user_1 /列表' });
    expect(messageText('text', 'not json')).toEqual({ ok: false, reason: 'malformed' });
    expect(messageText('image', '{"image_key":"x"}')).toEqual({ ok: false, reason: 'unsupported' });
  });

  it('flattens a post to its words, a line per paragraph, mentions as keys', () => {
    const post = {
      title: '标题',
      content: [
        [
          { tag: 'at', user_id: '@_user_1' },
          { tag: 'text', text: ' /任务 ' },
          { tag: 'a', text: '链接文字', href: 'https://x' },
          { tag: 'img', image_key: 'img_1' },
          { tag: 'emotion', emoji_type: 'SMILE' },
        ],
        [{ tag: 'at', user_id: 'all' }],
      ],
    };
    expect(messageText('post', JSON.stringify(post))).toEqual({
      ok: true,
      text: '@_user_1 /任务 链接文字\n@_all',
    });
    // Some clients wrap the post in its locale.
    expect(messageText('post', JSON.stringify({ zh_cn: post }))).toMatchObject({ ok: true });
    // A post of images only has no words but its title.
    expect(messageText('post', JSON.stringify({ title: '只有图', content: [[{ tag: 'img' }]] }))).toEqual({
      ok: true,
      text: '只有图',
    });
  });
});

describe('normaliseText', () => {
  it('replaces lone surrogates, drops invisible characters, and composes', () => {
    expect(normaliseText('孤立\ud800代理')).toBe('孤立\ufffd代理');
    expect(normaliseText('a\u0000b\u200bc\u0007\n\td')).toBe('abc\n\td');
    expect(normaliseText('e\u0301')).toBe('\u00e9');
    expect(normaliseText('完好的😀文本')).toBe('完好的😀文本');
  });
  it('reads full-width digits and ＃ as ASCII, and leaves Chinese punctuation as it is', () => {
    expect(normaliseText('/议题 会议＃１ 方案，１１页：（附件）')).toBe('/议题 会议#1 方案，11页：（附件）');
  });
});

describe('escapeText', () => {
  it('keeps typed markup from forming a mention or any other tag in a text message', () => {
    const typed = '<at user_id="all"></at> & <b>粗</b>';
    const escaped = escapeText(typed);
    expect(escaped).not.toMatch(/<|>/);
    expect(escaped).toBe('&lt;at user_id="all"&gt;&lt;/at&gt; &amp; &lt;b&gt;粗&lt;/b&gt;');
  });
});

describe('limits', () => {
  it('counts characters as people do, not UTF-16 units, and stops early on huge input', () => {
    expect(exceeds('😀'.repeat(200), FIELDS.title.max)).toBe(false);
    expect(exceeds('字'.repeat(201), FIELDS.title.max)).toBe(true);
    expect(tooLongText(FIELDS.title, '字'.repeat(230))).toBe('标题太长了（最多 200 字，现有 230 字）。');
  });
});

/**
 * The text of a chat message as a command reads it: Lark's `text` messages, and rich-text `post`
 * messages (what Feishu sends when people format or paste) flattened to plain text, one line per
 * paragraph, with every mention kept as its `@_user_N` key. Other message types have no command
 * to read.
 *
 * Why not the SDK's `normalize` (LARK.md): it replaces mention keys with names, after which two
 * people called 张三 cannot be told apart — and `/任务 … @张三 … 牵头 @张三` must know which is
 * which; it also writes styles as markdown (`**粗体**`), and on a post message (1.74, tried) it
 * left a stray `@` for the stripped bot mention and `@@` before the others.
 * https://open.feishu.cn/document/server-docs/im-v1/message-content-description/message_content
 */
import { z } from 'zod';

export type MessageText = { ok: true; text: string } | { ok: false; reason: 'unsupported' | 'malformed' };

const textContent = z.looseObject({ text: z.string() });

/** One element of a post paragraph; only the fields that carry words matter. */
const postElement = z.looseObject({
  tag: z.string(),
  text: z.string().nullish(),
  user_id: z.string().nullish(),
});
const postBody = z.looseObject({
  title: z.string().nullish(),
  content: z.array(z.array(postElement)).nullish(),
});

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

function elementText(e: z.infer<typeof postElement>): string {
  switch (e.tag) {
    case 'text':
    case 'a':
    case 'code_block':
      return e.text ?? '';
    case 'at':
      // `user_id` is the mention key (`@_user_2`), or `all` for @所有人.
      return e.user_id === 'all' ? '@_all' : (e.user_id ?? '');
    default:
      // Images, emoji, media, dividers: no words for a command.
      return '';
  }
}

/** A post as received is `{title, content}`; some clients wrap it in a locale (`{zh_cn: {…}}`). */
function postOf(json: unknown): z.infer<typeof postBody> | undefined {
  const direct = postBody.safeParse(json);
  if (direct.success && direct.data.content) return direct.data;
  if (json && typeof json === 'object') {
    for (const inner of Object.values(json)) {
      const localized = postBody.safeParse(inner);
      if (localized.success && localized.data.content) return localized.data;
    }
  }
  return undefined;
}

export function messageText(messageType: string, content: string): MessageText {
  if (messageType !== 'text' && messageType !== 'post') return { ok: false, reason: 'unsupported' };
  const json = parseJson(content);
  if (messageType === 'text') {
    const parsed = textContent.safeParse(json);
    return parsed.success ? { ok: true, text: parsed.data.text } : { ok: false, reason: 'malformed' };
  }
  const post = postOf(json);
  if (!post) return { ok: false, reason: 'malformed' };
  const lines = (post.content ?? []).map((paragraph) => paragraph.map(elementText).join(''));
  const body = lines.join('\n').trim();
  return { ok: true, text: body || (post.title ?? '') };
}

const fileContent = z.looseObject({
  file_key: z.string().min(1).max(200),
  file_name: z.string().max(500).nullish(),
});

/** A `file` message's key and name; undefined when the content does not say them. */
export function messageFile(content: string): { fileKey: string; name: string } | undefined {
  const read = fileContent.safeParse(parseJson(content));
  return read.success ? { fileKey: read.data.file_key, name: read.data.file_name ?? '' } : undefined;
}

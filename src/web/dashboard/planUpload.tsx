/**
 * A plan spreadsheet uploaded on the 看板, for whoever sent `/计划 导入 <年度> 单位 <名称>` without
 * lines (the same wait the chat's `.xlsx` ends):
 *
 *   GET  /dashboard/plans   what is awaited (year, unit) and a file form, or how to start one
 *   POST /dashboard/plans   the file (multipart, at most 2 MB): read and held like a chat file;
 *                           the preview card goes to the chat of the command, to be confirmed there
 *
 * The form carries a token derived from the session id, checked on POST, besides the cookie's
 * SameSite=Lax: another site cannot post a file as the person. Reading is the chat's own
 * (`src/bot/actions/planImport.ts`), so both ways give the same preview and the same refusals.
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { holdPlanPreview, readPlanFile } from '../../bot/actions/planImport.ts';
import type { BotDeps } from '../../bot/deps.ts';
import { UserError } from '../../errors.ts';
import { MAX_PLAN_FILE_BYTES } from '../../import/planWorkbook.ts';
import { safeEqual } from '../../lark/crypto.ts';
import { FILE_WAIT_MINUTES, type WantedPlanFile } from '../../storage/pendingPlans.ts';
import { DASHBOARD_COOKIE, type Viewer } from './sessions.ts';

export type PlanUploadDeps = Pick<
  BotDeps,
  | 'clock'
  | 'time'
  | 'calendars'
  | 'settings'
  | 'people'
  | 'roster'
  | 'pendingPlans'
  | 'logger'
  | 'messenger'
  | 'figures'
>;

type Env = { Variables: { viewer: Viewer; nonce: string } };
type Page = (c: Context<Env>, title: string, body: Child, status?: 200 | 400 | 413) => Promise<Response>;

const formToken = (sessionId: string) =>
  createHash('sha256').update(`plan-upload:${sessionId}`).digest('base64url');

function Awaited({ target }: { target: WantedPlanFile | undefined }) {
  if (!target)
    return (
      <p>
        没有等待导入的计划。先在群里（或与“落实”的私聊里）发送 <code>/计划 导入 2027 单位 县住建委</code>
        ，不写事项，{FILE_WAIT_MINUTES} 分钟内回到这里上传 .xlsx。
      </p>
    );
  return (
    <p>
      等待导入：
      <strong>
        {target.year} 年 {target.unit}
      </strong>{' '}
      的工作计划。
    </p>
  );
}

export function planUploadRoutes(app: Hono<Env>, o: { deps: PlanUploadDeps; page: Page }): void {
  const { deps, page } = o;

  const form = (c: Context<Env>, target: WantedPlanFile | undefined, said?: Child, status?: 400 | 413) =>
    page(
      c,
      '导入计划',
      <section class="panel">
        <h1>导入年度工作计划</h1>
        {said}
        <Awaited target={target} />
        {target ? (
          <form method="post" action="/dashboard/plans" enctype="multipart/form-data">
            <input type="hidden" name="token" value={formToken(getCookie(c, DASHBOARD_COOKIE) ?? '')} />
            <p>
              <input type="file" name="file" accept=".xlsx" required />
            </p>
            <p class="muted">
              第一行表头：事项 | 截止 | 负责人（后两栏可空；负责人写群成员姓名），最多 300 行、2 MB。
            </p>
            <button type="submit">上传并预览</button>
          </form>
        ) : null}
      </section>,
      status,
    );

  app.get('/plans', async (c) => {
    const viewer = c.get('viewer');
    return form(c, await deps.pendingPlans.wantedFile(viewer.tenant, viewer.openId));
  });

  app.post(
    '/plans',
    bodyLimit({
      maxSize: MAX_PLAN_FILE_BYTES + 64 * 1024,
      onError: (c) => c.text('计划表超过 2 MB，太大了。请只保留计划事项一张表后再上传。', 413),
    }),
    async (c) => {
      const viewer = c.get('viewer');
      const target = await deps.pendingPlans.wantedFile(viewer.tenant, viewer.openId);
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const token = typeof body.token === 'string' ? body.token : '';
      if (!safeEqual(token, formToken(getCookie(c, DASHBOARD_COOKIE) ?? '')))
        return form(c, target, <p class="error">页面已过期，请重新打开本页再上传。</p>, 400);
      if (!target) return form(c, target, undefined, 400);
      const file = body.file;
      if (!(file instanceof File) || file.size === 0)
        return form(c, target, <p class="error">请选择要上传的 .xlsx 文件。</p>, 400);
      const sender = {
        openId: viewer.openId,
        name: (await deps.people.namesOf(viewer.tenant, [viewer.openId])).get(viewer.openId) ?? '',
      };
      try {
        const bytes = Buffer.from(await file.arrayBuffer());
        const { lines, problems } = await readPlanFile(deps, viewer.tenant, target, {
          name: file.name,
          bytes,
        });
        const heldId = `web-${createHash('sha256').update(bytes).update(`${viewer.openId}:${deps.clock.now()}`).digest('hex').slice(0, 24)}`;
        const { card, held } = await holdPlanPreview(
          deps,
          { tenant: viewer.tenant, sender, heldId },
          target,
          lines,
          problems,
        );
        await deps.messenger.send({
          tenant: viewer.tenant,
          to: { chatId: target.chatId },
          message: { type: 'card', card: { ...card } },
          key: `plan-upload:${heldId}`,
        });
        // Nothing to import: the wait goes on, so a corrected file can follow.
        if (held > 0) await deps.pendingPlans.fileArrived(viewer.tenant, viewer.openId);
        return page(
          c,
          '导入计划',
          <section class="panel">
            <h1>已读取</h1>
            <p>
              {target.year} 年 {target.unit}：读到 {held} 项
              {problems.length > 0 ? `，${problems.length} 处没有读懂` : ''}
              。预览卡片已发到发出 /计划 导入 的会话，请在那里点“确认导入”。
            </p>
            {problems.length > 0 ? (
              <ul>
                {problems.map((p) => (
                  <li>{p}</li>
                ))}
              </ul>
            ) : null}
          </section>,
        );
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        return form(c, target, <p class="error">{e.message}</p>, 400);
      }
    },
  );
}

/**
 * Bull Board (`@bull-board/hono`) at `/admin/queues`: every queue's jobs — waiting, delayed,
 * active, failed — with retry and clean, for organisation admins only. The way in is the 看板's
 * session (the cookie `/看板` or Feishu web login starts): no session answers 401, a session
 * that is not an organisation admin's 403.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { DASHBOARD_COOKIE, type DashboardSessions } from './dashboard/sessions.ts';

export const ADMIN_QUEUES_PATH = '/admin/queues';

export function adminQueueRoutes(o: {
  queues: readonly Queue[];
  sessions: DashboardSessions;
  isOrgAdmin: (openId: string) => boolean;
}): Hono {
  const board = new HonoAdapter(serveStatic);
  board.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({ queues: o.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board });
  const app = new Hono();
  app.use('*', async (c, next) => {
    const viewer = await o.sessions.viewer(getCookie(c, DASHBOARD_COOKIE));
    if (!viewer) return c.text('请先登录：在飞书里向“落实”发送 /看板，打开它私信给你的链接。', 401);
    if (!o.isOrgAdmin(viewer.openId)) return c.text('队列管理只对系统管理员开放。', 403);
    await next();
  });
  app.route('/', board.registerPlugin());
  return app;
}

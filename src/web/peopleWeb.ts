/**
 * The pages people open in a browser, mounted together: the 看板 (`/dashboard`, with Feishu web
 * login when a Lark app is configured) and the queue board (`/admin/queues`, organisation admins),
 * both behind the 看板's sessions.
 */
import type { Queue } from 'bullmq';
import { Hono } from 'hono';
import type { BotDeps } from '../bot/deps.ts';
import { LarkWebLogin, type WebLoginSettings } from '../lark/larkWebLogin.ts';
import type { Logger } from '../logger.ts';
import { ADMIN_QUEUES_PATH, adminQueueRoutes } from './adminQueues.ts';
import { dashboardRoutes } from './dashboard/routes.tsx';
import type { DashboardSessions } from './dashboard/sessions.ts';

export function peopleWebRoutes(o: {
  deps: BotDeps;
  sessions: DashboardSessions;
  queues: readonly Queue[];
  logger: Logger;
  /** With a Lark app: Feishu web login, coming back to `publicUrl`. */
  lark?: WebLoginSettings;
  publicUrl?: string;
}): Hono {
  const app = new Hono();
  app.route(
    '/dashboard',
    dashboardRoutes({
      deps: o.deps,
      sessions: o.sessions,
      logger: o.logger,
      ...(o.lark && o.publicUrl
        ? {
            webLogin: {
              login: new LarkWebLogin(o.lark),
              redirectUri: `${o.publicUrl}/dashboard/auth/feishu/callback`,
            },
          }
        : {}),
    }),
  );
  app.route(
    ADMIN_QUEUES_PATH,
    adminQueueRoutes({
      queues: o.queues,
      sessions: o.sessions,
      isOrgAdmin: (openId) => o.deps.authority.isOrgAdmin(openId),
    }),
  );
  return app;
}

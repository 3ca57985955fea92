/**
 * The command table: every chat command, registered on one router.
 */
import type { BotDeps } from '../src/bot/deps.ts';
import { Router } from '../src/bot/router.ts';
import { doneCommand } from './done.ts';
import { helpCommand } from './help.ts';
import { listCommand } from './list.ts';
import { taskCommand } from './task.ts';

export function createRouter(deps: BotDeps): Router {
  const router = new Router();
  router.command(taskCommand(deps)).command(listCommand(deps)).command(doneCommand(deps));
  router.command(helpCommand(router));
  return router;
}

export { helpHint, welcomeText } from './help.ts';

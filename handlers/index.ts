/**
 * The command table: every chat command, registered on one router.
 */

import type { IncomingFile } from '../src/bot/delivery/files.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import { Router } from '../src/bot/dispatch/router.ts';
import { ackCommand } from './ack.ts';
import { approveCommand, rejectCommand } from './approve.ts';
import { breakdownCommand } from './breakdown.ts';
import { calendarCommand } from './calendar.ts';
import { cancelCommand } from './cancel.ts';
import { dashboardCommand } from './dashboard.ts';
import { documentCommand } from './document.ts';
import { doneCommand } from './done.ts';
import { extendCommand } from './extend.ts';
import { feedbackCommand, interpretCommand } from './fixedSpan.ts';
import { helpCommand } from './help.ts';
import { inspectionCommand } from './inspection.ts';
import { ledgerCommand } from './ledger.ts';
import { listCommand, mineCommand } from './list.ts';
import { meetingCommand, minutesCommand } from './meeting.ts';
import { periodicCommand } from './periodic.ts';
import { planCommand } from './plan.ts';
import { importPlanFile } from './planImport.ts';
import { progressCommand } from './progress.ts';
import { receiptCommand } from './receipt.ts';
import { rectifyCommand } from './rectify.ts';
import { settingsCommand } from './settings.ts';
import { returnCommand, signoffCommand } from './signoff.ts';
import { speechTimerCommand } from './speechTimer.ts';
import { statsCommand } from './stats.ts';
import { statusCommand } from './status.ts';
import { surveyCommand } from './survey.ts';
import { taskCommand } from './task.ts';
import { topicCommand } from './topic.ts';

export function createRouter(deps: BotDeps): Router {
  const router = new Router();
  router
    .command(taskCommand(deps))
    .command(listCommand(deps))
    .command(mineCommand(deps))
    .command(doneCommand(deps));
  // The notice's templates and the working-day calendar (issue 3).
  for (const make of [
    receiptCommand,
    feedbackCommand,
    interpretCommand,
    rectifyCommand,
    signoffCommand,
    returnCommand,
    breakdownCommand,
    calendarCommand,
    periodicCommand,
  ]) {
    router.command(make(deps));
  }
  // Lifecycle and settings (issue 4).
  for (const make of [
    ackCommand,
    progressCommand,
    extendCommand,
    approveCommand,
    rejectCommand,
    cancelCommand,
    statusCommand,
    settingsCommand,
  ]) {
    router.command(make(deps));
  }
  // The supervision layer (issue 11).
  for (const make of [statsCommand, ledgerCommand, dashboardCommand]) {
    router.command(make(deps));
  }
  // The notice's registers (issue 12).
  for (const make of [
    planCommand,
    meetingCommand,
    topicCommand,
    minutesCommand,
    documentCommand,
    inspectionCommand,
    surveyCommand,
    speechTimerCommand,
  ]) {
    router.command(make(deps));
  }
  router.command(helpCommand(router));
  return router;
}

export { helpHint, welcomeText } from './help.ts';

/** What a file someone sends is for: a plan spreadsheet after `/计划 导入`. */
export function createFileHandler(deps: BotDeps) {
  return (ctx: MessageContext, file: IncomingFile) => importPlanFile(deps, ctx, file);
}

/**
 * Every Redis key luoshi writes, built in one place under a configurable prefix, so that a
 * deployment (or a test) owns exactly the keys under `<prefix>:`. BullMQ queues live under
 * `<prefix>:{q:<queue>}` for the same reason.
 *
 * Hash tags (the `{…}` part) decide a key's slot on a Redis Cluster, and every script, MULTI
 * and pipeline must stay in one slot there. So keys that are written together share a tag:
 * - a tenant's keys carry `{t:<tenant>}` (items, indexes, audit, figure rows, settings, plans…);
 * - BullMQ's prefix carries `{q:<queue>}`: its scripts touch several keys of a queue at once;
 * - the send pacer's windows carry `{pace}` (one script reads a target's and the app's window);
 * - the playground's log carries `{pg}` (the once-per-uuid script writes three of them);
 * - card presses carry `{press}` (event id and token are claimed in one MULTI);
 * - the inbound log carries `{in}` (an event's seen-key is claimed as it is appended).
 * Everything else is read and written one key at a time. `LUOSHI_KEY_PREFIX` may hold no braces
 * (`loadConfig`), so these are the only tags. The layout before the tags is moved
 * over by the `hash-tags` migration (`src/storage/migrations.ts`, `legacyKeyLayout.ts`).
 */
export interface Keys {
  readonly prefix: string;
  /** BullMQ's `prefix` option for one queue: its own hash tag, so each queue may sit on its own node. */
  queuePrefix(queue: string): string;
  seq(tenant: string): string;
  item(tenant: string, no: number): string;
  /** `item(tenant, n)` without the number: the create script appends the number it draws. */
  itemPrefix(tenant: string): string;
  /** ZSET of open item numbers in a chat, scored by deadline. */
  chatOpen(tenant: string, chatId: string): string;
  /** ZSET of open item numbers an owner holds, scored by deadline. */
  ownerOpen(tenant: string, openId: string): string;
  /** ZSET of open item numbers a lead leader leads, scored by deadline. */
  leadOpen(tenant: string, openId: string): string;
  /** ZSET of all open items of a tenant, scored by deadline. */
  tenantOpen(tenant: string): string;
  /** HASH of every item's figure row (`/统计`, 台账): item no → compact JSON, kept by the item scripts. */
  figures(tenant: string): string;
  /** Counter bumped by every figure row write: the rows' version. */
  figuresVersion(tenant: string): string;
  /** ZSET of item numbers scored by the version that last wrote their figure row. */
  figuresLog(tenant: string): string;
  /** Stream of every change to a tenant's items and settings. */
  audit(tenant: string): string;
  /** HASH of admin calendar overrides, `YYYY-MM-DD` → `off` | `work`. */
  calendar(tenant: string): string;
  /** Marks a command message already turned into an item (idempotent retries). */
  idempotency(tenant: string, key: string): string;
  /** Stream of the messages the bot showed in the playground. */
  playgroundMessages(): string;
  /** uuid → message id of a playground message (Lark's at-most-once `uuid`, imitated). */
  playgroundUuid(uuid: string): string;
  /** The chat a playground message was posted in (replies go to the same chat). */
  playgroundMessageChat(messageId: string): string;
  /** HASH of a file the bot sent in the playground: its name and bytes (a week). */
  playgroundFile(key: string): string;
  /** HASH of the playground's people, open_id → JSON (renameable). */
  playgroundMembers(): string;
  /**
   * The tenants that have items (for reconciliation and digests). Not in any tenant's slot: the
   * create script cannot touch it on a cluster, so the repository adds the tenant just before.
   */
  tenants(): string;
  /** JSON of a group's settings (`/设置`): principal leader, admins, reminder policy. */
  groupSettings(tenant: string, chatId: string): string;
  /** ZSET of recent sends to one chat or user (per-target pacing of the outbound queue). */
  sendWindow(target: string): string;
  /**
   * ZSET of messages of one priority class (1 first, as BullMQ's) waiting for a slot in that
   * target's window, scored by when they come back.
   */
  sendWaiters(target: string, priority: number): string;
  /** HASH of the reminder plan bookkeeping of a tenant's open items: item no → plan record. */
  plans(tenant: string): string;
  /**
   * Reminders for one chat or person planned in one minute, gathered into one message; the
   * part number is appended (`…:0`, `…:1` for stragglers after the first message went out).
   */
  reminderBatch(tenant: string, target: string, minute: number): string;
  /** LIST of the messages that show an item's card (newest first, capped), for PATCHes. */
  itemCards(tenant: string, no: number): string;
  /** The fire time of the day's reminder of one kind for an item (`DailyReminders`): one a day. */
  remindedOn(tenant: string, no: number, kind: string, day: string): string;
  /** The id of a message the bot sent, by the name its sender gave it (`rememberAs`). */
  sentMessage(tenant: string, name: string): string;
  /** Marks a card callback (by event id or card token) as handled: callbacks are single-use. */
  cardPress(id: string): string;
  /**
   * STREAM of accepted inbound events, durable before Lark gets its 200; the mover turns them
   * into inbound jobs. `{in}`: one script claims the seen-keys and appends.
   */
  inboundLog(): string;
  /** An event (by message id, else event id) already let in: Lark's re-deliveries are dropped. */
  inboundSeen(id: string): string;
  /** The data migrations already applied (`src/storage/migrations.ts`). */
  migrations(): string;
  /** Held by the one process applying the migrations; the others wait for it (a token, expiring). */
  migrationsLock(): string;
  /** A /任务 just recorded, by chat, title and owners: the same one again within a minute is asked about. */
  recentTask(tenant: string, fingerprint: string): string;
  /** A /任务 held back as a likely duplicate, by its message id, until its sender confirms it. */
  heldTask(tenant: string, messageId: string): string;
  /** A person's name as last learned (contact API, a mention), and when to ask again. */
  person(tenant: string, openId: string): string;
  /** A holiday notice read by `/日历 导入`, waiting for the admin's 确认, by the command's message id. */
  pendingNotice(tenant: string, messageId: string): string;
  /** A 看板 login token's digest → who it lets in (one use, ten minutes). */
  dashboardLogin(digest: string): string;
  /** A 看板 session id's digest → whose session it is. */
  dashboardSession(digest: string): string;
  /** A plan read by `/计划 导入`, waiting for 确认, by the command's message id. */
  pendingPlan(tenant: string, messageId: string): string;
  /** A topic sent after its deadline, waiting for the meeting host's 同意上会, by the `/议题` message id. */
  pendingTopic(tenant: string, messageId: string): string;
  /** A `/计划 导入` without lines: its sender's next `.xlsx` is read as the plan (30 minutes). */
  planFileWanted(tenant: string, openId: string): string;
  /** HASH of a register (会议, 发文, 督查, 调研): entry no → JSON. */
  register(tenant: string, kind: string): string;
  /** Counter behind a register's numbers. */
  registerSeq(tenant: string, kind: string): string;
  /** A command message already recorded in a register (retries record once). */
  registerIdempotency(tenant: string, messageId: string): string;
  /** HASH of the days a year's plans are reviewed on, when an admin moved them: year → JSON dates. */
  planReviewDays(tenant: string): string;
  /** HASH of last year's totals per register kind (`/设置 会议基数`). */
  registerBaselines(tenant: string): string;
  /** HASH of a tenant's recurring schedules (`/周期`): schedule no → JSON. */
  schedules(tenant: string): string;
  /** Counter behind the schedules' numbers (`S1`, `S2`, …). */
  scheduleSeq(tenant: string): string;
}

export function createKeys(prefix: string): Keys {
  const t = (tenant: string) => `${prefix}:{t:${tenant}}`;
  return {
    prefix,
    queuePrefix: (queue) => `${prefix}:{q:${queue}}`,
    seq: (tenant) => `${t(tenant)}:seq`,
    item: (tenant, no) => `${t(tenant)}:item:${no}`,
    itemPrefix: (tenant) => `${t(tenant)}:item:`,
    chatOpen: (tenant, chatId) => `${t(tenant)}:chat:${chatId}:open`,
    ownerOpen: (tenant, openId) => `${t(tenant)}:owner:${openId}:open`,
    leadOpen: (tenant, openId) => `${t(tenant)}:lead:${openId}:open`,
    tenantOpen: (tenant) => `${t(tenant)}:open`,
    audit: (tenant) => `${t(tenant)}:audit`,
    figures: (tenant) => `${t(tenant)}:figures`,
    figuresVersion: (tenant) => `${t(tenant)}:figures:version`,
    figuresLog: (tenant) => `${t(tenant)}:figures:log`,
    calendar: (tenant) => `${t(tenant)}:calendar`,
    idempotency: (tenant, key) => `${t(tenant)}:idem:${key}`,
    playgroundMessages: () => `${prefix}:{pg}:messages`,
    playgroundUuid: (uuid) => `${prefix}:{pg}:uuid:${uuid}`,
    playgroundMessageChat: (messageId) => `${prefix}:{pg}:chat-of:${messageId}`,
    playgroundMembers: () => `${prefix}:{pg}:members`,
    playgroundFile: (key) => `${prefix}:{pg}:file:${key}`,
    tenants: () => `${prefix}:tenants`,
    groupSettings: (tenant, chatId) => `${t(tenant)}:chat:${chatId}:settings`,
    sendWindow: (target) => `${prefix}:{pace}:${target}`,
    sendWaiters: (target, priority) => `${prefix}:{pace}:${target}:waiting:${priority}`,
    plans: (tenant) => `${t(tenant)}:plans`,
    reminderBatch: (tenant, target, minute) => `${t(tenant)}:remind:${target}:${minute}`,
    itemCards: (tenant, no) => `${t(tenant)}:item:${no}:cards`,
    remindedOn: (tenant, no, kind, day) => `${t(tenant)}:item:${no}:reminded:${kind}:${day}`,
    sentMessage: (tenant, name) => `${t(tenant)}:sent:${name}`,
    cardPress: (id) => `${prefix}:{press}:${id}`,
    inboundLog: () => `${prefix}:{in}:log`,
    inboundSeen: (id) => `${prefix}:{in}:seen:${id}`,
    migrations: () => `${prefix}:migrations`,
    migrationsLock: () => `${prefix}:migrations:lock`,
    recentTask: (tenant, fingerprint) => `${t(tenant)}:recent-task:${fingerprint}`,
    heldTask: (tenant, messageId) => `${t(tenant)}:held-task:${messageId}`,
    pendingNotice: (tenant, messageId) => `${t(tenant)}:pending-notice:${messageId}`,
    dashboardLogin: (digest) => `${prefix}:dash:login:${digest}`,
    dashboardSession: (digest) => `${prefix}:dash:session:${digest}`,
    pendingPlan: (tenant, messageId) => `${t(tenant)}:pending-plan:${messageId}`,
    pendingTopic: (tenant, messageId) => `${t(tenant)}:pending-topic:${messageId}`,
    planFileWanted: (tenant, openId) => `${t(tenant)}:plan-file:${openId}`,
    register: (tenant, kind) => `${t(tenant)}:reg:${kind}`,
    registerSeq: (tenant, kind) => `${t(tenant)}:reg:${kind}:seq`,
    registerIdempotency: (tenant, messageId) => `${t(tenant)}:reg-idem:${messageId}`,
    registerBaselines: (tenant) => `${t(tenant)}:reg:baselines`,
    planReviewDays: (tenant) => `${t(tenant)}:plan-review-days`,
    schedules: (tenant) => `${t(tenant)}:schedules`,
    scheduleSeq: (tenant) => `${t(tenant)}:schedule-seq`,
    person: (tenant, openId) => `${t(tenant)}:person:${openId}`,
  };
}

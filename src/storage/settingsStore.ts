/**
 * Group settings (`/设置`) in Redis: one JSON value per (tenant, chat) with a revision, written
 * by compare-and-set in a Lua script that also appends the audit entry, so a change and its
 * record land together or not at all. Groups nobody configured read as the DESIGN §6 defaults,
 * and fields added to the policy later get their defaults on read.
 */
import { defaultGroupSettings, type GroupSettings } from '../domain/policy.ts';
import { AUDIT_MAXLEN, auditFields } from './audit.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/** What handlers and the reminder jobs read. */
export interface SettingsSource {
  get(tenant: string, chatId: string): Promise<GroupSettings>;
}

export interface SettingsChangeMeta {
  actor: string;
  action: string;
  at: number;
  /** What changed, for the audit stream; a function sees the settings the change applied to. */
  detail?: string | ((before: GroupSettings, after: GroupSettings) => string);
}

interface StoredSettings extends GroupSettings {
  rev: number;
}

/**
 * KEYS: 1 settings key, 2 audit stream
 * ARGV: 1 expected rev (0: never written)  2 new json  3 audit maxlen  4.. audit fields
 * Returns 1 when written, 0 when someone changed the settings since they were read.
 */
const UPDATE_SETTINGS = `
local current = redis.call('GET', KEYS[1])
local rev = 0
-- By pattern rather than cjson, which refuses a lone surrogate escape in a stored name.
if current then rev = string.match(current, '"rev":(%d+)') or 0 end
if tostring(rev) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 4))
return 1
`;

const MAX_UPDATE_ATTEMPTS = 20;

export class SettingsConflictError extends Error {
  constructor(tenant: string, chatId: string) {
    super(`settings of ${tenant}/${chatId} kept changing under us; gave up after several tries`);
  }
}

export class SettingsStore implements SettingsSource {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** The deployment's office hours (`LUOSHI_WORKDAY_*`): the default for every group. */
    private readonly office: { workdayStart: string; workdayEnd: string },
  ) {}

  private async read(tenant: string, chatId: string): Promise<StoredSettings> {
    const json = await this.redis.get(this.keys.groupSettings(tenant, chatId));
    const defaults = defaultGroupSettings(this.office);
    if (!json) return { ...defaults, rev: 0 };
    const stored = JSON.parse(json) as Partial<StoredSettings>;
    return {
      ...(stored.principal ? { principal: stored.principal } : {}),
      admins: stored.admins ?? [],
      policy: { ...defaults.policy, ...stored.policy },
      rev: stored.rev ?? 0,
    };
  }

  async get(tenant: string, chatId: string): Promise<GroupSettings> {
    const { rev: _rev, ...settings } = await this.read(tenant, chatId);
    return settings;
  }

  /**
   * Applies `change` to the current settings and writes them, with their audit entry, unless
   * someone else wrote in between (then re-reads and tries again). `change` may throw to refuse;
   * returning the object it was given writes nothing.
   */
  async update(
    tenant: string,
    chatId: string,
    change: (current: GroupSettings) => GroupSettings,
    meta: SettingsChangeMeta,
  ): Promise<{ before: GroupSettings; after: GroupSettings; changed: boolean }> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      const { rev, ...before } = await this.read(tenant, chatId);
      const after = change(before);
      if (after === before) return { before, after, changed: false };
      const stored: StoredSettings = { ...after, rev: rev + 1 };
      const written = (await this.redis.eval(
        UPDATE_SETTINGS,
        2,
        this.keys.groupSettings(tenant, chatId),
        this.keys.audit(tenant),
        rev,
        JSON.stringify(stored),
        AUDIT_MAXLEN,
        ...auditFields({
          ...meta,
          chatId,
          detail: typeof meta.detail === 'function' ? meta.detail(before, after) : meta.detail,
        }),
      )) as number;
      if (written === 1) return { before, after, changed: true };
    }
    throw new SettingsConflictError(tenant, chatId);
  }
}

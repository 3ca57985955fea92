/**
 * Typed errors (DESIGN §2). The error sink in `src/bot/errorSink.ts` decides what each kind
 * means for the user: a `UserError` is answered politely in chat, everything else is logged
 * and retried.
 */

/** Something the user typed that we can explain. `message` is shown to them, in Chinese. */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** The usage line of the command, shown under the message when set. */
  readonly usage: string | undefined;
  constructor(message: string, usage?: string) {
    super(message);
    this.usage = usage;
  }
}

/** Start-up configuration problems; the message lists every problem and how to fix it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`luoshi cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** A failed call to the Lark Open Platform. */
export class LarkApiError extends Error {
  override readonly name = 'LarkApiError';
  constructor(
    readonly method: string,
    readonly status: number | undefined,
    readonly code: number | undefined,
    /** Worth trying again later (429, 5xx, network). */
    readonly retryable: boolean,
    /** Seconds Lark asked us to wait (`x-ogw-ratelimit-reset`), when it said. */
    readonly retryAfterSeconds?: number,
    detail?: string,
  ) {
    super(`${method} failed: HTTP ${status ?? '-'} code ${code ?? '-'}${detail ? ` ${detail}` : ''}`);
  }
}

/**
 * The SDK's token cache, ours instead of its process-wide default, for one reason: when Lark
 * says a token is no longer valid (code 99991663, e.g. rotated before the expiry the SDK
 * remembered), the SDK keeps sending the cached one until its own clock says it expired —
 * up to two hours of failed sends. With our cache the delivery can drop the token and let the
 * SDK fetch a fresh one on the very next call. It is also private to one client, so two apps
 * (or two fakes in tests) in one process never share a token.
 */

/**
 * The SDK's `Cache` interface (`@larksuiteoapi/node-sdk`, not exported by name). Its keys are
 * typed with the `Symbol` wrapper type, hence the biome exception.
 */
// biome-ignore lint/complexity/noBannedTypes: mirrors the SDK's own declaration
type SdkKey = string | Symbol;
export interface SdkCache {
  set(key: SdkKey, value: unknown, expire?: number, options?: { namespace?: string }): Promise<boolean>;
  get(key: SdkKey, options?: { namespace?: string }): Promise<unknown>;
}

export class LarkTokenCache implements SdkCache {
  private readonly values = new Map<string, { value: unknown; expiresAt: number | undefined }>();

  private static keyOf(key: SdkKey, namespace?: string): string {
    return `${namespace ?? ''}/${String(key)}`;
  }

  async set(key: SdkKey, value: unknown, expire?: number, options?: { namespace?: string }) {
    this.values.set(LarkTokenCache.keyOf(key, options?.namespace), { value, expiresAt: expire });
    return true;
  }

  async get(key: SdkKey, options?: { namespace?: string }) {
    const entry = this.values.get(LarkTokenCache.keyOf(key, options?.namespace));
    if (!entry) return undefined;
    // The SDK stores an absolute expiry in ms, already 3 minutes early; Infinity means never.
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) return undefined;
    return entry.value;
  }

  /** Forget every token: the next API call fetches a new one. */
  invalidate(): void {
    this.values.clear();
  }
}

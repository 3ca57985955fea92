/**
 * The contract between the Workers edge (`edge/`) and the core's `POST /webhook/edge`: which
 * headers carry the signature and what is signed. Pure constants, imported by both sides (the
 * edge signs with WebCrypto, the core checks with node:crypto), so the two cannot drift apart.
 *
 * Signature = hex HMAC-SHA-256, keyed with `LUOSHI_EDGE_SECRET`, over the UTF-8 bytes of
 * `<timestamp>\n<raw body>`; the timestamp is Unix milliseconds. The edge signs each attempt
 * afresh, so an event that waited hours in the queue still arrives inside the window.
 */
export const EDGE_PATH = '/webhook/edge';
export const EDGE_TIMESTAMP_HEADER = 'x-luoshi-edge-timestamp';
export const EDGE_SIGNATURE_HEADER = 'x-luoshi-edge-signature';
/** How far the timestamp may be from the core's wall clock, either way. */
export const EDGE_SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/** The bytes the HMAC covers, before the body: `<timestamp>\n`. */
export function edgeSignedPrefix(timestamp: string): string {
  return `${timestamp}\n`;
}

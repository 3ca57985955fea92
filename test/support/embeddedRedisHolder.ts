/**
 * A stand-in for `npm start` in playground mode, for the data-directory tests: starts the
 * private redis-server on the directory in argv[2] (append-only on, as main.ts does), prints its
 * address as one JSON line, and waits. SIGTERM stops it as main.ts does; SIGKILL leaves the
 * server behind, the way a killed luoshi does.
 */
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: embeddedRedisHolder.ts <dir>');
const server = await startEmbeddedRedis({ dir, persistent: true });
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
process.stdout.write(`${JSON.stringify({ url: server.url, redisPid: server.pid })}\n`);
setInterval(() => {}, 1 << 30);

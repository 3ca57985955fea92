/**
 * Lua scripts that make every item write atomic: the item, its indexes and its audit entry
 * change together or not at all, with the item's figure row (`src/domain/figures.ts`) and its
 * entry in the rows' change log (item no scored by a per-tenant version), which lets a reader
 * that holds the rows fetch only what changed since. Plain MULTI cannot do compare-and-set on a shared connection
 * (WATCH is per connection), so the check runs inside the script.
 *
 * Index operations are passed as triples (op, score, member) aligned with KEYS[4..]; op is
 * `add` or `rem`. In the create script the member `#` stands for the new item's number.
 */

/**
 * KEYS: 1 item key pattern ("…:item:" — the number is appended), 2 audit stream,
 *       3 idempotency key, 4 sequence, 5 figure rows hash, 6 figure rows version,
 *       7 figure rows change log, 8.. index keys
 * ARGV: 1 item json starting with {"no":-1,  2 idempotency ttl seconds (0: none)
 *       3 audit maxlen  4 action  5 actor  6 at  7 detail  8 figure row json,
 *       then (op, score, member) per index key
 * Every key is the tenant's (one hash tag, one cluster slot); the deployment-wide set of
 * tenants is not, so the repository adds the tenant to it before running this.
 * Returns { no, created } — `created` is 0 when the idempotency key already named an item.
 */
export const CREATE_ITEM = `
local existing = redis.call('GET', KEYS[3])
if existing then return { tonumber(existing), 0 } end
local no = redis.call('INCR', KEYS[4])
local json = ARGV[1]
json = '{"no":' .. no .. string.sub(json, 9)
redis.call('SET', KEYS[1] .. no, json)
local ttl = tonumber(ARGV[2])
if ttl > 0 then redis.call('SET', KEYS[3], no, 'EX', ttl) end
redis.call('HSET', KEYS[5], no, ARGV[8])
redis.call('ZADD', KEYS[7], redis.call('INCR', KEYS[6]), no)
for i = 8, #KEYS do
  local base = 9 + (i - 8) * 3
  local member = ARGV[base + 2]
  if member == '#' then member = tostring(no) end
  if ARGV[base] == 'add' then redis.call('ZADD', KEYS[i], ARGV[base + 1], member)
  else redis.call('ZREM', KEYS[i], member) end
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'no', no, 'action', ARGV[4], 'actor', ARGV[5], 'at', ARGV[6], 'detail', ARGV[7])
return { no, 1 }
`;

/**
 * KEYS: 1 item key, 2 audit stream, 3 figure rows hash, 4 figure rows version,
 *       5 figure rows change log, 6.. index keys
 * ARGV: 1 expected rev  2 new json  3 audit maxlen  4 no  5 action  6 actor  7 at  8 detail
 *       9 figure row json, then (op, score, member) per index key
 * Returns 1 on success, 0 when the item changed since it was read (caller re-reads and retries),
 * -1 when it does not exist.
 */
export const UPDATE_ITEM = `
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
-- Read by pattern, not cjson: an item written before text was normalised may hold a lone
-- surrogate escape that cjson refuses, and must still be changeable (its rewrite heals it).
-- A quote inside user text is always escaped, so only the item's own field matches.
if string.match(current, '"rev":(%d+)') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[9])
redis.call('ZADD', KEYS[5], redis.call('INCR', KEYS[4]), ARGV[4])
for i = 6, #KEYS do
  local base = 10 + (i - 6) * 3
  if ARGV[base] == 'add' then redis.call('ZADD', KEYS[i], ARGV[base + 1], ARGV[base + 2])
  else redis.call('ZREM', KEYS[i], ARGV[base + 2]) end
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'no', ARGV[4], 'action', ARGV[5], 'actor', ARGV[6], 'at', ARGV[7], 'detail', ARGV[8])
return 1
`;

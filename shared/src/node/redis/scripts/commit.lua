--[[
commit: one observation, written atomically, never rolled back by an older one.

KEYS[1]   obs hash of the guarded entity (field: entity id, value: observed epoch ms)
KEYS[2..] keys that the operations below name by their index in KEYS
ARGV[1]   entity id
ARGV[2]   observation time, epoch ms
ARGV[3]   expected stored observation time, for writers that read state first:
          '' = do not check, '-' = nothing may be stored yet, else the exact stored value
ARGV[4..] operations, each a tag and its arguments:
          'H', k, field, value     HSET KEYS[k] field value
          'D', k, field            HDEL KEYS[k] field
          'X', k, maxlen, value    XADD KEYS[k] MAXLEN ~ maxlen * e value
          'Z', k, maxlen, score, member
                                   ZADD KEYS[k] score member, keeping the newest maxlen
          'G', k, lon, lat, member GEOADD KEYS[k] lon lat member
Returns   {'ok', id, ...}          the ids of the stream entries added, in order
          {'stale', stored}        an observation at least as new is already stored (equal = duplicate)
          {'conflict', stored}     the stored observation is not the one the writer read
]]
local id = ARGV[1]
local ts = tonumber(ARGV[2])
local expected = ARGV[3]
local stored = redis.call('HGET', KEYS[1], id)

if stored and tonumber(stored) >= ts then
  return {'stale', stored}
end
if expected ~= '' then
  if (expected == '-' and stored) or (expected ~= '-' and stored ~= expected) then
    return {'conflict', stored or '-'}
  end
end

redis.call('HSET', KEYS[1], id, ARGV[2])
local reply = {'ok'}
local i = 4
while i <= #ARGV do
  local op = ARGV[i]
  local key = KEYS[tonumber(ARGV[i + 1])]
  if op == 'H' then
    redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3])
    i = i + 4
  elseif op == 'D' then
    redis.call('HDEL', key, ARGV[i + 2])
    i = i + 3
  elseif op == 'X' then
    reply[#reply + 1] = redis.call('XADD', key, 'MAXLEN', '~', ARGV[i + 2], '*', 'e', ARGV[i + 3])
    i = i + 4
  elseif op == 'Z' then
    redis.call('ZADD', key, ARGV[i + 3], ARGV[i + 4])
    redis.call('ZREMRANGEBYRANK', key, 0, -(tonumber(ARGV[i + 2]) + 1))
    i = i + 5
  elseif op == 'G' then
    redis.call('GEOADD', key, ARGV[i + 2], ARGV[i + 3], ARGV[i + 4])
    i = i + 5
  else
    return redis.error_reply('commit: unknown operation ' .. tostring(op))
  end
end
return reply

--[[
commit-batch: many observations in one call, each one written as commit.lua writes a single one
(guarded, never rolled back by an older one). A unit whose guard fails is skipped and reported;
the others are written. Units run in order, so two units of one entity chain correctly.

KEYS      every key the units name, each once; operations refer to keys by index in KEYS
ARGV      units, one after the other, each:
          g          index in KEYS of the unit's obs hash; '0' = unguarded, always written
          id         entity id in that hash
          ts         observation time, epoch ms; stored in the obs hash when the unit is written
          expected   as in commit.lua: '' = do not check, '-' = nothing may be stored yet, else
                     the exact stored value
          n          how many operations follow
          ops        as in commit.lua ('H', 'D', 'X', 'G'), except for sorted sets:
                     'Z', k, maxlen, count, score, member, ...
                                   ZADD KEYS[k] of `count` members, then keep the newest maxlen
Returns   one status per unit, in order: 'ok';
          's' .. stored   stale: an observation at least as new is stored (equal = duplicate);
          'c' .. stored   conflict: the stored observation is not the one the writer read
                          (stored is '-' when there is none)
]]
local reply = {}
local i = 1
while i <= #ARGV do
  local g = tonumber(ARGV[i])
  local id = ARGV[i + 1]
  local ts = ARGV[i + 2]
  local expected = ARGV[i + 3]
  local n = tonumber(ARGV[i + 4])
  i = i + 5
  local status = 'ok'
  if g > 0 then
    local stored = redis.call('HGET', KEYS[g], id)
    if stored and tonumber(stored) >= tonumber(ts) then
      status = 's' .. stored
    elseif expected ~= '' and ((expected == '-' and stored) or (expected ~= '-' and stored ~= expected)) then
      status = 'c' .. (stored or '-')
    else
      redis.call('HSET', KEYS[g], id, ts)
    end
  end
  local write = status == 'ok'
  for _ = 1, n do
    local op = ARGV[i]
    local key = KEYS[tonumber(ARGV[i + 1])]
    if op == 'H' then
      if write then redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3]) end
      i = i + 4
    elseif op == 'D' then
      if write then redis.call('HDEL', key, ARGV[i + 2]) end
      i = i + 3
    elseif op == 'X' then
      if write then redis.call('XADD', key, 'MAXLEN', '~', ARGV[i + 2], '*', 'e', ARGV[i + 3]) end
      i = i + 4
    elseif op == 'Z' then
      local count = tonumber(ARGV[i + 3])
      if write then
        local args = {}
        for j = 0, count - 1 do
          args[2 * j + 1] = ARGV[i + 4 + 2 * j]
          args[2 * j + 2] = ARGV[i + 5 + 2 * j]
        end
        redis.call('ZADD', key, unpack(args))
        redis.call('ZREMRANGEBYRANK', key, 0, -(tonumber(ARGV[i + 2]) + 1))
      end
      i = i + 4 + 2 * count
    elseif op == 'G' then
      if write then redis.call('GEOADD', key, ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]) end
      i = i + 5
    else
      return redis.error_reply('commit-batch: unknown operation ' .. tostring(op))
    end
  end
  reply[#reply + 1] = status
end
return reply

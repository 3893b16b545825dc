--[[
drop-orphans: removes ids that index or describe an entity no longer stored, only if it still is not.

KEYS[1]   the entity's state hash: an id it holds is left alone (registered again meanwhile)
KEYS[2..] keys to remove each other id from: a hash (HDEL) or a sorted set / GEO set (ZREM)
ARGV      the ids
Returns   how many ids were orphans and removed
]]
local removed = 0
for i = 1, #ARGV do
  local id = ARGV[i]
  if redis.call('HEXISTS', KEYS[1], id) == 0 then
    for k = 2, #KEYS do
      if redis.call('TYPE', KEYS[k]).ok == 'zset' then
        redis.call('ZREM', KEYS[k], id)
      else
        redis.call('HDEL', KEYS[k], id)
      end
    end
    removed = removed + 1
  end
end
return removed

--[[
commit-batch: many observations in one call, each one written as commit.lua writes a single one
(guarded, never rolled back by an older one). A unit whose guard fails is skipped and reported;
the others are written. Units run in order, so two units of one entity chain correctly (reading
units, below, run after the others: the encoder gives that form only to the one unit of its
entity in a call).

The script runs alone, so writes to hashes and GEO sets may wait until its end: every guard is
read with one HMGET per obs hash up front, and each hash gets one HSET (and one HDEL) and each
GEO set one GEOADD at the end, the last write of a field winning, instead of a call per unit.
Stream entries ('X'), sorted-set members and list members are written in place, in order;
values appended to a stream ('A', 'T', reading units) go into one entry per stream at the end.
Operations must not write the obs hashes the guards use (the guards write those).

A unit may also name checks: hash fields that must hold exactly what the writer read (a
version of what its write was computed from, which others change: a definition, an alarm). A
failed check is a conflict, like a failed `expected`. Checks see the writes of the units before
in the same call.

KEYS      every key the units name, each once; operations refer to keys by index in KEYS
ARGV[1]   a JSON array of strings, args: the arguments below; one text costs less to
          send and decode than thousands of arguments
args[1]   U, the number of units (in the general form below)
args[2]   R, the number of reading units (a compact form of the commonest unit, after them)
then      if R > 0, what every reading unit shares: ko, kh, kf, ks, kt, maxlen, kc, name, len
then      R reading units, each: id, ts, expected, hazard, hobs, fobs, value, kl, member, trim
          a unit guarded by KEYS[ko] (id, ts, expected as below) that checks KEYS[kh] hazard =
          hobs and KEYS[kf] id = fobs (as checks do), writes 'T', ks, kt, maxlen, kc, name,
          value and pushes member on KEYS[kl] as 'L', kl, len (trim '1') or '-' (trim '0'),
          1, 0 would. Reading units run after the others, so they see the writes of every
          other unit of the call, even of those after them (at worst a conflict, which their
          writer redoes); their statuses follow the others'.
then      U unit headers, each: g, id, ts, expected, n, c
          g          index in KEYS of the unit's obs hash; '0' = unguarded, always written
          id         entity id in that hash
          ts         observation time, epoch ms; stored in the obs hash when the unit is written
          expected   as in commit.lua: '' = do not check, '-' = nothing may be stored yet, else
                     the exact stored value
          n          how many operations the unit has
          c          how many checks the unit has
then      the units' checks, unit after unit, each: k, field, value
                     HGET KEYS[k] field must return value ('-' = the field must be absent,
                     '+' = present, whatever it holds; so a checked value is neither itself)
then      the units' operations, unit after unit: as in commit.lua ('H', 'D', 'X', 'G'), except
          for sorted sets: 'Z', k, maxlen, count, score, member, ...
                           ZADD KEYS[k] of `count` members, then keep the newest maxlen
                           ('-' = do not trim this time)
          for lists:       'L', k, maxlen, count, absent, member, ...
                           RPUSH KEYS[k] the `count` members, then each of the `absent`
                           members after them that the list does not hold (read whole, once,
                           when there are any: for the rare point that may be there already),
                           then keep the newest maxlen ('-' = do not trim this time)
          and             'A', k, maxlen, kc, value
                           append value (a JSON text) to the one entry this call adds to stream
                           KEYS[k]: field 'b', a JSON array of every value appended, in order,
                           the stream trimmed to about maxlen values (maxlen / values entries);
                           KEYS[kc] counts the values (INCRBY; kc '0' = no counter)
          and             'T', k, ks, maxlen, kc, name, value
                           telemetry: HSET KEYS[k] id value (id: the unit's, which must be
                           guarded), and append {"name":value} as 'A', ks, maxlen, kc does:
                           the value is sent once for both
Returns   one status per unit, in order: 'ok';
          's' .. stored   stale: an observation at least as new is stored (equal = duplicate);
          'c' .. stored   conflict: the stored observation is not the one the writer read, or
                          a check failed (stored is '-' when there is none)
]]
local args = cjson.decode(ARGV[1])
local U = tonumber(args[1])
local R = tonumber(args[2])
local H = 6
-- Where the reading units' shared fields, the reading units and the unit headers start.
local RS = 3
local R0 = RS + 9
local U0 = R > 0 and R0 + 10 * R or RS
local CHUNK = 1000

-- Deferred hash writes: key index -> field -> value, or false for a delete.
local hashes = {}
local hashOrder = {}
local function hset(k, field, value)
  local h = hashes[k]
  if not h then
    h = {}
    hashes[k] = h
    hashOrder[#hashOrder + 1] = k
  end
  h[field] = value
end

-- Deferred GEOADDs: key index -> flat list of lon, lat, member.
local geo = {}
local geoOrder = {}

-- Appended stream values: key index -> { maxlen, values }; counters: key index -> count.
local appended = {}
local appendOrder = {}
local counted = {}
local countOrder = {}

local function append(k, maxlen, kc, value)
  local entry = appended[k]
  if not entry then
    entry = { maxlen = tonumber(maxlen), values = {} }
    appended[k] = entry
    appendOrder[#appendOrder + 1] = k
  end
  entry.values[#entry.values + 1] = value
  if kc > 0 then
    if not counted[kc] then
      counted[kc] = 0
      countOrder[#countOrder + 1] = kc
    end
    counted[kc] = counted[kc] + 1
  end
end

-- A reading's or position's value: the entity's state (field id of KEYS[ks]) and, wrapped as
-- open .. value .. '}' ({"reading":...}), a value appended to stream KEYS[kt].
local function telemetry(ks, id, kt, maxlen, kc, open, value)
  hset(ks, id, value)
  append(kt, maxlen, kc, open .. value .. '}')
end

-- The guards' and checks' stored values, read up front: key index -> field -> value or false.
local known = {}
local firstOp
do
  local wanted = {}
  local function want(k, field)
    local fields = wanted[k]
    if not fields then
      fields = {}
      wanted[k] = fields
      known[k] = {}
    end
    if known[k][field] == nil then
      known[k][field] = false
      fields[#fields + 1] = field
    end
  end
  if R > 0 then
    local ko, kh, kf = tonumber(args[RS]), tonumber(args[RS + 1]), tonumber(args[RS + 2])
    for r = R0, R0 + 10 * (R - 1), 10 do
      want(ko, args[r])
      want(kh, args[r + 3])
      want(kf, args[r])
    end
  end
  local c = U0 + H * U
  for u = 0, U - 1 do
    local g = tonumber(args[U0 + H * u])
    if g > 0 then want(g, args[U0 + 1 + H * u]) end
    for _ = 1, tonumber(args[U0 + 5 + H * u]) do
      want(tonumber(args[c]), args[c + 1])
      c = c + 3
    end
  end
  firstOp = c
  for g, ids in pairs(wanted) do
    for from = 1, #ids, CHUNK do
      local to = math.min(from + CHUNK - 1, #ids)
      local values = redis.call('HMGET', KEYS[g], unpack(ids, from, to))
      for j = from, to do
        known[g][ids[j]] = values[j - from + 1]
      end
    end
  end
end

-- A field's value now: the last write of this call to it, else what was read up front.
local function current(k, field)
  local h = hashes[k]
  if h then
    local v = h[field]
    if v ~= nil then return v end
  end
  return known[k][field]
end

-- A written unit's observation time: what its guard reads from now on, and stored at the end.
local function stamp(g, id, ts)
  known[g][id] = ts
  hset(g, id, ts)
end

-- A guard's status: 'ok', or why not, given what is stored (false: nothing).
local function guard(stored, ts, expected)
  if stored and tonumber(stored) >= tonumber(ts) then
    return 's' .. stored
  elseif expected ~= '' and ((expected == '-' and stored) or (expected ~= '-' and stored ~= expected)) then
    return 'c' .. (stored or '-')
  end
  return 'ok'
end

-- Whether a checked field's value (false: absent) is what the check wants.
local function holds(value, want)
  if want == '-' then return not value end
  if want == '+' then return value and true or false end
  return value == want
end

local reply = {}
local c = U0 + H * U
local i = firstOp
for u = 0, U - 1 do
  local b = U0 + H * u
  local g = tonumber(args[b])
  local id = args[b + 1]
  local ts = args[b + 2]
  local expected = args[b + 3]
  local n = tonumber(args[b + 4])
  local checks = c
  c = c + 3 * tonumber(args[b + 5])
  local status = 'ok'
  local stored = g > 0 and known[g][id]
  if g > 0 then status = guard(stored, ts, expected) end
  if status == 'ok' then
    for j = checks, c - 1, 3 do
      if not holds(current(tonumber(args[j]), args[j + 1]), args[j + 2]) then
        status = 'c' .. (stored or '-')
        break
      end
    end
  end
  if status == 'ok' and g > 0 then stamp(g, id, ts) end
  local write = status == 'ok'
  for _ = 1, n do
    local op = args[i]
    local k = tonumber(args[i + 1])
    if op == 'H' then
      if write then hset(k, args[i + 2], args[i + 3]) end
      i = i + 4
    elseif op == 'D' then
      if write then hset(k, args[i + 2], false) end
      i = i + 3
    elseif op == 'X' then
      if write then redis.call('XADD', KEYS[k], 'MAXLEN', '~', args[i + 2], '*', 'e', args[i + 3]) end
      i = i + 4
    elseif op == 'Z' then
      local count = tonumber(args[i + 3])
      if write then
        local last = i + 3 + 2 * count
        for from = i + 4, last, CHUNK * 2 do
          redis.call('ZADD', KEYS[k], unpack(args, from, math.min(from + CHUNK * 2 - 1, last)))
        end
        if args[i + 2] ~= '-' then
          redis.call('ZREMRANGEBYRANK', KEYS[k], 0, -(tonumber(args[i + 2]) + 1))
        end
      end
      i = i + 4 + 2 * count
    elseif op == 'L' then
      local last = i + 4 + tonumber(args[i + 3])
      local absent = tonumber(args[i + 4])
      if write then
        for from = i + 5, last, CHUNK do
          redis.call('RPUSH', KEYS[k], unpack(args, from, math.min(from + CHUNK - 1, last)))
        end
        if absent > 0 then
          local held = {}
          for _, m in ipairs(redis.call('LRANGE', KEYS[k], 0, -1)) do held[m] = true end
          for j = last + 1, last + absent do
            if not held[args[j]] then
              held[args[j]] = true
              redis.call('RPUSH', KEYS[k], args[j])
            end
          end
        end
        if args[i + 2] ~= '-' then
          redis.call('LTRIM', KEYS[k], -tonumber(args[i + 2]), -1)
        end
      end
      i = last + absent + 1
    elseif op == 'A' then
      if write then append(k, args[i + 2], tonumber(args[i + 3]), args[i + 4]) end
      i = i + 5
    elseif op == 'T' then
      if write then
        telemetry(k, id, tonumber(args[i + 2]), args[i + 3], tonumber(args[i + 4]), '{"' .. args[i + 5] .. '":', args[i + 6])
      end
      i = i + 7
    elseif op == 'G' then
      if write then
        local list = geo[k]
        if not list then
          list = {}
          geo[k] = list
          geoOrder[#geoOrder + 1] = k
        end
        list[#list + 1] = args[i + 2]
        list[#list + 1] = args[i + 3]
        list[#list + 1] = args[i + 4]
      end
      i = i + 5
    else
      return redis.error_reply('commit-batch: unknown operation ' .. tostring(op))
    end
  end
  reply[#reply + 1] = status
end

if R > 0 then
  local ko, kh, kf = tonumber(args[RS]), tonumber(args[RS + 1]), tonumber(args[RS + 2])
  local ks, kt, maxlen = tonumber(args[RS + 3]), tonumber(args[RS + 4]), args[RS + 5]
  local kc, open, len = tonumber(args[RS + 6]), '{"' .. args[RS + 7] .. '":', -tonumber(args[RS + 8])
  local obs = known[ko]
  for r = R0, R0 + 10 * (R - 1), 10 do
    local id, ts = args[r], args[r + 1]
    local stored = obs[id]
    local status = guard(stored, ts, args[r + 2])
    if status == 'ok' and not (holds(current(kh, args[r + 3]), args[r + 4]) and holds(current(kf, id), args[r + 5])) then
      status = 'c' .. (stored or '-')
    end
    if status == 'ok' then
      stamp(ko, id, ts)
      telemetry(ks, id, kt, maxlen, kc, open, args[r + 6])
      local list = KEYS[tonumber(args[r + 7])]
      redis.call('RPUSH', list, args[r + 8])
      if args[r + 9] == '1' then redis.call('LTRIM', list, len, -1) end
    end
    reply[#reply + 1] = status
  end
end

for _, k in ipairs(hashOrder) do
  local sets, dels = {}, {}
  for field, value in pairs(hashes[k]) do
    if value then
      sets[#sets + 1] = field
      sets[#sets + 1] = value
    else
      dels[#dels + 1] = field
    end
  end
  for from = 1, #sets, CHUNK * 2 do
    redis.call('HSET', KEYS[k], unpack(sets, from, math.min(from + CHUNK * 2 - 1, #sets)))
  end
  for from = 1, #dels, CHUNK do
    redis.call('HDEL', KEYS[k], unpack(dels, from, math.min(from + CHUNK - 1, #dels)))
  end
end
for _, k in ipairs(geoOrder) do
  local list = geo[k]
  for from = 1, #list, CHUNK * 3 do
    redis.call('GEOADD', KEYS[k], unpack(list, from, math.min(from + CHUNK * 3 - 1, #list)))
  end
end
for _, k in ipairs(appendOrder) do
  local entry = appended[k]
  local n = #entry.values
  local entries = math.max(1, math.floor(entry.maxlen / n))
  redis.call('XADD', KEYS[k], 'MAXLEN', '~', entries, '*', 'b', '[' .. table.concat(entry.values, ',') .. ']')
end
for _, kc in ipairs(countOrder) do
  redis.call('INCRBY', KEYS[kc], counted[kc])
end
return reply

--[[
record-rejects: a batch's notices (refusals and warnings) appended to the rejects stream at once.

KEYS[1]   the rejects stream
ARGV[1]   maxlen: the stream is trimmed to about this many entries (MAXLEN ~)
ARGV[2..] one notice each (RejectNotice JSON), appended in order as field `e`
Returns   the number of entries appended
]]
local maxlen = ARGV[1]
for i = 2, #ARGV do
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', maxlen, '*', 'e', ARGV[i])
end
return #ARGV - 1

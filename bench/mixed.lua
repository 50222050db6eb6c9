-- wrk script: walk the paths in the file named by WRK_PATHS (one a line, already shuffled),
-- each thread from its own starting point, round and round, one path per request.
-- Used by bench/mixed.py; `wrk -s bench/mixed.lua URL` with WRK_PATHS set.

local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end

local counter = 0
local threads = 0

function setup(thread)
  thread:set("start", threads * 7919)
  threads = threads + 1
end

function init(args)
  counter = start or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

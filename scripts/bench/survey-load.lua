-- wrk script for scripts/bench-survey.sh: each thread posts its share of the work file (one invitation code per
-- line: fresh codes, replays and forgeries, already shuffled) once, counts the answers' statuses, and stops when every
-- one of its answers has come back. A connection with no work left sends a malformed answer ("{}", refused 422) so it
-- keeps no request of the work in flight; those are not counted.
-- Arguments (after --): WORK_FILE THREADS ANSWERS_JSON
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local path, nthreads = args[1], tonumber(args[2])
  answers = args[3]
  work = {}
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == id then work[#work + 1] = line end
    i = i + 1
  end
  nextItem = 1
  c201, c409, c404, cother, filler = 0, 0, 0, 0, 0
  hdrs = { ["Content-Type"] = "application/json" }
end

function request()
  if nextItem > #work then
    return wrk.format("POST", "/api/v1/responses", hdrs, "{}")
  end
  local code = work[nextItem]
  nextItem = nextItem + 1
  return wrk.format("POST", "/api/v1/responses", hdrs, '{"code":"' .. code .. '","answers":' .. answers .. '}')
end

function response(status, headers, body)
  if status == 201 then c201 = c201 + 1
  elseif status == 409 then c409 = c409 + 1
  elseif status == 404 then c404 = c404 + 1
  elseif status == 422 then filler = filler + 1
  else cother = cother + 1 end
  if c201 + c409 + c404 + cother >= #work then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local t = { c201 = 0, c409 = 0, c404 = 0, cother = 0, filler = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  io.write(string.format(
    'RESULT {"duration_us": %d, "requests": %d, "p50_us": %d, "p99_us": %d, "s201": %d, "s409": %d, "s404": %d, "other": %d, "filler": %d, "errors": %d}\n',
    summary.duration, summary.requests, latency:percentile(50), latency:percentile(99), t.c201, t.c409, t.c404, t.cother, t.filler,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end

-- POSTs a new reader comment per request to an article's own address (its comment form).
-- Usage: wrk ... -s bench/comment-post.lua http://HOST:PORT/ARTICLE/PATH/ -- "COOKIE" TOKEN RUN_TAG
-- COOKIE and TOKEN come from one GET of the article with curl (run.sh does it): an antiforgery
-- token is valid for its own cookie, so every request reuses the pair. Each comment's text and
-- email are unique (a repeat would be a duplicate, 409), and the email names the run, so run.sh
-- can count the rows afterwards. A stored comment answers 303; anything else counts as an error.
-- Prints one WRKRESULT line (as report.lua) plus the number of 303s seen.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local cookie, token, tag, path
counter, seeother = 0, 0 -- globals: done() reads them through thread:get

function init(args)
  cookie, token = args[1], args[2]
  tag = (args[3] or tostring(os.time())) .. "t" .. tostring(tid or 0)
  path = wrk.path
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local remarks = {
  "The harbour wall needed this repair years ago.",
  "I would like to see the council's figures behind this.",
  "Good summary of the meeting, thanks for publishing it.",
  "Where can I read the full report?",
}

function request()
  counter = counter + 1
  local id = tag .. "-" .. counter
  local text = remarks[(counter % #remarks) + 1] .. " (reader note " .. id .. ")"
  local body = "__RequestVerificationToken=" .. urlencode(token) ..
    "&comment=" .. urlencode(text) ..
    "&author=" .. urlencode("Load Reader " .. id) ..
    "&email=" .. urlencode("reader-" .. id .. "@load.bench.invalid") ..
    "&url=&parent=0"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function response(status, headers, body)
  if status == 303 then seeother = seeother + 1 end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local total303 = 0
  for _, thread in ipairs(threads) do total303 = total303 + (thread:get("seeother") or 0) end
  io.write(string.format("WRKRESULT rps=%.2f p50_ms=%.3f p99_ms=%.3f bytes_per_resp=%.0f errors=%d requests=%d seeother=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests > 0 and summary.bytes / summary.requests or 0,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout, summary.requests, total303))
end

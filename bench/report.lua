-- Prints one machine-readable line after a wrk run, read by run.sh.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("WRKRESULT requests=%d rps=%.2f p50_ms=%.3f p99_ms=%.3f bytes_per_resp=%.0f errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests > 0 and summary.bytes / summary.requests or 0,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end

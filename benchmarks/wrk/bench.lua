-- wrk script for every throughput run: `-- <depth>` pipelines that many
-- requests per write (TechEmpower's plaintext test uses 16); at the end it
-- prints one JSON line (prefixed "JSON ") for benchmarks/report.js.
function init(args)
  local depth = tonumber(args[1]) or 1
  if depth > 1 then
    local batch = {}
    for i = 1, depth do
      batch[i] = wrk.format(nil, wrk.path)
    end
    local pipelined = table.concat(batch)
    -- Defined only when pipelining: without it wrk sends one static request.
    request = function()
      return pipelined
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, latency.mean))
end

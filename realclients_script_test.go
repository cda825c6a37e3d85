// realclients_script_test.go runs redis-py's uses of scripting against
// nosql (and redis-server, to check the expectation): a Lock (acquired,
// extended, released by its Lua scripts), register_script (EVALSHA, then
// EVAL after NOSCRIPT once the cache is flushed), and a pipeline of them.
package main

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

const pyScripts = `
import sys, json, redis
r = redis.Redis(port=int(sys.argv[1]), decode_responses=True)
r.flushall()
r.script_flush()
out = {}
lock = r.lock("resource", timeout=10)
out["acquired"] = lock.acquire(blocking=False)
out["second"] = r.lock("resource", timeout=10).acquire(blocking=False)
out["extended"] = lock.extend(5)
out["owned"] = lock.owned()
lock.release()
out["released"] = r.exists("resource")
incr_by = r.register_script("local v = redis.call('incrby', KEYS[1], ARGV[1]) return {v, redis.call('type', KEYS[1]).ok}")
out["incr"] = incr_by(keys=["counter"], args=[5])
r.script_flush()
out["after_flush"] = incr_by(keys=["counter"], args=[2])
p = r.pipeline()
incr_by(keys=["counter"], args=[1], client=p)
p.get("counter")
out["pipeline"] = p.execute()
try:
    r.eval("return redis.call('nosuch')", 0)
except redis.ResponseError as e:
    out["error"] = str(e).split(" script:")[0]
print(json.dumps(out, sort_keys=True))
`

const pyScriptsWant = `{"acquired": true, "after_flush": [7, "string"], "error": "Unknown Redis command called from script", ` +
	`"extended": true, "incr": [5, "string"], "owned": true, "pipeline": [[8, "string"], "8"], "released": 0, "second": false}`

func TestRealRedisPyScripts(t *testing.T) {
	srv := startServer(t)
	if got := runPyRedis(t, pyScripts, srv.port()); got != pyScriptsWant {
		t.Errorf("redis-py against nosql:\n got %s\nwant %s", got, pyScriptsWant)
	}
	if _, err := exec.LookPath("redis-server"); err != nil {
		return
	}
	_, port, _ := strings.Cut(startRedis(t), ":")
	p, _ := strconv.Atoi(port)
	if got := runPyRedis(t, pyScripts, p); got != pyScriptsWant {
		t.Errorf("redis-py against redis-server (the expectation is wrong):\n got %s\nwant %s", got, pyScriptsWant)
	}
}

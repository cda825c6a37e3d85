// realclients_notify_test.go runs a redis-py keyspace listener (Debian's
// python3-redis) against nosql and against redis-server: the pattern a
// cache uses to drop what changed or expired. Skipped, saying why, when
// python3 or its redis module is missing.
package main

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// pyNotify is the redis-py program: it prints the events it saw, as
// [key, event] pairs, in one JSON line.
const pyNotify = `
import json, sys, redis
port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
r.config_set("notify-keyspace-events", "KEA")
p = r.pubsub(ignore_subscribe_messages=True)
p.psubscribe("__keyspace@0__:*")
p.get_message(timeout=10)  # reads the confirmation (ignored): subscribed from here on
got = []
def until(key, event):
    while True:
        m = p.get_message(timeout=10)
        if m is None:
            sys.exit("no %s event for %s" % (event, key))
        got.append([m["channel"].split(":", 1)[1], m["data"]])
        if got[-1] == [key, event]:
            return
r.set("user:1", "alice")
r.hset("h", mapping={"a": 1, "b": 2})
r.lpush("q", "job")
r.rpop("q")
r.set("tmp", "x", px=50)
until("tmp", "expired")
r.delete("user:1", "h", "nosuch")
r.set("stop", "1")
until("stop", "set")
r.config_set("notify-keyspace-events", "")
print(json.dumps(got))
`

// pyNotifyWant is what pyNotify prints against Redis.
const pyNotifyWant = `[["user:1", "set"], ["h", "hset"], ["q", "lpush"], ["q", "rpop"], ["q", "del"], ` +
	`["tmp", "set"], ["tmp", "expire"], ["tmp", "expired"], ["user:1", "del"], ["h", "del"], ["stop", "set"]]`

func TestRealRedisPyNotify(t *testing.T) {
	srv := startServer(t)
	if got := runPyRedis(t, pyNotify, srv.port()); got != pyNotifyWant {
		t.Errorf("redis-py against nosql:\n got %s\nwant %s", got, pyNotifyWant)
	}
	if _, err := exec.LookPath("redis-server"); err != nil {
		return
	}
	_, port, _ := strings.Cut(startRedis(t), ":")
	p, _ := strconv.Atoi(port)
	if got := runPyRedis(t, pyNotify, p); got != pyNotifyWant {
		t.Errorf("redis-py against redis-server (the expectation is wrong):\n got %s\nwant %s", got, pyNotifyWant)
	}
}

// realclients_pubsub_test.go runs redis-py's pub/sub (Debian's
// python3-redis) against nosql and against redis-server: a pubsub()
// listener on channels and a pattern while another connection publishes,
// PUBSUB's introspection, and a handler run by run_in_thread. Skipped,
// saying why, when python3 or its redis module is missing.
package main

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pyPubsub is the redis-py program: it prints one JSON line of what it saw.
const pyPubsub = `
import json, sys, threading, time, redis
port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
p = r.pubsub()
p.subscribe("jobs", "results")
p.psubscribe("events.*")
confs = []
while len(confs) < 3:
    m = p.get_message(timeout=10)
    if m is None:
        sys.exit("no subscribe confirmation")
    confs.append([m["type"], m["channel"], m["data"]])
out = {"confirmations": confs, "numsub": r.pubsub_numsub("jobs", "nope"),
       "numpat": r.pubsub_numpat(), "channels": sorted(r.pubsub_channels())}

def publish():
    w = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
    counts = set()
    for i in range(100):
        counts.add(w.publish("jobs", "job%d" % i))
        counts.add(w.publish("events.%d" % (i % 3), "ev%d" % i))
    counts.add(w.publish("results", "done"))
    out["publish_replies"] = sorted(counts)

th = threading.Thread(target=publish)
th.start()
got = []
for m in p.listen():
    got.append([m["type"], m["pattern"], m["channel"], m["data"]])
    if m["channel"] == "results":
        break
th.join()
out["messages"] = len(got)
out["first"] = got[:2]
out["last"] = got[-1]

received = []
stop = threading.Event()
def handler(m):
    received.append(m["data"])
    if m["data"] == "stop":
        stop.set()
p2 = r.pubsub(ignore_subscribe_messages=True)
p2.subscribe(cmd=handler)
worker = p2.run_in_thread(sleep_time=0.01)
for _ in range(1000):
    if r.pubsub_numsub("cmd")[0][1] == 1:
        break
    time.sleep(0.01)
for x in ["a", "b", "stop"]:
    r.publish("cmd", x)
stop.wait(10)
worker.stop()
worker.join(10)
out["handler"] = received

p.unsubscribe()
p.punsubscribe()
ends = []
while len(ends) < 3:
    m = p.get_message(timeout=10)
    if m is None:
        sys.exit("no unsubscribe confirmation")
    ends.append([m["type"], m["data"]])
out["ends"] = sorted(ends)
p.close()
p2.close()
out["after"] = [r.pubsub_numpat(), r.publish("jobs", "late")]
print(json.dumps(out, sort_keys=True))
`

// pyPubsubWant is what pyPubsub prints against Redis.
const pyPubsubWant = `{"after": [0, 0], "channels": ["jobs", "results"], ` +
	`"confirmations": [["subscribe", "jobs", 1], ["subscribe", "results", 2], ["psubscribe", "events.*", 3]], ` +
	`"ends": [["punsubscribe", 0], ["unsubscribe", 1], ["unsubscribe", 2]], ` +
	`"first": [["message", null, "jobs", "job0"], ["pmessage", "events.*", "events.0", "ev0"]], ` +
	`"handler": ["a", "b", "stop"], "last": ["message", null, "results", "done"], "messages": 201, ` +
	`"numpat": 1, "numsub": [["jobs", 1], ["nope", 0]], "publish_replies": [1]}`

// redisPy returns a python3 with redis-py, Debian's (/usr/bin, whose
// modules apt installs) when there, or skips the test by name.
func redisPy(t *testing.T) string {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if py, err = exec.LookPath("python3"); err != nil {
			t.Skipf("%s: python3 is not installed; skipping", t.Name())
		}
	}
	if exec.Command(py, "-c", "import redis").Run() != nil {
		t.Skipf("%s: python3's redis module is missing (apt-get install python3-redis); skipping", t.Name())
	}
	return py
}

// runPyRedis runs a redis-py program with the port as its argument and
// returns its output, or skips the test when python3-redis is missing. It
// runs Debian's python3 (/usr/bin), whose modules apt installs, when there.
func runPyRedis(t *testing.T, program string, port int) string {
	t.Helper()
	py := redisPy(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c", program, strconv.Itoa(port)).CombinedOutput()
	if err != nil {
		t.Fatalf("redis-py: %v\n%s", err, clipText(string(out)))
	}
	return strings.TrimSpace(string(out))
}

func TestRealRedisPyPubsub(t *testing.T) {
	srv := startServer(t)
	if got := runPyRedis(t, pyPubsub, srv.port()); got != pyPubsubWant {
		t.Errorf("redis-py against nosql:\n got %s\nwant %s", got, pyPubsubWant)
	}
	if _, err := exec.LookPath("redis-server"); err != nil {
		return
	}
	_, port, _ := strings.Cut(startRedis(t), ":")
	p, _ := strconv.Atoi(port)
	if got := runPyRedis(t, pyPubsub, p); got != pyPubsubWant {
		t.Errorf("redis-py against redis-server (the expectation is wrong):\n got %s\nwant %s", got, pyPubsubWant)
	}
}

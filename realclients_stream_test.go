// realclients_stream_test.go drives streams with redis-py (Debian's
// python3-redis): two worker processes consume a job stream through a
// consumer group with xreadgroup (block), xack and xautoclaim; one is
// killed holding a job, and the other claims it, so that every job is
// processed exactly once. Skipped, by name, when redis-py is missing.
package main

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// streamWorkerScript is a redis-py worker: it claims jobs idle for over
// 100 ms (a dead worker's), reads new ones blocking, and processes each
// (records it and acknowledges it in one transaction), until n jobs are
// done. With hang set it stops, holding the job, at its hang-th job.
const streamWorkerScript = `
import sys, time, redis
port, name, n, hang = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
r = redis.Redis(host="127.0.0.1", port=port, socket_timeout=60)
taken = 0
def process(entry_id, fields):
    global taken
    taken += 1
    if taken == hang:
        print("hanging on", fields[b"job"].decode(), flush=True)
        time.sleep(3600)
    p = r.pipeline(transaction=True)
    p.rpush("done", fields[b"job"])
    p.xack("jobs", "workers", entry_id)
    p.execute()
    print("done", fields[b"job"].decode(), flush=True)
deadline = time.time() + 60
while r.llen("done") < n:
    if time.time() > deadline:
        sys.exit("worker %s timed out" % name)
    cursor, claimed, deleted = r.xautoclaim("jobs", "workers", name, min_idle_time=100, start_id="0-0", count=10)
    for entry_id, fields in claimed:
        process(entry_id, fields)
    for _, entries in r.xreadgroup("workers", name, {"jobs": ">"}, count=1, block=200) or []:
        for entry_id, fields in entries:
            process(entry_id, fields)
`

// TestRealRedisPyStreamWorkers runs worker A until it hangs holding its
// third job, kills it, then runs worker B, which claims that job and
// takes the rest as they are added.
func TestRealRedisPyStreamWorkers(t *testing.T) {
	python := redisPy(t)
	srv := startServer(t)
	p := dialServer(t, srv)
	p.do("XGROUP", "CREATE", "jobs", "workers", "$", "MKSTREAM")
	const jobs = 30
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	worker := func(name string, hang int) (*exec.Cmd, *bufio.Scanner, *strings.Builder) {
		cmd := exec.CommandContext(ctx, python, "-c", streamWorkerScript, strconv.Itoa(srv.port()), name, strconv.Itoa(jobs), strconv.Itoa(hang))
		var errOut strings.Builder
		cmd.Stderr = &errOut
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, bufio.NewScanner(out), &errOut
	}
	a, aOut, aErr := worker("a", 3)
	for i := range 3 {
		p.do("XADD", "jobs", "*", "job", fmt.Sprint("job", i))
	}
	var aLines []string
	for aOut.Scan() {
		aLines = append(aLines, aOut.Text())
		if strings.HasPrefix(aOut.Text(), "hanging") {
			break
		}
	}
	if len(aLines) != 3 || aLines[2] != "hanging on job2" {
		t.Fatalf("worker a printed %q (stderr %s)", aLines, aErr.String())
	}
	a.Process.Kill()
	a.Wait()
	if r := p.do("XPENDING", "jobs", "workers"); !strings.Contains(r, "*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n") {
		t.Fatalf("the hung job is not pending for a: %q", r)
	}
	b, bOut, bErr := worker("b", 0)
	for i := 3; i < jobs; i++ {
		p.do("XADD", "jobs", "*", "job", fmt.Sprint("job", i))
	}
	var bLines []string
	for bOut.Scan() {
		bLines = append(bLines, bOut.Text())
	}
	if err := b.Wait(); err != nil {
		t.Fatalf("worker b: %v\n%s", err, bErr.String())
	}
	if len(bLines) != jobs-2 || !slices.Contains(bLines, "done job2") {
		t.Fatalf("worker b processed %d jobs: %q", len(bLines), bLines)
	}
	done := p.do("LRANGE", "done", "0", "-1")
	for i := range jobs {
		if n := strings.Count(done, fmt.Sprintf("\r\njob%d\r\n", i)); n != 1 {
			t.Fatalf("job%d processed %d times: %q", i, n, done)
		}
	}
	if r := p.do("XPENDING", "jobs", "workers"); !strings.HasPrefix(r, "*4\r\n:0\r\n") {
		t.Fatalf("jobs left pending: %q", r)
	}
}

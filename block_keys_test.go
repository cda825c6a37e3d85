// block_keys_test.go tests what the comparison with Redis cannot: the
// semicolon protocol's writes waking blocked pops, serving a waiter whose
// destination's shard is busy (put off until the writer's locks are
// released), the log of served pops replaying to the same store, a log
// holding blocking commands loading without blocking, the timeout's
// parsing, and redis-py's blpop worker loop consuming jobs
// pushed from another connection.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// waitBlocked waits until n clients of srv are blocked.
func waitBlocked(t *testing.T, srv *Server, n int64) {
	t.Helper()
	eventually(t, fmt.Sprintf("%d clients blocked", n), func() bool { return srv.blockedClients.Load() == n })
}

func TestBlockWokenBySemicolonWrites(t *testing.T) {
	srv := startServer(t)
	w, text := dialServer(t, srv), dialServer(t, srv)
	for _, tc := range []struct {
		name, req, key, want string
	}{
		{"PUTLIST", "PUTLIST;k1;a,b;LIST", "k1", "*2\r\n$2\r\nk1\r\n$1\r\na\r\n"},
		{"PUT LIST", "PUT;k2;x,y;LIST", "k2", "*2\r\n$2\r\nk2\r\n$1\r\nx\r\n"},
		{"APPEND", "APPEND;k3;z", "k3", "*2\r\n$2\r\nk3\r\n$1\r\nz\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "APPEND" { // APPEND needs a list; an empty one readies nobody
				if got := text.text("PUTLIST;k3;;LIST"); !strings.HasPrefix(got, "True;") {
					t.Fatalf("PUTLIST of an empty list: %q", got)
				}
			}
			w.send(encodeCommand("BLPOP", tc.key, "0"))
			waitBlocked(t, srv, 1)
			if got := text.text(tc.req); !strings.HasPrefix(got, "True;") {
				t.Fatalf("%s: %q", tc.req, got)
			}
			if got := w.reply(); got != tc.want {
				t.Fatalf("BLPOP got %q, want %q", got, tc.want)
			}
			waitBlocked(t, srv, 0)
		})
	}
}

// keysInOrderedShards returns two keys, dst's shard before src's: taking
// both in order, a client waiting for dst's holds neither.
func keysInOrderedShards(st *Store) (src, dst string) {
	for i := 0; ; i++ {
		src, dst = "src"+strconv.Itoa(i), "dst"+strconv.Itoa(i)
		if st.shardIndex([]byte(dst)) < st.shardIndex([]byte(src)) {
			return src, dst
		}
	}
}

// TestBlockServeDeferred blocks a BLMOVE whose destination's shard the
// test holds locked: the push that readies the source cannot take that
// shard, so it finishes (LLEN sees its element still there) and serves
// the waiter once the shard is free, taking the shards in order.
func TestBlockServeDeferred(t *testing.T) {
	srv := startServer(t)
	src, dst := keysInOrderedShards(srv.store)
	waiter, pusher, reader := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
	waiter.send(encodeCommand("BLMOVE", src, dst, "LEFT", "RIGHT", "0"))
	waitBlocked(t, srv, 1)
	sh := &srv.store.shards[srv.store.shardIndex([]byte(dst))]
	sh.mu.Lock()
	locked := true
	defer func() {
		if locked {
			sh.mu.Unlock()
		}
	}()
	pusher.send(encodeCommand("RPUSH", src, "job"))
	eventually(t, "the push done, its waiter not yet served", func() bool { return reader.do("LLEN", src) == ":1\r\n" })
	sh.mu.Unlock()
	locked = false
	if got := pusher.reply(); got != ":1\r\n" {
		t.Fatalf("RPUSH: %q", got)
	}
	if got := waiter.reply(); got != "$3\r\njob\r\n" {
		t.Fatalf("BLMOVE: %q", got)
	}
	if got := reader.do("LRANGE", dst, "0", "-1"); got != "*1\r\n$3\r\njob\r\n" {
		t.Fatalf("LRANGE %s: %q", dst, got)
	}
	if got := reader.do("EXISTS", src); got != ":0\r\n" {
		t.Fatalf("EXISTS %s: %q", src, got)
	}
}

// TestBlockServedPopsReplay serves blocked pops of every kind, then
// checks what the log holds (the pops as executed, never a blocking
// command) and that it replays to the same store.
func TestBlockServedPopsReplay(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	w, p := dialServer(t, srv), dialServer(t, srv)
	serve := func(block []string, writes ...[]string) string {
		t.Helper()
		w.send(encodeCommand(block...))
		waitBlocked(t, srv, 1)
		for _, cmd := range writes {
			p.do(cmd...)
		}
		return w.reply()
	}
	serve(c("BLPOP", "a", "0"), c("RPUSH", "a", "1", "2", "3"))
	serve(c("BRPOP", "r", "0"), c("RPUSH", "b", "x"), c("RENAME", "b", "r"))
	serve(c("BLMPOP", "0", "1", "c", "RIGHT", "COUNT", "2"), c("RPUSH", "c", "1", "2", "3"))
	serve(c("BLMOVE", "d", "e", "LEFT", "LEFT", "0"), c("MULTI"), c("RPUSH", "d", "m1", "m2"), c("EXEC"))
	serve(c("BRPOPLPUSH", "f", "e", "0"), c("LPUSH", "f", "only"))
	w.send(encodeCommand("BLPOP", "g", "0"))
	waitBlocked(t, srv, 1)
	p.text("PUTLIST;g;t1,t2;LIST")
	w.reply()
	before := dumpStore(srv.store)
	stopServer(t, srv)
	var names []string
	for _, r := range readRecords(t, dir) {
		names = append(names, r[0])
	}
	for _, bad := range []string{"BLPOP", "BRPOP", "BLMPOP", "BLMOVE", "BRPOPLPUSH"} {
		if slices.Contains(names, bad) {
			t.Errorf("the log holds %s: %q", bad, names)
		}
	}
	if !slices.Contains(names, "LMOVE") || !slices.Contains(names, "LPOP") || !slices.Contains(names, "RPOP") {
		t.Errorf("the log lacks the served pops: %q", names)
	}
	want := map[string]string{"a": `l:["2" "3"]`, "c": `l:["1"]`, "e": `l:["only" "m1"]`, "d": `l:["m2"]`, "g": `l:["t2"]`}
	if d := diffDumps(before, want); d != "" {
		t.Fatalf("store before restart: %s", d)
	}
	after := mustLoad(t, dir, withAOF(dir, "everysec"))
	if d := diffDumps(dumpStore(after.store), before); d != "" {
		t.Fatalf("after replay: %s", d)
	}
}

// TestBlockingCommandsInLogDoNotBlock loads a log (as Redis's own could
// hold) with blocking pops on missing and present keys: the load ends,
// each popping what is there and none waiting for what comes later.
func TestBlockingCommandsInLogDoNotBlock(t *testing.T) {
	dir := t.TempDir()
	var data []byte
	for _, rec := range [][]string{c("BLPOP", "none", "0"), c("RPUSH", "l", "a", "b", "c"), c("BRPOP", "none", "l", "0"),
		c("BLMOVE", "none", "d", "LEFT", "LEFT", "0"), c("BRPOPLPUSH", "l", "d", "0"), c("BLMPOP", "0", "1", "none", "LEFT"),
		c("RPUSH", "none", "x")} { // x would go to a waiter
		data = appendCommand(data, rec...)
	}
	if err := os.WriteFile(aofPath(dir), data, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := mustLoad(t, dir)
	want := map[string]string{"l": `l:["a"]`, "d": `l:["b"]`, "none": `l:["x"]`}
	if d := diffDumps(dumpStore(srv.store), want); d != "" {
		t.Fatalf("after load: %s", d)
	}
}

func TestParseTimeout(t *testing.T) {
	for _, tc := range []struct {
		arg  string
		want time.Duration
		err  string
	}{
		{"0", 0, ""},
		{"1", time.Second, ""},
		{"0.5", 500 * time.Millisecond, ""},
		{"0.0001", time.Millisecond, ""}, // rounded up to a millisecond
		{"-0.0001", 0, ""},               // rounded up to 0: no timeout
		{"1e-400", time.Millisecond, ""}, // a long double's subnormal
		{"0x10", 16 * time.Second, ""},   // strtold reads hexadecimal
		{"1.0015", 1002 * time.Millisecond, ""},
		{"9223372036854775", 0, ""}, // too long for a Duration: no timeout
		{"-1", 0, errTimeoutNegative},
		{"1e16", 0, errTimeoutNegative}, // past a long long
		{"inf", 0, errTimeoutNegative},
		{"-inf", 0, errTimeoutNegative},
		{"nan", 0, errTimeoutFloat},
		{"abc", 0, errTimeoutFloat},
		{" 1", 0, errTimeoutFloat},
		{"", 0, errTimeoutFloat},
	} {
		got, msg := parseTimeout([]byte(tc.arg))
		if got != tc.want || msg != tc.err {
			t.Errorf("parseTimeout(%q) = %v, %q; want %v, %q", tc.arg, got, msg, tc.want, tc.err)
		}
	}
}

// workerScript is redis-py's blpop worker loop: it takes jobs from two
// queues until it has n, pushing each result, and prints the jobs in the
// order taken.
const workerScript = `
import sys, redis
r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=60)
done = []
while len(done) < int(sys.argv[2]):
    item = r.blpop(["jobs:high", "jobs:low"], timeout=30)
    if item is None:
        sys.exit("blpop timed out after %d jobs" % len(done))
    queue, job = item
    done.append(queue.decode() + "=" + job.decode())
    r.rpush("results", job.upper())
print(" ".join(done))
`

// TestRealRedisPyBlpopWorker runs the worker against nosql while another
// connection pushes the jobs, some before it blocks and most while it
// waits.
func TestRealRedisPyBlpopWorker(t *testing.T) {
	python := redisPy(t)
	srv := startServer(t)
	p := dialServer(t, srv)
	const jobs = 40
	var want []string
	for i := range 3 {
		p.do("RPUSH", "jobs:low", fmt.Sprint("early", i))
		want = append(want, fmt.Sprint("jobs:low=early", i))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-c", workerScript, strconv.Itoa(srv.port()), strconv.Itoa(jobs))
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 3; i < jobs; i++ {
		done := fmt.Sprintf(":%d\r\n", i) // the worker finished the jobs before ...
		eventually(t, done+" results", func() bool { return p.do("LLEN", "results") == done })
		waitBlocked(t, srv, 1) // ... and waits for the next
		q := "jobs:low"
		if i%3 == 0 {
			q = "jobs:high"
		}
		p.do("LPUSH", q, fmt.Sprint("job", i))
		want = append(want, fmt.Sprintf("%s=job%d", q, i))
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("worker: %v\n%s", err, errOut.String())
	}
	if got := strings.Fields(out.String()); !slices.Equal(got, want) {
		t.Fatalf("jobs taken:\n got %q\nwant %q", got, want)
	}
	if got := p.do("LLEN", "results"); got != fmt.Sprintf(":%d\r\n", jobs) {
		t.Fatalf("LLEN results: %q", got)
	}
	if got := p.do("EXISTS", "jobs:high", "jobs:low"); got != ":0\r\n" {
		t.Fatalf("queues left: %q", got)
	}
}

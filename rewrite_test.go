// rewrite_test.go tests compaction: rewrites while writers run, an
// automatic rewrite, the placing of logged records around the snapshot's
// cuts, and a FLUSHALL landing in the middle of a snapshot.
package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"
)

// waitRewrites waits until n rewrites have finished.
func waitRewrites(t *testing.T, srv *Server, n int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for srv.aof().rw.count.Load() < n || srv.aof().rw.running.Load() {
		if time.Now().After(deadline) {
			t.Fatalf("rewrite %d did not finish", n)
		}
		time.Sleep(2 * time.Millisecond)
	}
	if srv.aof().rw.failed.Load() {
		t.Fatal("rewrite failed")
	}
}

// loadWriter runs random writes on keys of its own until stop closes,
// keeping a model of every acknowledged write.
func loadWriter(t *testing.T, c *tclient, id int, stop <-chan struct{}, m model) {
	rng := rand.New(rand.NewSource(int64(id)))
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		k := fmt.Sprintf("w%d:%d", id, rng.Intn(50))
		v := fmt.Sprint(n)
		cur := m[k]
		switch op := rng.Intn(6); {
		case op == 0 && (cur == nil || !cur.isList):
			if r := c.do("SET", k, v); r != "+OK\r\n" {
				t.Errorf("SET: %q", r)
				return
			}
			m.apply(t, rec("SET", k, v))
		case op == 1 && (cur == nil || cur.isList):
			c.do("RPUSH", k, v, v+"b")
			m.apply(t, rec("RPUSH", k, v, v+"b"))
		case op == 2 && (cur == nil || cur.isList):
			c.do("LPUSH", k, v)
			m.apply(t, rec("LPUSH", k, v))
		case op == 3:
			c.do("DEL", k)
			m.apply(t, rec("DEL", k))
		case op == 4:
			if r := c.text("PUTLIST;" + k + ";;LIST"); !strings.HasPrefix(r, "True;") {
				t.Errorf("PUTLIST: %q", r)
				return
			}
			m.apply(t, rec("PUTLIST", k))
		default:
			c.text("PUT;" + k + ";" + v + ";INT")
			m.apply(t, rec("SET", k, v))
		}
	}
}

func TestRewriteUnderLoad(t *testing.T) {
	for _, policy := range []string{"always", "everysec"} {
		t.Run(policy, func(t *testing.T) {
			dir := t.TempDir()
			srv := startServer(t, withAOF(dir, policy), func(c *Config) { c.AutoAOFRewritePercentage = 0 })
			base := model{}
			for i := 0; i < 20000; i++ { // enough that a snapshot takes a while
				k, v := fmt.Sprint("pre:", i), fmt.Sprint(i)
				sdb(srv).Set([]byte(k), []byte(v))
				base.apply(t, rec("SET", k, v))
			}
			sdb(srv).Push([]byte("pre:list"), [][]byte{[]byte("a"), []byte("b")}, false, true)
			base.apply(t, rec("RPUSH", "pre:list", "a", "b"))

			const writers = 6
			stop := make(chan struct{})
			models := make([]model, writers)
			var wg sync.WaitGroup
			for i := range models {
				models[i] = model{}
				c := dialServer(t, srv)
				wg.Add(1)
				go func() { defer wg.Done(); loadWriter(t, c, i, stop, models[i]) }()
			}
			admin := dialServer(t, srv)
			for i := int64(1); i <= 4; i++ {
				time.Sleep(20 * time.Millisecond)
				if r := admin.do("BGREWRITEAOF"); r != "+Background append only file rewriting started\r\n" {
					t.Fatalf("BGREWRITEAOF: %q", r)
				}
				if r := admin.do("BGREWRITEAOF"); r != "-ERR Background append only file rewriting already in progress\r\n" &&
					r != "+Background append only file rewriting started\r\n" {
					t.Fatalf("second BGREWRITEAOF: %q", r)
				}
				waitRewrites(t, srv, srv.aof().rw.count.Load())
			}
			close(stop)
			wg.Wait()
			stopServer(t, srv)

			want := base.dump()
			for _, m := range models {
				for k, v := range m.dump() {
					want[k] = v
				}
			}
			got := mustLoad(t, dir)
			if d := diffDumps(dumpStore(got.store), want); d != "" {
				t.Fatalf("after rewrites and a restart: %s", d)
			}
		})
	}
}

func TestRewriteAutomatic(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "everysec"), func(c *Config) {
		c.AutoAOFRewriteMinSize, c.AutoAOFRewritePercentage = 64<<10, 100
	})
	c := dialServer(t, srv)
	for i := 0; srv.aof().rw.count.Load() == 0; i++ {
		c.do("SET", "k", strings.Repeat("x", 100)+fmt.Sprint(i)) // one key rewritten over and over
		if i > 100000 {
			t.Fatal("no automatic rewrite")
		}
	}
	waitRewrites(t, srv, 1)
	c.do("SET", "after", "1")
	info := string(srv.appendPersistenceInfo(nil))
	if !strings.Contains(info, "aof_rewrites:1\r\n") || strings.Contains(info, "aof_base_size:0\r\n") {
		t.Fatalf("INFO after an automatic rewrite:\n%s", info)
	}
	want := dumpStore(srv.store)
	stopServer(t, srv)
	if recs := readRecords(t, dir); len(recs) > 1000 {
		t.Fatalf("%d records after a rewrite of 1 key", len(recs))
	}
	if d := diffDumps(dumpStore(mustLoad(t, dir).store), want); d != "" {
		t.Fatal(d)
	}
}

func TestRewriteKeep(t *testing.T) {
	srv := startServer(t)
	st := srv.store
	r := &rewrite{a: &aof{srv: srv}}
	a, b := []byte("a"), []byte("b")
	for st.shardIndex(a) == st.shardIndex(b) {
		b = append(b, 'b')
	}
	for i := range r.cut {
		r.cut[i] = 100
	}
	r.cut[st.shardIndex(a)] = 50 // a's shard was copied earlier than the rest
	cases := []struct {
		name string
		p    int64
		rec  []string
		keep bool
		err  error
	}{
		{"before a's cut", 40, rec("SET", "a", "1"), false, nil},
		{"after a's cut", 60, rec("SET", "a", "1"), true, nil},
		{"before b's cut", 60, rec("SET", string(b), "1"), false, nil},
		{"after b's cut", 100, rec("SET", string(b), "1"), true, nil},
		{"PUTLIST", 60, rec("PUTLIST", "a"), true, nil},
		{"multi-key, both before", 40, rec("DEL", "a", string(b)), false, nil},
		{"multi-key, both after", 100, rec("DEL", "a", string(b)), true, nil},
		{"multi-key, crossing", 60, rec("DEL", "a", string(b)), false, errCrossing},
		{"FLUSHALL before all", 40, rec("FLUSHALL"), false, nil},
		{"FLUSHALL after all", 100, rec("FLUSHALL"), true, nil},
		{"FLUSHALL crossing", 60, rec("FLUSHALL"), false, errCrossing},
	}
	for _, tc := range cases {
		args := make([][]byte, len(tc.rec))
		for i, s := range tc.rec {
			args[i] = []byte(s)
		}
		before, after := r.side(tc.p, args)
		keep, err := after && !before, error(nil)
		if before && after {
			err = errCrossing
		}
		if keep != tc.keep || err != tc.err {
			t.Errorf("%s: keep %v err %v, want %v %v", tc.name, keep, err, tc.keep, tc.err)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for a logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRewriteFlushDuringSnapshot(t *testing.T) {
	dir := t.TempDir()
	var logs syncBuffer
	srv := startServer(t, withAOF(dir, "everysec"), func(c *Config) {
		c.AutoAOFRewritePercentage = 0
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	for i := 0; i < 100000; i++ {
		sdb(srv).Set([]byte(fmt.Sprint("k", i)), []byte("v"))
	}
	c := dialServer(t, srv)
	c.do("BGREWRITEAOF")
	time.Sleep(time.Millisecond)
	sdb(srv).Flush()
	c.do("SET", "after", "1")
	c.do("RPUSH", "l", "x")
	waitRewrites(t, srv, 1)
	want := dumpStore(srv.store)
	stopServer(t, srv)
	if !strings.Contains(logs.String(), "crossed") {
		t.Log("the FLUSHALL did not land inside the snapshot this time")
	}
	if d := diffDumps(dumpStore(mustLoad(t, dir).store), want); d != "" {
		t.Fatal(d)
	}
}

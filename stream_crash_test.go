// stream_crash_test.go kills a real nosql process with SIGKILL while
// producers XADD to a stream and consumers XREADGROUP and XACK from it
// (and rewrites happen), restarts it, and checks that nothing
// acknowledged was lost: every entry whose XADD was answered is there,
// no entry is ever delivered twice as new, every delivered entry not yet
// acknowledged is still pending for its consumer, and every entry whose
// XACK was answered stays acknowledged.
package main

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var replyIDs = regexp.MustCompile(`\$\d+\r\n(\d+-\d+)\r\n`)

// streamCrashState is what the clients saw acknowledged.
type streamCrashState struct {
	mu        sync.Mutex
	added     map[string]bool   // XADD answered
	delivered map[string]string // id -> consumer that got it as new
	ackSent   map[string]bool   // XACK sent
	acked     map[string]bool   // XACK answered
	twice     []string          // delivered as new more than once
}

// produce XADDs until the connection fails.
func (st *streamCrashState) produce(addr string, w int) {
	c, err := dialRaw(addr)
	if err != nil {
		return
	}
	defer c.close()
	for n := 0; ; n++ {
		r, err := c.do("XADD", "q", "*", "w", fmt.Sprint(w), "n", fmt.Sprint(n))
		m := replyIDs.FindStringSubmatch(r)
		if err != nil || m == nil {
			return
		}
		st.mu.Lock()
		st.added[m[1]] = true
		st.mu.Unlock()
	}
}

// consume reads new entries as consumer name and acknowledges them,
// until the connection fails.
func (st *streamCrashState) consume(addr, name string) {
	c, err := dialRaw(addr)
	if err != nil {
		return
	}
	defer c.close()
	for {
		r, err := c.do("XREADGROUP", "GROUP", "g", name, "COUNT", "10", "STREAMS", "q", ">")
		if err != nil || strings.HasPrefix(r, "-") {
			return
		}
		var ids []string
		st.mu.Lock()
		for _, m := range replyIDs.FindAllStringSubmatch(r, -1) {
			if _, seen := st.delivered[m[1]]; seen {
				st.twice = append(st.twice, m[1])
			}
			st.delivered[m[1]] = name
			ids = append(ids, m[1])
		}
		for _, id := range ids {
			st.ackSent[id] = true
		}
		st.mu.Unlock()
		if len(ids) == 0 {
			time.Sleep(time.Millisecond)
			continue
		}
		r, err = c.do(append([]string{"XACK", "q", "g"}, ids...)...)
		if err != nil || !strings.HasPrefix(r, ":") {
			return
		}
		st.mu.Lock()
		for _, id := range ids {
			st.acked[id] = true
		}
		st.mu.Unlock()
	}
}

// verify checks the restarted server against what was acknowledged.
func (st *streamCrashState) verify(t *testing.T, addr string) {
	t.Helper()
	c, err := dialRaw(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if len(st.twice) > 0 {
		t.Fatalf("entries delivered as new twice: %v", st.twice[:min(5, len(st.twice))])
	}
	r, err := c.do("XRANGE", "q", "-", "+")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, m := range replyIDs.FindAllStringSubmatch(r, -1) {
		have[m[1]] = true
	}
	for id := range st.added {
		if !have[id] {
			t.Fatalf("acknowledged XADD %s lost", id)
		}
	}
	r, err = c.do("XPENDING", "q", "g", "-", "+", "1000000")
	if err != nil {
		t.Fatal(err)
	}
	pending := map[string]string{}
	for _, m := range regexp.MustCompile(`\$\d+\r\n(\d+-\d+)\r\n\$\d+\r\n(c\d)\r\n`).FindAllStringSubmatch(r, -1) {
		pending[m[1]] = m[2]
	}
	for id, cons := range st.delivered {
		switch {
		case st.acked[id] && pending[id] != "":
			t.Fatalf("acknowledged XACK of %s undone: pending for %s", id, pending[id])
		case !st.ackSent[id] && pending[id] != cons:
			t.Fatalf("delivered %s to %s is not pending for it (%q)", id, cons, pending[id])
		}
	}
}

func TestStreamCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills real processes")
	}
	bin := buildNosql(t)
	for _, policy := range []string{"always", "everysec"} {
		t.Run(policy, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			args := []string{"-appendfsync", policy, "-auto-aof-rewrite-min-size", "262144", "-auto-aof-rewrite-percentage", "100"}
			st := &streamCrashState{added: map[string]bool{}, delivered: map[string]string{}, ackSent: map[string]bool{}, acked: map[string]bool{}}
			rng := rand.New(rand.NewSource(time.Now().UnixNano()))
			for round := 0; round < 3; round++ {
				p := startProc(t, bin, dir, args...)
				st.verify(t, p.addr)
				if c, err := dialRaw(p.addr); err == nil {
					c.do("XGROUP", "CREATE", "q", "g", "0", "MKSTREAM")
					c.close()
				}
				var wg sync.WaitGroup
				for i := 0; i < 4; i++ {
					wg.Add(2)
					go func() { defer wg.Done(); st.produce(p.addr, i) }()
					go func() { defer wg.Done(); st.consume(p.addr, fmt.Sprint("c", i)) }()
				}
				wg.Add(1)
				go func() { defer wg.Done(); keepRewriting(p.addr) }()
				life := time.Duration(300+rng.Intn(500)) * time.Millisecond
				time.Sleep(life)
				p.cmd.Process.Kill()
				p.cmd.Wait()
				wg.Wait()
				t.Logf("round %d: killed after %v; %d XADDs, %d deliveries, %d XACKs acknowledged so far",
					round, life, len(st.added), len(st.delivered), len(st.acked))
				if len(st.added) == 0 || len(st.acked) == 0 {
					t.Fatalf("round %d: nothing acknowledged", round)
				}
			}
			p := startProc(t, bin, dir, args...)
			st.verify(t, p.addr)
		})
	}
}

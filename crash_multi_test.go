// crash_multi_test.go kills a real nosql process with SIGKILL while clients
// run MULTI/EXEC transactions that each INCR two keys, a and b (in
// databases 0 and 3), with rewrites going on, restarts it, and checks in
// every round that a equals b and that no acknowledged EXEC was lost, for
// -appendfsync always and everysec.
package main

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	txClients = 6
	txRounds  = 4
	txDB      = 3 // the second database the clients use
)

// txCounts is what the clients of one database saw acknowledged.
type txCounts struct {
	acked atomic.Int64 // EXECs acknowledged
	bad   atomic.Value // an EXEC reply whose two INCRs differ (string)
}

// txClient sends MULTI, INCR a, INCR b, EXEC in one write, in database db,
// until its connection fails, counting acknowledged EXECs.
func txClient(addr string, db int, cnt *txCounts) {
	c, err := dialRaw(addr)
	if err != nil {
		return
	}
	defer c.close()
	if r, err := c.do("SELECT", strconv.Itoa(db)); err != nil || r != "+OK\r\n" {
		return
	}
	tx := encodeCommand("MULTI") + encodeCommand("INCR", "a") + encodeCommand("INCR", "b") + encodeCommand("EXEC")
	for {
		c.nc.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := c.nc.Write([]byte(tx)); err != nil {
			return
		}
		var r string
		for range 4 {
			if r, err = readReply(c.rd); err != nil {
				return
			}
		}
		// both INCRs answer the same number: no other EXEC ran between them
		parts := strings.Split(r, "\r\n")
		if len(parts) != 4 || parts[0] != "*2" || parts[1] != parts[2] || !strings.HasPrefix(parts[1], ":") {
			cnt.bad.Store(r)
			return
		}
		cnt.acked.Add(1)
	}
}

// getInt reads an integer key of database db (0 when missing).
func getInt(t *testing.T, c *rawClient, db int, key string) int64 {
	t.Helper()
	if r, err := c.do("SELECT", strconv.Itoa(db)); err != nil || r != "+OK\r\n" {
		t.Fatalf("SELECT %d: %q %v", db, r, err)
	}
	r, err := c.do("GET", key)
	if err != nil {
		t.Fatal(err)
	}
	if r == "$-1\r\n" {
		return 0
	}
	_, v, _ := strings.Cut(strings.TrimSuffix(r, "\r\n"), "\r\n")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatalf("GET %s in db %d: %q", key, db, r)
	}
	return n
}

// checkTx checks both databases after a restart: a == b, at least every
// acknowledged EXEC, and at most slack more (each kill may cut off one
// reply per client, of an EXEC that ran).
func checkTx(t *testing.T, addr string, counts map[int]*txCounts, slack int) {
	t.Helper()
	c, err := dialRaw(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	for db, cnt := range counts {
		a, b := getInt(t, c, db, "a"), getInt(t, c, db, "b")
		acked := cnt.acked.Load()
		switch {
		case a != b:
			t.Fatalf("db %d after restart: a=%d, b=%d (a transaction was half applied)", db, a, b)
		case a < acked:
			t.Fatalf("db %d after restart: a=b=%d, but %d EXECs were acknowledged", db, a, acked)
		case a > acked+int64(slack):
			t.Fatalf("db %d after restart: a=b=%d, more than %d acknowledged EXECs plus %d in flight at kills", db, a, acked, slack)
		}
	}
}

func TestCrashTransactions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills real processes")
	}
	bin := buildBinary(t)
	for _, policy := range []string{"always", "everysec"} {
		t.Run(policy, func(t *testing.T) { crashTxTest(t, bin, policy) })
	}
}

func crashTxTest(t *testing.T, bin, policy string) {
	dir := filepath.Join(t.TempDir(), "data")
	args := []string{"-appendfsync", policy,
		"-auto-aof-rewrite-min-size", "262144", "-auto-aof-rewrite-percentage", "100"}
	counts := map[int]*txCounts{0: {}, txDB: {}}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var last int64
	for round := 0; round < txRounds; round++ {
		p := startProc(t, bin, dir, args...)
		checkTx(t, p.addr, counts, txClients*round)
		var wg sync.WaitGroup
		for i := range txClients {
			db := 0
			if i%3 == 2 {
				db = txDB
			}
			wg.Add(1)
			go func() { defer wg.Done(); txClient(p.addr, db, counts[db]) }()
		}
		wg.Add(1)
		go func() { defer wg.Done(); keepRewriting(p.addr) }()
		life := time.Duration(300+rng.Intn(700)) * time.Millisecond
		time.Sleep(life)
		p.cmd.Process.Kill() // SIGKILL
		p.cmd.Wait()
		wg.Wait()
		for db, cnt := range counts {
			if bad := cnt.bad.Load(); bad != nil {
				t.Fatalf("db %d: an EXEC's INCRs answered different numbers: %q", db, bad)
			}
		}
		n := counts[0].acked.Load() + counts[txDB].acked.Load()
		t.Logf("round %d: killed after %v; %d EXECs acknowledged so far (db 0: %d, db %d: %d)",
			round, life, n, counts[0].acked.Load(), txDB, counts[txDB].acked.Load())
		if n == last {
			t.Fatalf("round %d acknowledged no EXEC", round)
		}
		last = n
	}
	p := startProc(t, bin, dir, args...)
	checkTx(t, p.addr, counts, txClients*txRounds)
	logs := readLog(t, p.log.Name())
	t.Logf("%s: %d rewrites finished, %d transactions cut short dropped, %d cut-short records dropped", policy,
		strings.Count(logs, "append-only file rewritten"),
		strings.Count(logs, "ends inside a transaction"),
		strings.Count(logs, "last record was cut short"))
}

// readLog returns a server's log file as text.
func readLog(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(fmt.Errorf("server log: %w", err))
	}
	return string(data)
}

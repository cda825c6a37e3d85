// crash_test.go kills a real nosql process with SIGKILL while 20 writers
// run (and rewrites happen), restarts it, and checks that every
// acknowledged write survived, for -appendfsync always and everysec (a
// process crash loses nothing that was written before the reply).
package main

import (
	"bufio"
	"fmt"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	crashWriters = 20
	crashRounds  = 4
)

// buildNosql builds the server binary into a temporary directory.
func buildNosql(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "nosql")
	out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// proc is one running server process.
type proc struct {
	cmd  *exec.Cmd
	addr string
	log  *os.File
}

// startProc runs the binary on dir and waits until it answers PING.
func startProc(t *testing.T, bin, dir string, args ...string) *proc {
	t.Helper()
	addr := freeAddr(t)
	logf, err := os.OpenFile(filepath.Join(dir, "..", "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"-addr", addr, "-dir", dir}, args...)...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, addr: addr, log: logf}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); logf.Close() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, err := dialRaw(addr); err == nil {
			r, err := c.do("PING")
			c.close()
			if err == nil && r == "+PONG\r\n" {
				return p
			}
		}
		if time.Now().After(deadline) {
			logs, _ := os.ReadFile(logf.Name())
			t.Fatalf("server did not start:\n%s", logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// rawClient is a client whose failures are errors, not test failures.
type rawClient struct {
	nc net.Conn
	rd *bufio.Reader
}

func dialRaw(addr string) (*rawClient, error) {
	nc, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return nil, err
	}
	return &rawClient{nc: nc, rd: bufio.NewReader(nc)}, nil
}

func (c *rawClient) close() { c.nc.Close() }

func (c *rawClient) do(args ...string) (string, error) {
	c.nc.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.nc.Write([]byte(encodeCommand(args...))); err != nil {
		return "", err
	}
	return readReply(c.rd)
}

func (c *rawClient) text(line string) (string, error) {
	c.nc.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.nc.Write([]byte(line + "\n")); err != nil {
		return "", err
	}
	s, err := c.rd.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(s, "\n"), nil
}

// crashWriter is one writer's record of what was acknowledged.
type crashWriter struct {
	id     int
	next   int               // next sequence number (never reused)
	sets   map[string]string // key -> acknowledged value
	pushed map[string]bool   // elements of its list acknowledged
}

// run writes until its connection fails: a SET of a new key (RESP or
// text) or an RPUSH of a new element, recording each acknowledgement.
func (w *crashWriter) run(addr string) {
	c, err := dialRaw(addr)
	if err != nil {
		return
	}
	defer c.close()
	for {
		n := w.next
		w.next++
		var ok bool
		switch {
		case n%3 == 2:
			elem := fmt.Sprint("e", n)
			r, err := c.do("RPUSH", fmt.Sprint("list:", w.id), elem)
			if ok = err == nil && strings.HasPrefix(r, ":"); ok {
				w.pushed[elem] = true
			}
		case w.id%2 == 0:
			k, v := fmt.Sprintf("c:%d:%d", w.id, n), fmt.Sprint(n)
			r, err := c.do("SET", k, v)
			if ok = err == nil && r == "+OK\r\n"; ok {
				w.sets[k] = v
			}
		default:
			k, v := fmt.Sprintf("c:%d:%d", w.id, n), fmt.Sprint(n)
			r, err := c.text("PUT;" + k + ";" + v)
			if ok = err == nil && strings.HasPrefix(r, "True;"); ok {
				w.sets[k] = v
			}
		}
		if !ok {
			return
		}
	}
}

// verify checks every acknowledged write against the server.
func (w *crashWriter) verify(t *testing.T, c *rawClient) {
	t.Helper()
	keys := make([]string, 0, len(w.sets))
	for k := range w.sets {
		keys = append(keys, k)
	}
	for len(keys) > 0 { // pipelined GETs, 500 at a time
		batch := keys[:min(500, len(keys))]
		keys = keys[len(batch):]
		var req []byte
		for _, k := range batch {
			req = appendCommand(req, "GET", k)
		}
		c.nc.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := c.nc.Write(req); err != nil {
			t.Fatal(err)
		}
		for _, k := range batch {
			r, err := readReply(c.rd)
			want := fmt.Sprintf("$%d\r\n%s\r\n", len(w.sets[k]), w.sets[k])
			if err != nil || r != want {
				t.Fatalf("acknowledged SET %s %s lost: GET gives %q (%v)", k, w.sets[k], r, err)
			}
		}
	}
	r, err := c.text(fmt.Sprint("GETLIST;list:", w.id))
	if len(w.pushed) == 0 {
		return
	}
	if err != nil || !strings.HasPrefix(r, "True;[") {
		t.Fatalf("GETLIST list:%d: %q %v", w.id, r, err)
	}
	have := map[string]bool{}
	last := -1
	for _, e := range strings.Split(strings.Trim(r[len("True;"):], "[]"), ", ") {
		e = strings.Trim(e, "'")
		var n int
		fmt.Sscanf(e, "e%d", &n)
		if n <= last {
			t.Fatalf("list:%d out of order or duplicated at %s: %s", w.id, e, r)
		}
		last = n
		have[e] = true
	}
	for e := range w.pushed {
		if !have[e] {
			t.Fatalf("acknowledged RPUSH list:%d %s lost", w.id, e)
		}
	}
}

// keepRewriting asks for a rewrite every few milliseconds until the
// connection fails, so kills land in every phase of a rewrite.
func keepRewriting(addr string) {
	c, err := dialRaw(addr)
	if err != nil {
		return
	}
	defer c.close()
	for {
		if _, err := c.do("BGREWRITEAOF"); err != nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills real processes")
	}
	bin := buildNosql(t)
	for _, policy := range []string{"always", "everysec"} {
		t.Run(policy, func(t *testing.T) { crashTest(t, bin, policy) })
	}
}

func crashTest(t *testing.T, bin, policy string) {
	dir := filepath.Join(t.TempDir(), "data")
	args := []string{"-appendfsync", policy,
		"-auto-aof-rewrite-min-size", "262144", "-auto-aof-rewrite-percentage", "100"}
	ws := make([]*crashWriter, crashWriters)
	for i := range ws {
		ws[i] = &crashWriter{id: i, sets: map[string]string{}, pushed: map[string]bool{}}
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := 0
	for round := 0; round < crashRounds; round++ {
		p := startProc(t, bin, dir, args...)
		check, err := dialRaw(p.addr)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range ws {
			w.verify(t, check)
		}
		check.close()
		var wg sync.WaitGroup
		for _, w := range ws {
			wg.Add(1)
			go func() { defer wg.Done(); w.run(p.addr) }()
		}
		wg.Add(1)
		go func() { defer wg.Done(); keepRewriting(p.addr) }()
		life := time.Duration(300+rng.Intn(700)) * time.Millisecond
		time.Sleep(life)
		p.cmd.Process.Kill() // SIGKILL
		p.cmd.Wait()
		wg.Wait()
		n := 0
		for _, w := range ws {
			n += len(w.sets) + len(w.pushed)
		}
		t.Logf("round %d: killed after %v; %d writes acknowledged so far", round, life, n)
		if n == acked {
			t.Fatalf("round %d acknowledged no write", round)
		}
		acked = n
	}
	p := startProc(t, bin, dir, args...)
	check, err := dialRaw(p.addr)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		w.verify(t, check)
	}
	check.close()
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("graceful shutdown: %v", err)
	}
	logs, _ := os.ReadFile(p.log.Name())
	t.Logf("%d rewrites finished, %d killed midway, %d cut-short records dropped",
		strings.Count(string(logs), "append-only file rewritten"),
		strings.Count(string(logs), "removed an unfinished"),
		strings.Count(string(logs), "last record was cut short"))
}

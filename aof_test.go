// aof_test.go tests the append-only file's encoding and replay for every
// write command of both protocols, start-up with a last record cut short at
// every byte, refusal of damage in the middle, check-aof, and the journal.
package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"testing"
)

// rec is one expected record.
func rec(args ...string) []string { return args }

func TestAOFEncodingAndReplay(t *testing.T) {
	cases := []struct {
		name  string
		run   func(c *tclient, srv *Server)
		want  [][]string
		reply []string // replies expected, in order (RESP raw or text lines)
	}{
		{"SET", func(c *tclient, _ *Server) {
			c.do("SET", "k", "v")
			c.do("SET", "bin", "a\r\nb\x00")
			c.do("SET", "empty", "")
		}, [][]string{rec("SET", "k", "v"), rec("SET", "bin", "a\r\nb\x00"), rec("SET", "empty", "")}, nil},
		{"DEL", func(c *tclient, _ *Server) {
			c.do("SET", "a", "1")
			c.do("RPUSH", "l", "x")
			c.do("DEL", "a", "missing", "l")
			c.do("DEL", "missing")
		}, [][]string{rec("SET", "a", "1"), rec("RPUSH", "l", "x"), rec("DEL", "a"), rec("DEL", "l")}, nil},
		{"RPUSH", func(c *tclient, _ *Server) {
			c.do("RPUSH", "l", "a", "b")
			c.do("RPUSH", "l", "c")
			c.do("SET", "s", "1")
			c.do("RPUSH", "s", "x") // WRONGTYPE: not logged
		}, [][]string{rec("RPUSH", "l", "a", "b"), rec("RPUSH", "l", "c"), rec("SET", "s", "1")}, nil},
		{"LPUSH", func(c *tclient, _ *Server) {
			c.do("LPUSH", "l", "a", "b")
			c.do("LPUSH", "l", "c")
		}, [][]string{rec("LPUSH", "l", "a", "b"), rec("LPUSH", "l", "c")}, nil},
		{"FLUSHALL", func(c *tclient, srv *Server) {
			c.do("SET", "a", "1")
			c.do("RPUSH", "l", "x")
			c.do("FLUSHALL")
			c.do("SET", "b", "2")
		}, [][]string{rec("SET", "a", "1"), rec("RPUSH", "l", "x"), rec("FLUSHALL"), rec("SET", "b", "2")}, nil},
		{"text PUT", func(c *tclient, _ *Server) {
			c.text("PUT;s;hello")
			c.text("PUT;n;007;INT")
			c.text("PUT;t;x y;STRING")
			c.text("PUT;bad;x;INT") // error: not logged
		}, [][]string{rec("SET", "s", "hello"), rec("SET", "n", "7"), rec("SET", "t", "x y")}, nil},
		{"text PUTLIST", func(c *tclient, _ *Server) {
			c.text("PUTLIST;l;a, b,c;LIST")
			c.text("PUT;m;x,y;LIST")
			c.text("PUTLIST;e;;LIST")
			c.text("PUTLIST;e2;")
		}, [][]string{rec("DEL", "l"), rec("RPUSH", "l", "a", "b", "c"), rec("DEL", "m"), rec("RPUSH", "m", "x", "y"),
			rec("DEL", "e"), rec("PUTLIST", "e"), rec("DEL", "e2"), rec("PUTLIST", "e2")}, nil},
		{"text APPEND", func(c *tclient, _ *Server) {
			c.text("PUTLIST;l;a;LIST")
			c.text("APPEND;l;b")
			c.text("APPEND;l;5;INT")
			c.text("APPEND;l;c,d;LIST")
			c.text("PUTLIST;e;;LIST")
			c.text("APPEND;e;x")
			c.text("APPEND;missing;x") // error: not logged
		}, [][]string{rec("DEL", "l"), rec("RPUSH", "l", "a"), rec("RPUSH", "l", "b"), rec("RPUSH", "l", "5"),
			rec("RPUSH", "l", "c", "d"), rec("DEL", "e"), rec("PUTLIST", "e"), rec("RPUSH", "e", "x")}, nil},
		{"text INCREMENT", func(c *tclient, _ *Server) {
			c.text("PUT;n;41;INT")
			c.text("INCREMENT;n")
			c.text("INCREMENT;missing") // error: not logged
		}, [][]string{rec("SET", "n", "41"), rec("SET", "n", "42", "KEEPTTL")}, nil},
		{"text DELETE", func(c *tclient, _ *Server) {
			c.text("PUT;k;v")
			c.text("PUTLIST;e;;LIST")
			c.text("DELETE;k")
			c.text("DELETE;e")
			c.text("DELETE;k") // error: not logged
		}, [][]string{rec("SET", "k", "v"), rec("DEL", "e"), rec("PUTLIST", "e"), rec("DEL", "k"), rec("DEL", "e")}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			srv := startServer(t, withAOF(dir, "always"))
			tc.run(dialServer(t, srv), srv)
			before := dumpStore(srv.store)
			stopServer(t, srv)
			if got := readRecords(t, dir); !reflect.DeepEqual(got, withSelect(tc.want)) {
				t.Fatalf("records:\n got %q\nwant %q", got, withSelect(tc.want))
			}
			m := model{}
			for _, r := range tc.want {
				m.apply(t, r)
			}
			if d := diffDumps(before, m.dump()); d != "" {
				t.Fatalf("store before restart differs from the records' meaning: %s", d)
			}
			after := mustLoad(t, dir, withAOF(dir, "everysec"))
			if d := diffDumps(dumpStore(after.store), before); d != "" {
				t.Fatalf("after replay: %s", d)
			}
		})
	}
}

// smallLog is a log of every record kind the store writes.
func smallLog() []byte {
	var b []byte
	for _, r := range [][]string{
		rec("SET", "a", "1"), rec("RPUSH", "l", "x", "y"), rec("LPUSH", "l", "w"),
		rec("DEL", "e"), rec("PUTLIST", "e"), rec("SET", "b", "two\r\n"), rec("DEL", "a"),
		rec("FLUSHALL"), rec("SET", "c", ""), rec("RPUSH", "e", "z"),
	} {
		b = appendCommand(b, r...)
	}
	return b
}

func TestAOFTornTailAtEveryOffset(t *testing.T) {
	full := smallLog()
	var ends []int // offsets where whole records end
	rr := newRecordReader(bytes.NewReader(full), 0, 4096, maxAOFBulk)
	var recs [][]string
	for {
		if _, err := rr.next(); err != nil {
			break
		}
		ends = append(ends, int(rr.off))
		recs = append(recs, parseRecords(t, full[ends[len(ends)-1]-int(rr.off-rr.start):rr.off])...)
	}
	for cut := 0; cut <= len(full); cut++ {
		whole := 0
		for whole < len(ends) && ends[whole] <= cut {
			whole++
		}
		keep := 0
		if whole > 0 {
			keep = ends[whole-1]
		}
		dir := t.TempDir()
		if err := os.WriteFile(aofPath(dir), full[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		srv, err := loadDir(t, dir)
		if err != nil {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		m := model{}
		for _, r := range recs[:whole] {
			m.apply(t, r)
		}
		if d := diffDumps(dumpStore(srv.store), m.dump()); d != "" {
			t.Fatalf("cut at %d (%d whole records): %s", cut, whole, d)
		}
		stopServer(t, srv)
		data, _ := os.ReadFile(aofPath(dir))
		if !bytes.Equal(data, full[:keep]) {
			t.Fatalf("cut at %d: file is %d bytes, want the %d bytes of whole records", cut, len(data), keep)
		}
	}
}

func TestAOFDamageRefusesStart(t *testing.T) {
	full := smallLog()
	second := bytes.Index(full, []byte("*4\r\n$5\r\nRPUSH")) // record 2 starts here
	cases := []struct {
		name  string
		data  []byte
		whole int // the file is whole up to here
	}{
		{"bad type byte", bytes.Replace(full, []byte("$5\r\nRPUSH"), []byte("?5\r\nRPUSH"), 1), second},
		{"bad length", bytes.Replace(full, []byte("$5\r\nRPUSH"), []byte("$x\r\nRPUSH"), 1), second},
		{"no CRLF after value", bytes.Replace(full, []byte("RPUSH\r\n"), []byte("RPUSHXY"), 1), second},
		{"length past the end", bytes.Replace(full, []byte("$5\r\nRPUSH"), []byte("$9999\r\nRPUSH"), 1), second},
		{"garbage at the end", append(append([]byte(nil), full...), "hello\r\n"...), len(full)},
		{"zeros at the end", append(append([]byte(nil), full...), make([]byte, 100)...), len(full)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := aofPath(dir)
			os.WriteFile(path, tc.data, 0o644)
			_, err := loadDir(t, dir)
			if err == nil {
				t.Fatal("start-up accepted a damaged file")
			}
			for _, want := range []string{"damaged", fmt.Sprintf("whole up to offset %d", tc.whole), "nosql check-aof -fix"} {
				if !strings.Contains(err.Error(), want) {
					t.Fatalf("error %q lacks %q", err, want)
				}
			}
			var out bytes.Buffer
			if code := run([]string{"check-aof", path}, &out, &out); code != 1 {
				t.Fatalf("check-aof exit %d, want 1; output:\n%s", code, &out)
			}
			out.Reset()
			if code := run([]string{"check-aof", "-fix", path}, &out, &out); code != 0 {
				t.Fatalf("check-aof -fix exit %d; output:\n%s", code, &out)
			}
			data, _ := os.ReadFile(path)
			if !bytes.Equal(data, tc.data[:tc.whole]) {
				t.Fatalf("after -fix the file is %d bytes, want %d", len(data), tc.whole)
			}
			mustLoad(t, dir)
		})
	}
}

func TestAOFCheckValidFile(t *testing.T) {
	path := aofPath(t.TempDir())
	os.WriteFile(path, smallLog(), 0o644)
	var out, errOut bytes.Buffer
	if code := run([]string{"check-aof", path}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "is valid") || errOut.Len() != 0 {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, &out, &errOut)
	}
	if code := run([]string{"check-aof"}, &out, &out); code != 2 {
		t.Fatalf("no file: exit %d, want 2", code)
	}
	if code := run([]string{"check-aof", path + ".missing"}, &out, &out); code != 1 {
		t.Fatalf("missing file: exit %d, want 1", code)
	}
}

func TestAOFReplayRefusesUnknownRecords(t *testing.T) {
	cases := []struct {
		name string
		rec  []string
		want string
	}{
		{"unknown command", rec("FROB", "k"), `unknown write command "FROB"`},
		{"read command", rec("GET", "k"), `unknown write command "GET"`},
		{"arity", rec("SET", "k"), `wrong number of arguments (2) for "set"`},
		{"PUTLIST arity", rec("PUTLIST", "a", "b"), "PUTLIST takes exactly one key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			data := appendCommand(appendCommand(nil, "SET", "a", "1"), tc.rec...)
			os.WriteFile(aofPath(dir), data, 0o644)
			_, err := loadDir(t, dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "offset 27") {
				t.Fatalf("got %v, want an error naming offset 27 and %q", err, tc.want)
			}
		})
	}
}

func TestAOFReplayKeepsFailedRecords(t *testing.T) {
	dir := t.TempDir() // RPUSH on a string fails when replayed; loading goes on
	data := appendCommand(appendCommand(appendCommand(nil, "SET", "a", "1"), "RPUSH", "a", "x"), "SET", "b", "2")
	os.WriteFile(aofPath(dir), data, 0o644)
	srv := mustLoad(t, dir)
	if got := dumpStore(srv.store); got["a"] != `s:"1"` || got["b"] != `s:"2"` {
		t.Fatalf("store %v", got)
	}
}

func TestAOFConfig(t *testing.T) {
	if _, err := loadDir(t, t.TempDir(), func(c *Config) { c.AppendFsync = "sometimes" }); err == nil ||
		!strings.Contains(err.Error(), `invalid -appendfsync "sometimes"`) {
		t.Fatalf("bad policy: %v", err)
	}
	for _, p := range []string{"always", "EVERYSEC", "no"} {
		srv := mustLoad(t, t.TempDir(), func(c *Config) { c.AppendFsync = p })
		if !strings.EqualFold(srv.aof().policy.String(), p) {
			t.Fatalf("policy %q read as %v", p, srv.aof().policy)
		}
	}
	dir := t.TempDir() + "/a/b" // created when missing
	mustLoad(t, dir)
	if _, err := os.Stat(aofPath(dir)); err != nil {
		t.Fatalf("file not created: %v", err)
	}
	if cfg := DefaultConfig(); !cfg.AppendOnly || cfg.AppendFsync != "everysec" || cfg.Dir != "data" {
		t.Fatalf("defaults %+v", cfg)
	}
	srv := startServer(t) // the test helper keeps it off
	if srv.aof() != nil || srv.aof() != nil {
		t.Fatal("append-only file on in startServer")
	}
	if got := dialServer(t, srv).do("BGREWRITEAOF"); !strings.HasPrefix(got, "-ERR Background append only file rewriting is not possible") {
		t.Fatalf("BGREWRITEAOF when off: %q", got)
	}
}

func TestAOFRemovesStaleRewriteFiles(t *testing.T) {
	dir := t.TempDir()
	stale := dir + "/temp-rewriteaof-bg-123.aof"
	os.WriteFile(stale, []byte("*1\r\n$3\r\nSET"), 0o644)
	mustLoad(t, dir)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("stale rewrite file kept: %v", err)
	}
}

func TestAOFInfoPersistence(t *testing.T) {
	off := string(startServer(t).appendSaveInfo(nil))
	if !strings.Contains(off, "aof_enabled:0\r\n") || !strings.HasPrefix(off, "loading:0\r\n") {
		t.Fatalf("off:\n%s", off)
	}
	srv := startServer(t, withAOF(t.TempDir(), "always"))
	dialServer(t, srv).do("SET", "k", "v")
	info := string(srv.appendSaveInfo(nil))
	for _, want := range []string{"loading:0\r\n", "aof_enabled:1\r\n", "aof_rewrite_in_progress:0\r\n",
		"aof_rewrite_scheduled:0\r\n", "aof_last_rewrite_time_sec:-1\r\n", "aof_last_bgrewrite_status:ok\r\n",
		"aof_last_write_status:ok\r\n", "aof_current_size:50\r\n", "aof_base_size:0\r\n"} {
		if !strings.Contains(info, want) {
			t.Fatalf("INFO persistence lacks %q:\n%s", want, info)
		}
	}
	for _, line := range strings.SplitAfter(info, "\n") {
		if line != "" && !strings.HasSuffix(line, "\r\n") {
			t.Fatalf("line %q does not end in CRLF", line)
		}
	}
}

func TestJournal(t *testing.T) {
	var j Journal
	j.Log("SET", "a", "1")
	first := int64(len(appendCommand(nil, "SET", "a", "1")))
	if j.End() != first || j.Buffered() != int(first) {
		t.Fatalf("end %d buffered %d, want %d", j.End(), j.Buffered(), first)
	}
	data, end := j.take(nil)
	if string(data) != "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n" || end != first {
		t.Fatalf("take: %q %d", data, end)
	}
	j.Log("DEL", "a")
	data2, end2 := j.take(data)
	if string(data2) != "*2\r\n$3\r\nDEL\r\n$1\r\na\r\n" || end2 != first+int64(len(data2)) || j.Buffered() != 0 {
		t.Fatalf("second take: %q %d", data2, end2)
	}
}

func TestAOFShutdownFlushes(t *testing.T) {
	for _, policy := range []string{"always", "everysec", "no"} {
		t.Run(policy, func(t *testing.T) {
			dir := t.TempDir()
			srv := startServer(t, withAOF(dir, policy))
			c := dialServer(t, srv)
			for i := 0; i < 100; i++ {
				c.do("SET", fmt.Sprint("k", i), fmt.Sprint(i))
			}
			sdb(srv).Set([]byte("direct"), []byte("x")) // logged, no one waits for it
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if err := srv.Shutdown(ctx); err != nil {
				t.Fatal(err)
			}
			if got := len(readRecords(t, dir)); got != 102 {
				t.Fatalf("%d records after shutdown, want 102 (a SELECT and 101 writes)", got)
			}
		})
	}
}

// TestAOFReplayFailedRecord: a record whose command fails is counted and
// logged with the error its command answered (recorded by the writer, not
// read back from reply bytes, which the replay client discards).
func TestAOFReplayFailedRecord(t *testing.T) {
	var logs syncBuffer
	srv := startServer(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	rp := &replayer{srv: srv, c: newReplayClient(srv)}
	for _, rec := range [][]string{{"set", "k", "v"}, {"incr", "k"}, {"set", "big", strings.Repeat("x", 3*outBlockSize)}} {
		if err := rp.apply(bs(rec...)); err != nil {
			t.Fatal(err)
		}
	}
	if rp.failed != 1 || !strings.Contains(logs.String(), "value is not an integer or out of range") {
		t.Fatalf("failed %d, logs %s", rp.failed, logs.String())
	}
	if rp.c.pendingOut() > outBlockSize || len(rp.c.q.full) != 0 {
		t.Fatalf("the replay client kept %d bytes of replies", rp.c.pendingOut())
	}
}

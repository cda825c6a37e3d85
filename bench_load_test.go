// bench_load_test.go tests `nosql bench`: its reply checking, however the
// replies are cut into reads, its key numbers, its flags, and whole runs
// against a server.
package main

import (
	"bufio"
	"bytes"
	"net"
	"strings"
	"testing"
)

func TestBenchScan(t *testing.T) {
	cases := []struct {
		name   string
		input  string
		lines  int
		errors int64
		first  string
	}{
		{"ok", "True;Key [a] set to [1]\nTrue;1\n", 2, 0, ""},
		{"false", "True;x\nFalse;ERROR: Key [a] not found\nFalse;other\n", 3, 2, "False;ERROR: Key [a] not found"},
		{"short", "Tru\n", 1, 1, "Tru"},
		{"prefix only", "True;\n", 1, 0, ""},
		{"empty line", "\nTrue;x\n", 2, 1, ""},
		{"near miss", "True:x\n", 1, 1, "True:x"},
		{"partial last", "True;x\nTrue;y", 1, 0, ""},
	}
	for _, tc := range cases {
		// every way of cutting the input in two reads
		for cut := 0; cut <= len(tc.input); cut++ {
			c := &loadClient{}
			lines := c.scan([]byte(tc.input[:cut])) + c.scan([]byte(tc.input[cut:]))
			if lines != tc.lines || c.errors != tc.errors || c.first != tc.first {
				t.Errorf("%s cut at %d: lines %d errors %d first %q; want %d %d %q",
					tc.name, cut, lines, c.errors, c.first, tc.lines, tc.errors, tc.first)
			}
		}
	}
}

func TestBenchScanRESP(t *testing.T) {
	cases := []struct {
		name    string
		input   string
		replies int
		errors  int64
		first   string
	}{
		{"simple", "+OK\r\n:42\r\n", 2, 0, ""},
		{"bulk", "$3\r\nxxx\r\n$0\r\n\r\n$-1\r\n", 3, 0, ""},
		{"bulk holding CRLF", "$4\r\n\r\n\r\n\r\n+OK\r\n", 2, 0, ""},
		{"errors", "-ERR one\r\n+OK\r\n-WRONGTYPE two\r\n", 3, 2, "-ERR one"},
		{"unexpected type", "*1\r\n", 1, 1, "*1"},
		{"bad bulk length", "$x\r\n:1\r\n", 2, 1, "$x"},
		{"partial last", "+OK\r\n$3\r\nxx", 1, 0, ""},
	}
	for _, tc := range cases {
		for cut := 0; cut <= len(tc.input); cut++ {
			c := &loadClient{resp: true}
			n := c.replies([]byte(tc.input[:cut])) + c.replies([]byte(tc.input[cut:]))
			if n != tc.replies || c.errors != tc.errors || c.first != tc.first {
				t.Errorf("%s cut at %d: replies %d errors %d first %q; want %d %d %q",
					tc.name, cut, n, c.errors, c.first, tc.replies, tc.errors, tc.first)
			}
		}
	}
}

func TestBenchFillKeys(t *testing.T) {
	cases := []struct {
		name    string
		space   uint64
		seq     bool
		first   int64
		k       int
		want    string // the batch after filling
		checkRe bool   // random: check only the shape
	}{
		{"fixed key", 0, false, 0, 2, "GET;key:__rand_int__\nGET;key:__rand_int__\n", false},
		{"sequential", 1000, true, 7, 2, "GET;key:000000000007\nGET;key:000000000008\n", false},
		{"sequential short batch", 1000, true, 41, 1, "GET;key:000000000041\nGET;key:__rand_int__\n", false},
		{"random", 10, false, 0, 2, "", true},
	}
	for _, tc := range cases {
		c := &loadClient{batch: []byte(strings.Repeat("GET;key:__rand_int__\n", 2)), reqLen: 21, space: tc.space, seq: tc.seq}
		c.rng = newLoadRand(1)
		if tc.space > 0 {
			c.holes = []int{8, 29}
		}
		c.fillKeys(tc.k, tc.first)
		got := string(c.batch)
		if tc.checkRe {
			for _, req := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if !strings.HasPrefix(req, "GET;key:00000000000") || len(req) != 20 {
					t.Errorf("%s: request %q", tc.name, req)
				}
			}
			continue
		}
		if got != tc.want {
			t.Errorf("%s: batch %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestBenchFlags(t *testing.T) {
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-t", "nope"}, 2, `unknown test "nope"`},
		{[]string{"-c", "0"}, 2, "at least 1"},
		{[]string{"-P", "0"}, 2, "at least 1"},
		{[]string{"-r", "-1"}, 2, "-r must be"},
		{[]string{"-d", "-1"}, 2, "-d must be"},
		{[]string{"extra"}, 2, "unexpected argument"},
		{[]string{"-h"}, 0, "usage: nosql bench"},
		{[]string{"-addr", "127.0.0.1:1", "-n", "1"}, 1, "PUT:"},
	}
	for _, tc := range cases {
		var out, errs bytes.Buffer
		if code := benchMain(tc.args, &out, &errs); code != tc.code || !strings.Contains(errs.String(), tc.msg) {
			t.Errorf("%v: code %d, stderr %q; want %d and %q", tc.args, code, errs.String(), tc.code, tc.msg)
		}
	}
}

func TestBenchRun(t *testing.T) {
	srv := startServer(t)
	addr := srv.Addr().String()
	cases := []struct {
		name string
		args []string
		rows []string
	}{
		{"all tests", []string{"-c", "4", "-n", "300", "-csv"}, []string{`"PUT"`, `"GET"`, `"INCREMENT"`}},
		{"pipelined keyspace", []string{"-c", "3", "-n", "301", "-P", "16", "-r", "50", "-d", "10", "-csv", "-t", "get,increment"}, []string{`"GET"`, `"INCREMENT"`}},
		{"quiet", []string{"-c", "2", "-n", "20", "-q", "-t", "put"}, []string{"PUT: "}},
		{"full", []string{"-c", "1", "-n", "5", "-t", "get"}, []string{"====== GET ======", "5 requests completed"}},
		{"resp", []string{"-c", "2", "-n", "40", "-P", "3", "-r", "10", "-csv", "-resp", "-t", "set,get"}, []string{`"SET"`, `"GET"`}},
	}
	for _, tc := range cases {
		var out, errs bytes.Buffer
		code := benchMain(append([]string{"-addr", addr}, tc.args...), &out, &errs)
		if code != 0 {
			t.Errorf("%s: code %d, stderr %q", tc.name, code, errs.String())
		}
		for _, r := range tc.rows {
			if !strings.Contains(out.String(), r) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, r, out.String())
			}
		}
		if strings.Contains(tc.name, "keyspace") {
			if n := sdb(srv).Len(); n < 50 {
				t.Errorf("%s: %d keys stored, want the keyspace seeded", tc.name, n)
			}
		}
	}
}

// fakeServer answers every request with reply until the test ends, and
// returns its address; with an empty reply it reads and never answers
// (MIGRATE's silent target).
func fakeServer(t *testing.T, reply string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { nc.Close() })
			go func() {
				sc := bufio.NewScanner(nc)
				for sc.Scan() { // a request: a text line or a RESP array
					if line := sc.Text(); reply != "" && (strings.HasPrefix(line, "*") || strings.Contains(line, ";")) {
						nc.Write([]byte(reply))
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func TestBenchFailures(t *testing.T) {
	cases := []struct {
		name  string
		reply string
		args  []string
		msg   string
		out   string
	}{
		{"error replies", "False;ERROR: nope\n", []string{"-t", "put", "-csv"}, `10 error replies; first: "False;ERROR: nope"`, `"PUT",`},
		{"RESP error replies", "-ERR nope\r\n", []string{"-t", "set", "-resp", "-q"}, `10 error replies; first: "-ERR nope"`, `SET: `},
		{"seed fails", "False;ERROR: nope\n", []string{"-t", "get"}, "creating its keys: 1 error replies", ""},
		{"too many replies", "True;a\nTrue;b\n", []string{"-t", "put"}, "2 replies to 1 requests", ""},
		{"no reply", "", []string{"-t", "put", "-timeout", "300ms"}, "no reply for 300ms", ""},
	}
	for _, tc := range cases {
		addr := fakeServer(t, tc.reply)
		var out, errs bytes.Buffer
		args := append([]string{"-addr", addr, "-c", "2", "-n", "10"}, tc.args...)
		if code := benchMain(args, &out, &errs); code != 1 || !strings.Contains(errs.String(), tc.msg) || !strings.Contains(out.String(), tc.out) {
			t.Errorf("%s: code %d, stderr %q, stdout %q; want 1, %q and %q", tc.name, code, errs.String(), out.String(), tc.msg, tc.out)
		}
	}
}

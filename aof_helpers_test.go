// aof_helpers_test.go holds what the append-only file tests share: servers
// with the file on, restarting from a directory, dumping a store, reading
// a file's records, and a small model of what records do.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// withAOF turns the append-only file on in dir with an fsync policy.
func withAOF(dir, policy string) func(*Config) {
	return func(c *Config) {
		c.AppendOnly, c.Dir, c.AppendFsync = true, dir, policy
	}
}

// stopServer shuts srv down (flushing its file) and fails the test on error.
func stopServer(t testing.TB, srv *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
}

// loadDir opens (loads) a server on dir without serving and closes it
// when the test ends.
func loadDir(t testing.TB, dir string, mutate ...func(*Config)) (*Server, error) {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.AppendOnly, cfg.Dir = true, dir
	for _, m := range mutate {
		m(&cfg)
	}
	srv, err := NewServer(cfg)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	return srv, nil
}

// mustLoad is loadDir that fails the test on error.
func mustLoad(t testing.TB, dir string, mutate ...func(*Config)) *Server {
	t.Helper()
	srv, err := loadDir(t, dir, mutate...)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	return srv
}

// dumpStore describes every key: "s:<quoted>" for a string, "l:<quoted
// elements>" for a list, followed by " px:<time>" for an expiry. Keys of
// database n > 0 are named "n:key".
func dumpStore(st *Store) map[string]string {
	m := make(map[string]string)
	for i := range st.shards {
		sh := &st.shards[i]
		sh.mu.Lock()
		for n := range sh.dbs {
			t := &sh.dbs[n]
			t.each(func(k string, v Value) bool {
				name := k
				if n > 0 {
					name = fmt.Sprintf("%d:%s", n, k)
				}
				if v.list() != nil {
					m[name] = fmt.Sprintf("l:%q", v.list().AppendTo(nil))
				} else {
					m[name] = fmt.Sprintf("s:%q", v.Str())
				}
				if when, ok := t.expiry(k); ok {
					m[name] += fmt.Sprintf(" px:%d", when)
				}
				return true
			})
		}
		sh.mu.Unlock()
	}
	return m
}

// diffDumps describes how two dumps differ (at most a few keys), or "".
func diffDumps(got, want map[string]string) string {
	var out []string
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			out = append(out, fmt.Sprintf("%q: got %q, want %q", k, g, w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			out = append(out, fmt.Sprintf("%q: got %q, want no key", k, g))
		}
	}
	sort.Strings(out)
	if len(out) > 5 {
		out = append(out[:5], fmt.Sprintf("... %d differences", len(out)))
	}
	return strings.Join(out, "; ")
}

// aofPath is the file in dir.
func aofPath(dir string) string { return filepath.Join(dir, aofName) }

// parseRecords reads every whole record of data.
func parseRecords(t testing.TB, data []byte) [][]string {
	t.Helper()
	rr := newRecordReader(bytes.NewReader(data), 0, 4096, maxAOFBulk)
	var out [][]string
	for {
		_, err := rr.next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("parse records: %v", err)
		}
		rec := make([]string, len(rr.args))
		for i, a := range rr.args {
			rec[i] = string(a)
		}
		out = append(out, rec)
	}
}

// readRecords reads every record of the file in dir.
func readRecords(t testing.TB, dir string) [][]string {
	t.Helper()
	data, err := os.ReadFile(aofPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	return parseRecords(t, data)
}

// model is what a sequence of records should leave: an independent
// reading of SET, DEL, RPUSH, LPUSH, FLUSHALL and PUTLIST.
type model map[string]*modelValue

type modelValue struct {
	str    string
	list   []string
	isList bool
}

func (m model) apply(t testing.TB, rec []string) {
	t.Helper()
	name := strings.ToUpper(rec[0])
	switch name {
	case "SET":
		m[rec[1]] = &modelValue{str: rec[2]}
	case "DEL":
		for _, k := range rec[1:] {
			delete(m, k)
		}
	case "FLUSHALL":
		clear(m)
	case "SELECT": // the model is database 0 only
		if rec[1] != "0" {
			t.Fatalf("model: %q", rec)
		}
	case "PUTLIST":
		m[rec[1]] = &modelValue{isList: true, list: []string{}}
	case "RPUSH", "LPUSH":
		v := m[rec[1]]
		if v == nil {
			v = &modelValue{isList: true}
			m[rec[1]] = v
		}
		for _, e := range rec[2:] {
			if name == "RPUSH" {
				v.list = append(v.list, e)
			} else {
				v.list = append([]string{e}, v.list...)
			}
		}
	default:
		t.Fatalf("model: unknown record %q", rec)
	}
}

// dump describes the model as dumpStore describes a store.
func (m model) dump() map[string]string {
	out := make(map[string]string)
	for k, v := range m {
		if v.isList {
			out[k] = fmt.Sprintf("l:%q", append([]string(nil), v.list...))
		} else {
			out[k] = fmt.Sprintf("s:%q", v.str)
		}
	}
	return out
}

// withSelect returns records as a new log holds them: after the SELECT 0
// the journal writes before its first record.
func withSelect(recs [][]string) [][]string {
	if len(recs) == 0 {
		return recs
	}
	return append([][]string{{"SELECT", "0"}}, recs...)
}

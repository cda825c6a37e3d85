// store_keys_test.go tests the store's key-space operations, the journal
// entries they write, SCAN's argument parsing, and nosql's own DELETE and
// FLUSH commands.
package main

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

func TestStoreExistsType(t *testing.T) {
	s := newTestStore(nil)
	s.Set([]byte("s"), []byte("1"))
	s.SetList([]byte("l"), nil)
	if n := s.Exists([]byte("s"), []byte("s"), []byte("l"), []byte("x")); n != 3 {
		t.Errorf("Exists = %d, want 3", n)
	}
	for key, want := range map[string]string{"s": "string", "l": "list", "x": "none"} {
		if got := s.Type([]byte(key)); got != want {
			t.Errorf("Type(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestStoreKeys(t *testing.T) {
	s := newTestStore(nil)
	for _, k := range []string{"a1", "a2", "b1", "", "*"} {
		s.Set([]byte(k), []byte("v"))
	}
	tests := []struct {
		pattern string
		want    []string
	}{
		{"*", []string{"", "*", "a1", "a2", "b1"}},
		{"a*", []string{"a1", "a2"}},
		{"?1", []string{"a1", "b1"}},
		{"\\*", []string{"*"}},
		{"", []string{""}},
		{"**", []string{"*", "a1", "a2", "b1"}},
		{"c*", nil},
	}
	for _, tt := range tests {
		got := s.Keys(tt.pattern)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Keys(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

func TestStoreScanCursor(t *testing.T) {
	s := newTestStore(nil)
	all := keyFilter{pattern: "*"}
	if next, keys := s.Scan(0, 10, all); next != 0 || keys != nil {
		t.Errorf("Scan of an empty store = %d, %q", next, keys)
	}
	s.Set([]byte("k"), []byte("v"))
	i := uint64(s.shardIndex([]byte("k")))
	wantNext := (i + 1) % numShards
	if next, keys := s.Scan(0, 1, all); next != wantNext || !slices.Equal(keys, []string{"k"}) {
		t.Errorf("Scan(0, 1) = %d, %q; want %d, [k]", next, keys, wantNext)
	}
	if next, keys := s.Scan(i, 1, keyFilter{pattern: "x*"}); next != wantNext || keys != nil {
		t.Errorf("Scan(%d, 1, x*) = %d, %q; want %d, []", i, next, keys, wantNext)
	}
	if next, keys := s.Scan(i, 1, keyFilter{pattern: "*", typ: "list"}); next != wantNext || keys != nil {
		t.Errorf("Scan(TYPE list) = %d, %q", next, keys)
	}
	if next, _ := s.Scan(numShards-1, 1, all); next != 0 {
		t.Errorf("Scan(last shard) next = %d, want 0", next)
	}
}

// TestStoreScanComplete checks that iterating Scan with small counts
// returns every key exactly once when nothing changes.
func TestStoreScanComplete(t *testing.T) {
	s := newTestStore(nil)
	want := make(map[string]int)
	for i := range 1000 {
		k := fmt.Sprint("key", i)
		s.Set([]byte(k), []byte("v"))
		want[k] = 1
	}
	for _, count := range []int64{1, 3, 10, 5000} {
		got := make(map[string]int)
		cursor := uint64(0)
		for {
			var keys []string
			cursor, keys = s.Scan(cursor, count, keyFilter{pattern: "*"})
			for _, k := range keys {
				got[k]++
			}
			if cursor == 0 {
				break
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("COUNT %d: %d keys returned, want each of %d once", count, len(got), len(want))
		}
	}
}

func TestStoreRename(t *testing.T) {
	tests := []struct {
		name     string
		src, dst string
		nx       bool
		moved    bool
		wantErr  error
		wantKeys []string // keys after
	}{
		{"move", "a", "new", false, true, nil, []string{"b", "l", "new"}},
		{"overwrite", "a", "b", false, true, nil, []string{"b", "l"}},
		{"overwrite-list", "a", "l", false, true, nil, []string{"b", "l"}},
		{"nx-free", "a", "new", true, true, nil, []string{"b", "l", "new"}},
		{"nx-taken", "a", "b", true, false, nil, []string{"a", "b", "l"}},
		{"same", "a", "a", false, false, nil, []string{"a", "b", "l"}},
		{"missing", "x", "y", false, false, ErrNoKey, []string{"a", "b", "l"}},
		{"missing-same", "x", "x", true, false, ErrNoKey, []string{"a", "b", "l"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(nil)
			s.Set([]byte("a"), []byte("va"))
			s.Set([]byte("b"), []byte("vb"))
			s.SetList([]byte("l"), [][]byte{[]byte("x")})
			s.j = &Journal{}
			moved, err := s.Rename([]byte(tt.src), []byte(tt.dst), tt.nx)
			if moved != tt.moved || err != tt.wantErr {
				t.Fatalf("Rename = %v, %v; want %v, %v", moved, err, tt.moved, tt.wantErr)
			}
			keys := s.Keys("*")
			slices.Sort(keys)
			if !slices.Equal(keys, tt.wantKeys) {
				t.Errorf("keys %q, want %q", keys, tt.wantKeys)
			}
			wantLog := ""
			if moved {
				wantLog = logged([]string{"RENAME", tt.src, tt.dst})
				if v, _, _ := s.GetString([]byte(tt.dst)); v != "va" {
					t.Errorf("%q holds %q, want va", tt.dst, v)
				}
			}
			if string(s.j.buf) != wantLog {
				t.Errorf("logged %q, want %q", s.j.buf, wantLog)
			}
		})
	}
}

func TestStoreRandomKey(t *testing.T) {
	s := newTestStore(nil)
	if k, ok := s.RandomKey(); ok {
		t.Fatalf("RandomKey of an empty store = %q", k)
	}
	keys := []string{"a", "b", "c"}
	for _, k := range keys {
		s.Set([]byte(k), []byte("v"))
	}
	seen := make(map[string]bool)
	for range 5000 {
		k, ok := s.RandomKey()
		if !ok || !slices.Contains(keys, k) {
			t.Fatalf("RandomKey = %q, %v", k, ok)
		}
		seen[k] = true
	}
	if len(seen) != len(keys) {
		t.Errorf("RandomKey returned only %v", seen)
	}
}

func TestScanCursorParse(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"0", 0, true},
		{"", 0, true},
		{"17", 17, true},
		{"007", 7, true},
		{"+5", 5, true},
		{"-0", 0, true},
		{"-1", 1<<64 - 1, true},
		{"18446744073709551615", 1<<64 - 1, true},
		{"18446744073709551616", 0, false},
		{"5\x00junk", 5, true},
		{" 1", 0, false},
		{"1 ", 0, false},
		{"+", 0, false},
		{"-", 0, false},
		{"x", 0, false},
		{"0x1", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseScanCursor([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseScanCursor(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestScanOptionsParse(t *testing.T) {
	tests := []struct {
		opts    []string
		count   int64
		f       keyFilter
		wantErr string
	}{
		{nil, 10, keyFilter{pattern: "*"}, ""},
		{[]string{"count", "5", "MATCH", "a*", "Type", "list"}, 5, keyFilter{pattern: "a*", typ: "list"}, ""},
		{[]string{"MATCH", "a", "MATCH", "b"}, 10, keyFilter{pattern: "b"}, ""},
		{[]string{"COUNT", "0"}, 0, keyFilter{}, errSyntax},
		{[]string{"COUNT", "x"}, 0, keyFilter{}, errNotInteger},
		{[]string{"COUNT"}, 0, keyFilter{}, errSyntax},
		{[]string{"FOO", "1"}, 0, keyFilter{}, errSyntax},
	}
	for _, tt := range tests {
		var args [][]byte
		for _, o := range tt.opts {
			args = append(args, []byte(o))
		}
		count, f, errMsg := parseScanOptions(args)
		if errMsg != tt.wantErr || (errMsg == "" && (count != tt.count || f != tt.f)) {
			t.Errorf("parseScanOptions(%q) = %d, %+v, %q", tt.opts, count, f, errMsg)
		}
	}
}

// TestStoreDeleteFlushCommands checks nosql's own DELETE and FLUSH.
func TestStoreDeleteFlushCommands(t *testing.T) {
	cl := dialServer(t, startServer(t))
	tests := []struct {
		cmd  []string
		want string
	}{
		{c("MSET", "a", "1", "b", "2", "c", "3"), "+OK\r\n"},
		{c("DELETE", "a", "a", "x"), ":1\r\n"},
		{c("delete"), "-ERR wrong number of arguments for 'delete' command\r\n"},
		{c("FLUSH"), ":2\r\n"},
		{c("FLUSH"), ":0\r\n"},
		{c("FLUSH", "x"), "-ERR wrong number of arguments for 'flush' command\r\n"},
		{c("KEYS", "*"), "*0\r\n"},
	}
	for _, tt := range tests {
		if got := cl.do(tt.cmd...); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.cmd, got, tt.want)
		}
	}
}

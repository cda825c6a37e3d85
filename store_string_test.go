// store_string_test.go tests the store's string operations, the journal
// entries they write, and the string commands' own parsing.
package main

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// newLoggedStore returns a store with a journal, and a function returning
// what has been logged so far as readable commands.
func newLoggedStore() (*tstore, func() string) {
	j := &Journal{}
	return newTestStore(j), func() string {
		j.mu.Lock()
		defer j.mu.Unlock()
		return string(j.buf)
	}
}

// logged encodes commands as the journal does.
func logged(cmds ...[]string) string {
	var b []byte
	for _, cmd := range cmds {
		b = appendCommand(b, cmd...)
	}
	return string(b)
}

func TestStoreSetIf(t *testing.T) {
	tests := []struct {
		name    string
		list    bool // key holds a list first
		exists  bool // key holds "old" first
		cond    SetCond
		get     bool
		want    SetResult
		wantErr error
		wantLog bool
	}{
		{name: "set-missing", want: SetResult{Stored: true}, wantLog: true},
		{name: "set-existing", exists: true, want: SetResult{Old: "old", Existed: true, Stored: true}, wantLog: true},
		{name: "nx-missing", cond: SetIfAbsent, want: SetResult{Stored: true}, wantLog: true},
		{name: "nx-existing", exists: true, cond: SetIfAbsent, want: SetResult{Old: "old", Existed: true}},
		{name: "xx-missing", cond: SetIfPresent, want: SetResult{}},
		{name: "xx-existing", exists: true, cond: SetIfPresent, want: SetResult{Old: "old", Existed: true, Stored: true}, wantLog: true},
		{name: "over-list", list: true, want: SetResult{Existed: true, Stored: true}, wantLog: true},
		{name: "get-over-list", list: true, get: true, wantErr: ErrWrongType},
		{name: "nx-list", list: true, cond: SetIfAbsent, want: SetResult{Existed: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(nil)
			if tt.exists {
				s.Set([]byte("k"), []byte("old"))
			}
			if tt.list {
				s.SetList([]byte("k"), [][]byte{[]byte("x")})
			}
			s.j = &Journal{}
			got, err := s.SetIf([]byte("k"), []byte("new"), tt.cond, tt.get)
			if got != tt.want || err != tt.wantErr {
				t.Fatalf("SetIf = %+v, %v; want %+v, %v", got, err, tt.want, tt.wantErr)
			}
			wantLog := ""
			if tt.wantLog {
				wantLog = logged([]string{"SET", "k", "new"})
			}
			if string(s.j.buf) != wantLog {
				t.Errorf("logged %q, want %q", s.j.buf, wantLog)
			}
		})
	}
}

func TestStoreGetDel(t *testing.T) {
	s, log := newLoggedStore()
	s.Set([]byte("k"), []byte("v"))
	s.SetList([]byte("l"), [][]byte{[]byte("x")})
	if v, ok, err := s.GetDel([]byte("k")); v != "v" || !ok || err != nil {
		t.Errorf("GetDel(k) = %q, %v, %v", v, ok, err)
	}
	if _, ok, err := s.GetDel([]byte("k")); ok || err != nil {
		t.Errorf("second GetDel(k) = %v, %v", ok, err)
	}
	if _, _, err := s.GetDel([]byte("l")); err != ErrWrongType {
		t.Errorf("GetDel(list) err = %v", err)
	}
	want := logged([]string{"SET", "k", "v"}, []string{"DEL", "l"}, []string{"RPUSH", "l", "x"}, []string{"DEL", "k"})
	if got := log(); got != want {
		t.Errorf("logged %q, want %q", got, want)
	}
}

func TestStoreMSetMGet(t *testing.T) {
	s, log := newLoggedStore()
	kv := func(xs ...string) [][]byte {
		var b [][]byte
		for _, x := range xs {
			b = append(b, []byte(x))
		}
		return b
	}
	if !s.MSet(kv("a", "1", "b", "2", "a", "3"), false) {
		t.Fatal("MSet refused")
	}
	if s.MSet(kv("c", "1", "b", "x"), true) {
		t.Fatal("MSetNX stored over an existing key")
	}
	s.SetList([]byte("l"), kv("x"))
	vals, ok := s.MGet(kv("a", "b", "c", "l", "a"))
	if got := fmt.Sprint(vals, ok); got != "[3 2   3] [true true false false true]" {
		t.Errorf("MGet = %s", got)
	}
	want := logged([]string{"MSET", "a", "1", "b", "2", "a", "3"}, []string{"DEL", "l"}, []string{"RPUSH", "l", "x"})
	if got := log(); got != want {
		t.Errorf("logged %q, want %q", got, want)
	}
}

// TestStoreMSetAtomic checks that MGET never sees half of an MSET.
func TestStoreMSetAtomic(t *testing.T) {
	s := newTestStore(nil)
	keys := [][]byte{[]byte("x1"), []byte("x2"), []byte("x3"), []byte("x4")}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range 2000 {
			v := []byte(fmt.Sprint(i))
			s.MSet([][]byte{keys[0], v, keys[1], v, keys[2], v, keys[3], v}, false)
		}
	}()
	go func() {
		defer wg.Done()
		for range 2000 {
			vals, _ := s.MGet(keys)
			for _, v := range vals[1:] {
				if v != vals[0] {
					t.Errorf("MGet saw %q", vals)
					return
				}
			}
		}
	}()
	wg.Wait()
}

func TestStoreAppend(t *testing.T) {
	s, log := newLoggedStore()
	tests := []struct {
		key, suffix string
		max         int64
		want        int
		wantErr     error
	}{
		{"k", "ab", 100, 2, nil},
		{"k", "cd", 100, 4, nil},
		{"k", "", 100, 4, nil},
		{"k", "xyz", 6, 0, ErrTooLarge},
		{"k", "xy", 6, 6, nil},
		{"l", "x", 100, 0, ErrWrongType},
	}
	s.SetList([]byte("l"), [][]byte{[]byte("a")})
	for _, tt := range tests {
		n, err := s.Append([]byte(tt.key), []byte(tt.suffix), tt.max)
		if n != tt.want || err != tt.wantErr {
			t.Errorf("Append(%q, %q) = %d, %v; want %d, %v", tt.key, tt.suffix, n, err, tt.want, tt.wantErr)
		}
	}
	if v, _, _ := s.GetString([]byte("k")); v != "abcdxy" {
		t.Errorf("value %q", v)
	}
	if got := log(); !strings.HasSuffix(got, logged([]string{"APPEND", "k", "xy"})) {
		t.Errorf("logged %q", got)
	}
}

func TestStoreStrlen(t *testing.T) {
	s := newTestStore(nil)
	s.Set([]byte("k"), []byte("hello"))
	s.SetList([]byte("l"), nil)
	for key, want := range map[string]int{"k": 5, "missing": 0} {
		if n, err := s.Strlen([]byte(key)); n != want || err != nil {
			t.Errorf("Strlen(%q) = %d, %v", key, n, err)
		}
	}
	if _, err := s.Strlen([]byte("l")); err != ErrWrongType {
		t.Errorf("Strlen(list) err = %v", err)
	}
}

func TestStoreSetRange(t *testing.T) {
	tests := []struct {
		name, old string // old "-": missing key
		offset    int64
		val       string
		want      string // "-": still missing
		wantErr   error
	}{
		{"overwrite", "Hello World", 6, "Redis", "Hello Redis", nil},
		{"start", "abc", 0, "X", "Xbc", nil},
		{"extend", "abc", 2, "XYZ", "abXYZ", nil},
		{"pad", "ab", 5, "c", "ab\x00\x00\x00c", nil},
		{"pad-missing", "-", 3, "c", "\x00\x00\x00c", nil},
		{"empty-missing", "-", 3, "", "-", nil},
		{"empty-existing", "abc", 10, "", "abc", nil},
		{"at-limit", "-", 999, "x", strings.Repeat("\x00", 999) + "x", nil},
		{"past-limit", "-", 1000, "x", "-", ErrTooLarge},
		{"huge-offset", "abc", maxInt64, "x", "abc", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(nil)
			if tt.old != "-" {
				s.Set([]byte("k"), []byte(tt.old))
			}
			s.j = &Journal{}
			n, err := s.SetRange([]byte("k"), tt.offset, []byte(tt.val), 1000)
			v, ok, _ := s.GetString([]byte("k"))
			if !ok {
				v = "-"
			}
			if err != tt.wantErr || v != tt.want {
				t.Fatalf("SetRange = %d, %v, value %q; want %v, %q", n, err, v, tt.wantErr, tt.want)
			}
			if err == nil && ok && n != len(v) {
				t.Errorf("SetRange returned %d for %d bytes", n, len(v))
			}
			wantLog := ""
			if err == nil && tt.val != "" {
				wantLog = logged([]string{"SETRANGE", "k", fmt.Sprint(tt.offset), tt.val})
			}
			if string(s.j.buf) != wantLog {
				t.Errorf("logged %q, want %q", s.j.buf, wantLog)
			}
		})
	}
	s := newTestStore(nil)
	s.SetList([]byte("l"), nil)
	if _, err := s.SetRange([]byte("l"), 0, []byte("x"), 1000); err != ErrWrongType {
		t.Errorf("SetRange(list) err = %v", err)
	}
}

func TestStoreSetOptions(t *testing.T) {
	tests := []struct {
		opts string
		want setOptions
		ok   bool
	}{
		{"", setOptions{}, true},
		{"NX", setOptions{cond: SetIfAbsent}, true},
		{"nx NX", setOptions{cond: SetIfAbsent}, true},
		{"XX get", setOptions{cond: SetIfPresent, get: true}, true},
		{"NX XX", setOptions{}, false},
		{"KEEPTTL", setOptions{keep: true}, true},
		{"EX 10", setOptions{expiry: "EX", time: []byte("10")}, true},
		{"px 10 PX 20", setOptions{expiry: "PX", time: []byte("20")}, true},
		{"EX 10 PX 10", setOptions{}, false},
		{"KEEPTTL EXAT 1", setOptions{}, false},
		{"PXAT 1 KEEPTTL", setOptions{}, false},
		{"EX", setOptions{}, false},
		{"FOO", setOptions{}, false},
	}
	for _, tt := range tests {
		var args [][]byte
		for _, f := range strings.Fields(tt.opts) {
			args = append(args, []byte(f))
		}
		got, ok := parseSetOptions(args)
		if ok != tt.ok || (ok && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("parseSetOptions(%q) = %+v, %v; want %+v, %v", tt.opts, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStoreSubstr(t *testing.T) {
	tests := []struct {
		v          string
		start, end int64
		want       string
	}{
		{"abcdef", 0, -1, "abcdef"},
		{"abcdef", 1, 2, "bc"},
		{"abcdef", -2, -1, "ef"},
		{"abcdef", -1, -5, ""},
		{"abcdef", -100, 2, "abc"},
		{"abcdef", 4, 100, "ef"},
		{"abcdef", 6, 10, ""},
		{"abcdef", 3, 2, ""},
		{"abcdef", minInt64, maxInt64, "abcdef"},
		{"", 0, -1, ""},
	}
	for _, tt := range tests {
		if got := substr(tt.v, tt.start, tt.end); got != tt.want {
			t.Errorf("substr(%q, %d, %d) = %q, want %q", tt.v, tt.start, tt.end, got, tt.want)
		}
	}
}

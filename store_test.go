// store_test.go tests the store's typed operations and its safety under
// concurrent use (run with -race).
package main

import (
	"fmt"
	"sync"
	"testing"
)

func TestStoreTyped(t *testing.T) {
	s := newTestStore(nil)
	b := func(x string) []byte { return []byte(x) }
	s.Set(b("s"), b("hello"))
	if v, ok := s.Lookup(b("s")); !ok || (v.list() != nil) || v.Str() != "hello" || v.TypeName() != "string" {
		t.Fatalf("Lookup s = %+v %v", v, ok)
	}
	if _, ok := s.Lookup(b("nope")); ok {
		t.Fatal("Lookup of a missing key found it")
	}
	s.SetList(b("l"), [][]byte{b("a"), b("b")})
	v, ok := s.Lookup(b("l"))
	if !ok || !(v.list() != nil) || v.TypeName() != "list" || fmt.Sprint(v.list().AppendTo(nil)) != "[a b]" {
		t.Fatalf("Lookup l = %+v", v)
	}
	v.list().PushBack("mutated") // a snapshot: must not change the store
	if n, err := s.Push(b("l"), [][]byte{b("c")}, false, false); n != 3 || err != nil {
		t.Fatalf("Push = %d %v", n, err)
	}
	if n, err := s.Push(b("l"), [][]byte{b("z"), b("y")}, true, false); n != 5 || err != nil {
		t.Fatalf("Push left = %d %v", n, err)
	}
	if v, _ := s.Lookup(b("l")); fmt.Sprint(v.list().AppendTo(nil)) != "[y z a b c]" {
		t.Fatalf("list = %v", v.list().AppendTo(nil))
	}
	if _, _, err := s.GetString(b("l")); err != ErrWrongType {
		t.Fatalf("GetString of a list: %v", err)
	}
	for _, tt := range []struct {
		key    string
		delta  int64
		create bool
		want   int64
		err    error
	}{
		{"n", 1, false, 0, ErrNoKey},
		{"n", 5, true, 5, nil},
		{"n", -7, false, -2, nil},
		{"s", 1, true, 0, ErrNotInteger},
		{"l", 1, true, 0, ErrWrongType},
		{"n", maxInt64, true, maxInt64 - 2, nil},
		{"n", 3, true, 0, ErrOverflow},
		{"n", minInt64, true, -3, nil},
		{"n", minInt64, true, 0, ErrOverflow},
	} {
		got, err := s.IncrBy(b(tt.key), tt.delta, tt.create)
		if got != tt.want || err != tt.err {
			t.Errorf("IncrBy(%s, %d) = %d, %v; want %d, %v", tt.key, tt.delta, got, err, tt.want, tt.err)
		}
	}
	if _, err := s.Push(b("s"), [][]byte{b("x")}, false, true); err != ErrWrongType {
		t.Fatalf("Push onto a string: %v", err)
	}
	if _, err := s.Push(b("new"), [][]byte{b("x")}, false, false); err != ErrNoKey {
		t.Fatalf("Push without create: %v", err)
	}
	if n := s.Del(b("s"), b("s"), b("nope"), b("l")); n != 2 {
		t.Fatalf("Del = %d", n)
	}
	if n := s.Len(); n != 1 {
		t.Fatalf("Len = %d", n)
	}
	if n := s.Flush(); n != 1 || s.Len() != 0 {
		t.Fatalf("Flush = %d, then Len %d", n, s.Len())
	}
}

// TestStoreConcurrent runs writers and readers of shared keys at once; the
// race detector checks the locking, and the counters check atomicity.
func TestStoreConcurrent(t *testing.T) {
	s := newTestStore(&Journal{})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				s.IncrBy([]byte("counter"), 1, true)
				s.Push([]byte("list"), [][]byte{[]byte("x")}, g%2 == 0, true)
				k := []byte(fmt.Sprintf("k%d", i%50))
				s.Set(k, []byte("v"))
				s.Lookup(k)
				s.Lookup([]byte("list"))
				if i%100 == 0 {
					s.Del(k)
					s.Len()
				}
			}
		}(g)
	}
	wg.Wait()
	if v, _ := s.Lookup([]byte("counter")); v.Str() != "8000" {
		t.Fatalf("counter = %q", v.Str())
	}
	if v, _ := s.Lookup([]byte("list")); v.list().Len() != 8000 {
		t.Fatalf("list length = %d", v.list().Len())
	}
}

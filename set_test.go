// set_test.go tests the set encodings against simple models: the hashtable
// (adds, removals that move entries, shrinking, and SSCAN's guarantee
// while the table grows and shrinks between calls), conversions between
// the encodings, and the Python text. The intset's own tests are in
// internal/intset.
package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"nosql/internal/intset"
)

// TestHashSetModel runs random adds and removals against a map and checks
// that every member is found, none is lost, and a table emptied shrinks.
func TestHashSetModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	h := newHashSet(0)
	model := map[string]bool{}
	for i := range 20000 {
		m := "m" + strconv.Itoa(rng.IntN(3000))
		if i < 10000 == (rng.IntN(4) > 0) {
			if h.Add(m) == model[m] {
				t.Fatalf("Add(%q) new=%v, model has it=%v", m, !model[m], model[m])
			}
			model[m] = true
		} else {
			if h.Remove(m) != model[m] {
				t.Fatalf("Remove(%q) wrong", m)
			}
			delete(model, m)
		}
		if h.Len() != len(model) {
			t.Fatalf("Len %d, want %d", h.Len(), len(model))
		}
	}
	for m := range model {
		if !h.Has(m) {
			t.Fatalf("%q lost", m)
		}
	}
	for m := range model {
		h.Remove(m)
	}
	if h.Len() != 0 || len(h.d.buckets) != dictMinBuckets {
		t.Fatalf("emptied: Len %d, %d buckets", h.Len(), len(h.d.buckets))
	}
}

// TestHashSetScan checks SSCAN's guarantee: members present from the first
// call to the last are all returned, while members are added (the table
// doubles) or removed (it halves) between calls.
func TestHashSetScan(t *testing.T) {
	for _, grow := range []bool{true, false} {
		t.Run(fmt.Sprintf("grow=%v", grow), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 3))
			h := newHashSet(0)
			for i := range 2000 {
				h.Add("s" + strconv.Itoa(i))
			}
			stable := map[string]bool{} // never removed
			for i := range 100 {
				stable["s"+strconv.Itoa(i)] = true
			}
			seen := map[string]bool{}
			cursor, calls, next := uint64(0), 0, 2000
			for {
				cursor = h.Scan(cursor, func(m string) { seen[m] = true })
				calls++
				if cursor == 0 {
					break
				}
				for range 20 {
					if grow && next < 8000 { // the table reaches 8192 buckets
						h.Add("n" + strconv.Itoa(next))
						next++
					} else if !grow {
						h.Remove("s" + strconv.Itoa(100+rng.IntN(1900)))
					}
				}
			}
			for m := range stable {
				if !seen[m] {
					t.Fatalf("%q present throughout, not returned (%d calls, %d buckets)", m, calls, len(h.d.buckets))
				}
			}
			if grow == (len(h.d.buckets) <= 2048) {
				t.Fatalf("the table did not resize: %d buckets", len(h.d.buckets))
			}
		})
	}
}

// TestSetAddConversions checks when setAdd leaves the intset encoding.
func TestSetAddConversions(t *testing.T) {
	b := func(ms ...string) [][]byte {
		out := make([][]byte, len(ms))
		for i, m := range ms {
			out[i] = []byte(m)
		}
		return out
	}
	tests := []struct {
		name    string
		start   []string
		add     []string
		limit   int
		enc     string
		added   int
		members int
	}{
		{"ints stay", []string{"1", "2"}, []string{"3", "2"}, 512, "intset", 1, 3},
		{"string converts", []string{"1"}, []string{"x"}, 512, "hashtable", 1, 2},
		{"new key string", nil, []string{"x", "1"}, 512, "hashtable", 2, 2},
		{"over limit", []string{"1", "2"}, []string{"3"}, 2, "hashtable", 1, 3},
		{"at limit", []string{"1"}, []string{"2", "1"}, 2, "intset", 1, 2},
		{"limit zero", nil, []string{"1"}, 0, "hashtable", 1, 1},
		{"not canonical", []string{"1"}, []string{"01"}, 512, "hashtable", 1, 2},
		{"duplicates only", []string{"5"}, []string{"5", "5"}, 512, "intset", 0, 1},
	}
	for _, tt := range tests {
		var s setObject
		if tt.start != nil {
			s, _ = setAdd(nil, b(tt.start...), 512)
		}
		s, n := setAdd(s, b(tt.add...), tt.limit)
		if s.encoding() != tt.enc || n != tt.added || s.Len() != tt.members {
			t.Errorf("%s: %s, %d added, %d members; want %s, %d, %d", tt.name, s.encoding(), n, s.Len(), tt.enc, tt.added, tt.members)
		}
	}
}

func TestSetText(t *testing.T) {
	tests := []struct {
		s    setObject
		want string
	}{
		{packedIntset{}, "set()"},
		{packedIntset{intset.Pack([]int64{-1, 2})}, "{'-1', '2'}"},
		{newSetOf("it's"), `{"it's"}`},
	}
	for _, tt := range tests {
		if got := string(tt.s.appendText(nil)); got != tt.want {
			t.Errorf("appendText = %s, want %s", got, tt.want)
		}
	}
}

// newSetOf returns a hashtable set of members.
func newSetOf(members ...string) *hashSet {
	h := newHashSet(len(members))
	for _, m := range members {
		h.Add(m)
	}
	return h
}

// TestRandomIndexes checks that both sampling ways give distinct indexes
// in range, and that every index can be drawn.
func TestRandomIndexes(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{10, 10}, {10, 4}, {100, 5}, {1000, 1}} {
		drawn := map[int]bool{}
		for range 2000 {
			idx := randomIndexes(tc.n, tc.k)
			seen := map[int]bool{}
			for _, i := range idx {
				if i < 0 || i >= tc.n || seen[i] {
					t.Fatalf("randomIndexes(%d, %d) = %v", tc.n, tc.k, idx)
				}
				seen[i], drawn[i] = true, true
			}
			if len(idx) != tc.k {
				t.Fatalf("randomIndexes(%d, %d): %d indexes", tc.n, tc.k, len(idx))
			}
		}
		if tc.n <= 100 && len(drawn) != tc.n {
			t.Errorf("randomIndexes(%d, %d) never drew %d indexes", tc.n, tc.k, tc.n-len(drawn))
		}
	}
}

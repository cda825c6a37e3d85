// set_test.go tests the set values: conversions between the encodings,
// the Python text, and the random picks of SPOP and SRANDMEMBER. The
// encodings' own tests are in internal/intset and internal/dict.
package main

import (
	"testing"

	"nosql/internal/intset"
)

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

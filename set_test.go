// set_test.go tests the set encodings against simple models: the intset
// (widths, packing, merges and removals), the hashtable (adds, removals
// that move entries, shrinking, and SSCAN's guarantee while the table
// grows and shrinks between calls), conversions, and the Python text.
package main

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// sortedInts returns the keys of m, sorted.
func sortedInts(m map[int64]bool) []int64 { return slices.Sorted(maps.Keys(m)) }

// intsetMembers returns every member of is.
func intsetMembers(is intset) []int64 {
	out := []int64{}
	for i := range is.Len() {
		out = append(out, is.At(i))
	}
	return out
}

func TestIntsetWidths(t *testing.T) {
	tests := []struct {
		vals  []int64
		width int
	}{
		{[]int64{0}, 2},
		{[]int64{-32768, 32767}, 2},
		{[]int64{-32769}, 4},
		{[]int64{32768}, 4},
		{[]int64{-1 << 31, 1<<31 - 1}, 4},
		{[]int64{1 << 31}, 8},
		{[]int64{-1<<31 - 1}, 8},
		{[]int64{-1 << 63, 0, 1<<63 - 1}, 8},
	}
	for _, tt := range tests {
		is := packInts(tt.vals).ints()
		if is.width() != tt.width || !slices.Equal(intsetMembers(is), tt.vals) {
			t.Errorf("packInts(%v): width %d members %v, want width %d", tt.vals, is.width(), intsetMembers(is), tt.width)
		}
		for _, v := range tt.vals {
			if !is.Has(v) || is.Has(v+1) && !slices.Contains(tt.vals, v+1) {
				t.Errorf("packInts(%v).Has(%d) wrong", tt.vals, v)
			}
		}
	}
	if packInts(nil) != (packedIntset{}) || packInts(nil).Len() != 0 {
		t.Error("packInts(nil) is not the empty intset")
	}
}

// TestIntsetModel runs random merges and removals against a map, with
// values of every width and sizes past 127 (a two-byte packed count).
func TestIntsetModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	values := []func() int64{
		func() int64 { return int64(rng.IntN(200)) },
		func() int64 { return int64(rng.IntN(1 << 20)) },
		func() int64 { return rng.Int64() - 1<<62 },
	}
	for round := range 30 {
		model := map[int64]bool{}
		var pk packedIntset
		val := values[round%len(values)]
		for range 200 {
			batch := make([]int64, 1+rng.IntN(6))
			for i := range batch {
				batch[i] = val()
			}
			if rng.IntN(3) > 0 {
				merged, n := pk.ints().merged(sortedDistinct(slices.Clone(batch)))
				fresh := 0
				for _, v := range batch {
					if !model[v] {
						model[v] = true
						fresh++
					}
				}
				if n != fresh {
					t.Fatalf("merged %v: %d new, want %d", batch, n, fresh)
				}
				if n > 0 {
					pk = merged
				}
			} else {
				rest, n := pk.ints().removed(batch)
				gone := 0
				for _, v := range batch {
					if model[v] {
						delete(model, v)
						gone++
					}
				}
				if n != gone {
					t.Fatalf("removed %v: %d, want %d", batch, n, gone)
				}
				if n > 0 {
					pk = rest
				}
			}
			if got, want := intsetMembers(pk.ints()), sortedInts(model); !slices.Equal(got, want) {
				t.Fatalf("round %d: members %v, want %v", round, got, want)
			}
		}
	}
}

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
		{packInts([]int64{-1, 2}), "{'-1', '2'}"},
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

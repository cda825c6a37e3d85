// intset_test.go tests the intset against simple models: widths,
// packing, merges and removals, and Redis's layout both ways.
package intset

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortedInts returns the keys of m, sorted.
func sortedInts(m map[int64]bool) []int64 { return slices.Sorted(maps.Keys(m)) }

// intsetMembers returns every member of is.
func intsetMembers(is Set) []int64 {
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
		is := Pack(tt.vals).Ints()
		if is.width() != tt.width || !slices.Equal(intsetMembers(is), tt.vals) {
			t.Errorf("Pack(%v): width %d members %v, want width %d", tt.vals, is.width(), intsetMembers(is), tt.width)
		}
		for _, v := range tt.vals {
			if !is.Has(v) || is.Has(v+1) && !slices.Contains(tt.vals, v+1) {
				t.Errorf("Pack(%v).Has(%d) wrong", tt.vals, v)
			}
		}
	}
	if Pack(nil) != (Packed{}) || Pack(nil).Ints().Len() != 0 {
		t.Error("Pack(nil) is not the empty intset")
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
		var pk Packed
		val := values[round%len(values)]
		for range 200 {
			batch := make([]int64, 1+rng.IntN(6))
			for i := range batch {
				batch[i] = val()
			}
			if rng.IntN(3) > 0 {
				merged, n := pk.Ints().Merged(SortedDistinct(slices.Clone(batch)))
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
				rest, n := pk.Ints().Removed(batch)
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
			if got, want := intsetMembers(pk.Ints()), sortedInts(model); !slices.Equal(got, want) {
				t.Fatalf("round %d: members %v, want %v", round, got, want)
			}
		}
	}
}

// TestRedisLayout writes intsets in Redis's layout and reads them back,
// and refuses the malformed ones RESTORE must refuse.
func TestRedisLayout(t *testing.T) {
	for _, vals := range [][]int64{{1}, {-5, 0, 7}, {-1 << 20, 1 << 20}, {-1 << 63, 1<<63 - 1}} {
		red := Pack(vals).Ints().Redis()
		var got []int64
		if !ReadRedis(red, func(v int64) { got = append(got, v) }) || !slices.Equal(got, vals) {
			t.Errorf("%v: read back %v", vals, got)
		}
	}
	bad := []struct{ name, s string }{
		{"short", "\x02\x00\x00"},
		{"empty", "\x02\x00\x00\x00\x00\x00\x00\x00"},
		{"width 3", "\x03\x00\x00\x00\x01\x00\x00\x00\x05\x00\x01"},
		{"unsorted", "\x02\x00\x00\x00\x02\x00\x00\x00\x05\x00\x01\x00"},
		{"count too big", "\x02\x00\x00\x00\x03\x00\x00\x00\x01\x00\x02\x00"},
	}
	for _, tt := range bad {
		if ReadRedis(tt.s, func(int64) {}) {
			t.Errorf("%s: accepted", tt.name)
		}
	}
}

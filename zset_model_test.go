// zset_model_test.go tests ZSet, the sorted set value, in its two
// encodings: random adds, score changes, removals and range removals on a
// set that turns large, compared with the same operations on a set kept
// small (a sorted slice, the model), and when each encoding is chosen.
package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// compareZSet checks z's reads against model, a small set: the entries
// walked both ways, and the rank, score and entry of a sample. (The
// tree's own reads are tested against a model in internal/zsettree.)
func compareZSet(t *testing.T, rng *rand.Rand, z, model *ZSet) {
	t.Helper()
	m := model.list
	var all, rev []zentry
	z.each(0, z.Len(), false, func(e zentry) bool { all = append(all, e); return true })
	z.each(0, z.Len(), true, func(e zentry) bool { rev = append(rev, e); return true })
	slices.Reverse(rev)
	if z.Len() != len(m) || !slices.Equal(all, m) || !slices.Equal(rev, m) {
		t.Fatalf("%d entries unlike the model's %d", z.Len(), len(m))
	}
	for k := 0; k < 20 && len(m) > 0; k++ {
		i := rng.IntN(len(m))
		r, inRank := z.Rank(m[i].Member)
		s, inScore := z.Score(m[i].Member)
		if !inRank || r != i || !inScore || s != m[i].Score || z.at(i) != m[i] {
			t.Fatalf("%q: rank %d %v, score %v %v, at(%d) %v; model %v", m[i].Member, r, inRank, s, inScore, i, z.at(i), m[i])
		}
	}
	if _, ok := z.Score("absent"); ok {
		t.Fatal("an absent member has a score")
	}
}

func TestZSetModel(t *testing.T) {
	lim := &encodingLimits{zsetMaxListpackEntries: 128, zsetMaxListpackValue: 64}
	small := &encodingLimits{zsetMaxListpackEntries: 1 << 30, zsetMaxListpackValue: 64}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			z, m := &ZSet{}, &ZSet{}
			for step := 0; step < 20000; step++ {
				member := "m" + strconv.Itoa(rng.IntN(1000))
				score := float64(rng.IntN(50))
				switch op := rng.IntN(10); {
				case op < 6: // add or change
					f := zaddFlags{incr: op == 5}
					got, gotScore, _ := z.add(member, score, f, lim)
					want, wantScore, _ := m.add(member, score, f, small)
					if got != want || gotScore != wantScore {
						t.Fatalf("add(%q, %v, %+v) = %v %v, model %v %v", member, score, f, got, gotScore, want, wantScore)
					}
				case op < 8:
					if z.remove(member) != m.remove(member) {
						t.Fatalf("remove(%q) disagrees with the model", member)
					}
				case op == 8 && m.Len() > 0 && rng.IntN(20) == 0:
					from := rng.IntN(m.Len())
					to := min(m.Len(), from+rng.IntN(40))
					var gone, want []zentry
					z.removeRange(from, to, func(e zentry) { gone = append(gone, e) })
					m.removeRange(from, to, func(e zentry) { want = append(want, e) })
					if !slices.Equal(gone, want) {
						t.Fatalf("removeRange(%d, %d) removed other entries", from, to)
					}
				}
				if step%2000 == 0 {
					compareZSet(t, rng, z, m)
					c := z.clone().(*ZSet)
					compareZSet(t, rng, c, m)
					c.removeRange(0, c.Len()/2, nil) // the copy is independent
					compareZSet(t, rng, z, m)
				}
			}
			compareZSet(t, rng, z, m)
			if z.encoding() != "skiplist" || m.encoding() != "listpack" {
				t.Fatalf("the run ended with the %s encoding, the model's %s", z.encoding(), m.encoding())
			}
		})
	}
}

func TestZSetEncodings(t *testing.T) {
	lim := &encodingLimits{zsetMaxListpackEntries: 3, zsetMaxListpackValue: 4}
	cases := []struct {
		name    string
		members []string
		want    string
	}{
		{"small", []string{"a", "b", "c"}, "listpack"},
		{"too many", []string{"a", "b", "c", "d"}, "skiplist"},
		{"too long", []string{"abcde"}, "skiplist"},
		{"longest that fits", []string{"abcd"}, "listpack"},
	}
	for _, tc := range cases {
		z := &ZSet{}
		for i, m := range tc.members {
			z.add(m, float64(i), zaddFlags{}, lim)
		}
		if z.encoding() != tc.want {
			t.Errorf("%s: encoding %s, want %s", tc.name, z.encoding(), tc.want)
		}
		z.removeRange(0, z.Len()-1, nil)
		if z.encoding() != tc.want {
			t.Errorf("%s: encoding %s after removals, want %s (no way back, as in Redis)", tc.name, z.encoding(), tc.want)
		}
	}
	if z := zsetFrom([]zentry{{Member: "abcde", Score: 1}}, lim); z.encoding() != "skiplist" {
		t.Errorf("zsetFrom with a long member: %s", z.encoding())
	}
	if z := zsetFrom([]zentry{{Member: "b", Score: 2}, {Member: "a", Score: 1}}, lim); z.encoding() != "listpack" || z.list[0].Member != "a" {
		t.Errorf("zsetFrom of two: %s %v", z.encoding(), z.list)
	}
}

// zset_tree_test.go tests the sorted set's two encodings against a plain
// model (a sorted slice): random inserts, score changes, removals and
// range removals, then every read (rank, search, walks both ways, scan,
// clone) compared, with the large encoding's invariants checked: subtree
// sizes and first slots, leaves at one depth and chained in order, the
// index finding every member, the slab's count.
package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"testing"
)

// zmodel is the sorted set the tests compare with.
type zmodel []zentry

func (m zmodel) find(member string) int {
	for i, e := range m {
		if e.member == member {
			return i
		}
	}
	return -1
}

func (m *zmodel) insert(e zentry) {
	i := sort.Search(len(*m), func(i int) bool { return e.less((*m)[i]) })
	*m = slices.Insert(*m, i, e)
}

// checkTree verifies the large encoding's invariants and returns its
// entries in order.
func checkTree(t *testing.T, z *zbig) []zentry {
	t.Helper()
	var leaves []*zbnode
	depth := -1
	var walk func(n *zbnode, d int) int
	walk = func(n *zbnode, d int) int {
		if n.leaf() {
			if depth >= 0 && d != depth {
				t.Fatalf("leaves at depths %d and %d", depth, d)
			}
			depth = d
			if len(n.ids) == 0 && n != z.root {
				t.Fatal("an empty leaf below the root")
			}
			if len(n.ids) > leafMax {
				t.Fatalf("leaf of %d slots", len(n.ids))
			}
			leaves = append(leaves, n)
			return len(n.ids)
		}
		if len(n.kids) == 0 || len(n.kids) > innerMax || len(n.firsts) != len(n.kids) || len(n.sizes) != len(n.kids) {
			t.Fatalf("inner node of %d kids, %d firsts, %d sizes", len(n.kids), len(n.firsts), len(n.sizes))
		}
		total := 0
		for i, k := range n.kids {
			s := walk(k, d+1)
			if s != n.sizes[i] || k.first() != n.firsts[i] {
				t.Fatalf("kid %d: size %d recorded %d, first %d recorded %d", i, s, n.sizes[i], k.first(), n.firsts[i])
			}
			total += s
		}
		return total
	}
	if n := walk(z.root, 0); n != z.n || z.index.n != z.n || z.slab.live != z.n {
		t.Fatalf("tree holds %d, n %d, index %d, slab %d", n, z.n, z.index.n, z.slab.live)
	}
	if z.head != leaves[0] || z.tail != leaves[len(leaves)-1] {
		t.Fatal("head or tail is not the first or last leaf")
	}
	var out []zentry
	for i, l := range leaves {
		if i > 0 && (l.prev != leaves[i-1] || leaves[i-1].next != l) {
			t.Fatalf("leaf %d is not chained to the one before", i)
		}
		for _, s := range l.ids {
			e := z.entry(s)
			if len(out) > 0 && !out[len(out)-1].less(e) {
				t.Fatalf("out of order: %v then %v", out[len(out)-1], e)
			}
			if p := z.index.find(&z.slab, e.member); p < 0 || z.index.slotAt(p) != s {
				t.Fatalf("index does not find %q at slot %d", e.member, s)
			}
			out = append(out, e)
		}
	}
	return out
}

// compareZSet checks every read of z against m.
func compareZSet(t *testing.T, rng *rand.Rand, z *ZSet, m zmodel) {
	t.Helper()
	if z.big != nil {
		if got := checkTree(t, z.big); !slices.Equal(got, []zentry(m)) {
			t.Fatalf("tree holds %d entries unlike the model's %d", len(got), len(m))
		}
	} else if !slices.Equal(z.list, []zentry(m)) {
		t.Fatalf("list %v, model %v", z.list, m)
	}
	if z.Len() != len(m) {
		t.Fatalf("Len %d, model %d", z.Len(), len(m))
	}
	for k := 0; k < 20 && len(m) > 0; k++ {
		i := rng.IntN(len(m))
		if r, ok := z.Rank(m[i].member); !ok || r != i {
			t.Fatalf("Rank(%q) = %d %v, want %d", m[i].member, r, ok, i)
		}
		if s, ok := z.Score(m[i].member); !ok || s != m[i].score {
			t.Fatalf("Score(%q) = %v %v, want %v", m[i].member, s, ok, m[i].score)
		}
		if z.at(i) != m[i] {
			t.Fatalf("at(%d) = %v, want %v", i, z.at(i), m[i])
		}
		bound := float64(rng.IntN(50))
		want := sort.Search(len(m), func(j int) bool { return m[j].score >= bound })
		if got := z.search(func(e zentry) bool { return e.score >= bound }); got != want {
			t.Fatalf("search score >= %v: %d, want %d", bound, got, want)
		}
		from := rng.IntN(len(m) + 1)
		to := from + rng.IntN(len(m)-from+1)
		rev := rng.IntN(2) == 0
		var walked []zentry
		z.each(from, to, rev, func(e zentry) bool { walked = append(walked, e); return true })
		want2 := slices.Clone(m[from:to])
		if rev {
			slices.Reverse(want2)
		}
		if !slices.Equal(walked, want2) {
			t.Fatalf("each(%d, %d, rev %v) = %v, want %v", from, to, rev, walked, want2)
		}
	}
	if _, ok := z.Score("absent"); ok {
		t.Fatal("an absent member has a score")
	}
}

func TestZSetModel(t *testing.T) {
	lim := &encodingLimits{zsetMaxListpackEntries: 128, zsetMaxListpackValue: 64}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			z, m := &ZSet{}, zmodel{}
			size := 20000
			for step := 0; step < 60000; step++ {
				member := "m" + strconv.Itoa(rng.IntN(size))
				score := float64(rng.IntN(50))
				switch op := rng.IntN(10); {
				case op < 6: // add or change
					f := zaddFlags{incr: op == 5}
					out, newScore, _ := z.add(member, score, f, lim)
					if i := m.find(member); i >= 0 {
						if out == zaddUpdated {
							m = slices.Delete(m, i, i+1)
							m.insert(zentry{member, newScore})
						}
					} else {
						m.insert(zentry{member, score})
					}
				case op < 8:
					if z.remove(member) != (m.find(member) >= 0) {
						t.Fatalf("remove(%q) disagrees with the model", member)
					}
					if i := m.find(member); i >= 0 {
						m = slices.Delete(m, i, i+1)
					}
				case op == 8 && len(m) > 0 && rng.IntN(20) == 0:
					from := rng.IntN(len(m))
					to := min(len(m), from+rng.IntN(40))
					var gone []zentry
					z.removeRange(from, to, func(e zentry) { gone = append(gone, e) })
					if !slices.Equal(gone, []zentry(m[from:to])) {
						t.Fatalf("removeRange(%d, %d) removed other entries", from, to)
					}
					m = slices.Delete(m, from, to)
				}
				if step%5000 == 0 {
					compareZSet(t, rng, z, m)
					c := z.clone().(*ZSet)
					compareZSet(t, rng, c, m)
					c.removeRange(0, c.Len()/2, nil) // the copy is independent
					compareZSet(t, rng, z, m)
				}
				if step == 30000 { // most of it goes: the slab compacts
					z.removeRange(0, z.Len()*9/10, nil)
					m = m[len(m)*9/10:]
					size = 2000
				}
			}
			compareZSet(t, rng, z, m)
			if z.big == nil || len(m) < 1000 {
				t.Fatalf("the run ended with %d members in the %s encoding: too few to test the tree", len(m), z.encoding())
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
	if z := zsetFrom([]zentry{{"abcde", 1}}, lim); z.encoding() != "skiplist" {
		t.Errorf("zsetFrom with a long member: %s", z.encoding())
	}
	if z := zsetFrom([]zentry{{"b", 2}, {"a", 1}}, lim); z.encoding() != "listpack" || z.list[0].member != "a" {
		t.Errorf("zsetFrom of two: %s %v", z.encoding(), z.list)
	}
}

func TestZSetCompactsAfterShrinking(t *testing.T) {
	lim := &encodingLimits{zsetMaxListpackEntries: 128, zsetMaxListpackValue: 64}
	z := &ZSet{}
	for i := 0; i < 50000; i++ {
		z.add(strconv.Itoa(i), float64(i), zaddFlags{}, lim)
	}
	z.removeRange(0, 49000, nil)
	if z.big.slab.n > 4*1000 || len(z.big.index.slots) > 8*1024 {
		t.Fatalf("after shrinking to 1000 members: %d slab slots, %d index positions", z.big.slab.n, len(z.big.index.slots))
	}
	if r, ok := z.Rank("49500"); !ok || r != 500 {
		t.Fatalf("Rank after compaction = %d %v", r, ok)
	}
}

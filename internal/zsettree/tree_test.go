// tree_test.go tests the tree against a plain model (a sorted slice):
// random inserts, score changes, removals and range removals, then every
// read (rank, score, search, walks both ways, scan, clone) compared, with
// the invariants checked: subtree sizes and first slots, leaves at one
// depth and chained in order, the index finding every member, the slab's
// count.
package zsettree

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// zmodel is the sorted set the tests compare with.
type zmodel []Entry

func (m zmodel) find(member string) int {
	for i, e := range m {
		if e.Member == member {
			return i
		}
	}
	return -1
}

func (m *zmodel) insert(e Entry) {
	i := sort.Search(len(*m), func(i int) bool { return e.Less((*m)[i]) })
	*m = slices.Insert(*m, i, e)
}

// checkTree verifies the large encoding's invariants and returns its
// entries in order.
func checkTree(t *testing.T, z *Tree) []Entry {
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
	var out []Entry
	for i, l := range leaves {
		if i > 0 && (l.prev != leaves[i-1] || leaves[i-1].next != l) {
			t.Fatalf("leaf %d is not chained to the one before", i)
		}
		for _, s := range l.ids {
			e := z.entry(s)
			if len(out) > 0 && !out[len(out)-1].Less(e) {
				t.Fatalf("out of order: %v then %v", out[len(out)-1], e)
			}
			if p := z.index.find(&z.slab, e.Member); p < 0 || z.index.slotAt(p) != s {
				t.Fatalf("index does not find %q at slot %d", e.Member, s)
			}
			out = append(out, e)
		}
	}
	return out
}

// compare checks every read of z against m.
func compare(t *testing.T, rng *rand.Rand, z *Tree, m zmodel) {
	t.Helper()
	if got := checkTree(t, z); !slices.Equal(got, []Entry(m)) {
		t.Fatalf("tree holds %d entries unlike the model's %d", len(got), len(m))
	}
	if z.Len() != len(m) {
		t.Fatalf("Len %d, model %d", z.Len(), len(m))
	}
	for k := 0; k < 20 && len(m) > 0; k++ {
		i := rng.IntN(len(m))
		if r, ok := z.Rank(m[i].Member); !ok || r != i {
			t.Fatalf("Rank(%q) = %d %v, want %d", m[i].Member, r, ok, i)
		}
		if s, ok := z.Score(m[i].Member); !ok || s != m[i].Score {
			t.Fatalf("Score(%q) = %v %v, want %v", m[i].Member, s, ok, m[i].Score)
		}
		bound := float64(rng.IntN(50))
		want := sort.Search(len(m), func(j int) bool { return m[j].Score >= bound })
		if got := z.Search(func(e Entry) bool { return e.Score >= bound }); got != want {
			t.Fatalf("Search score >= %v: %d, want %d", bound, got, want)
		}
		from := rng.IntN(len(m) + 1)
		to := from + rng.IntN(len(m)-from+1)
		rev := rng.IntN(2) == 0
		var walked []Entry
		z.Each(from, to, rev, func(e Entry) bool { walked = append(walked, e); return true })
		want2 := slices.Clone(m[from:to])
		if rev {
			slices.Reverse(want2)
		}
		if !slices.Equal(walked, want2) {
			t.Fatalf("Each(%d, %d, rev %v) = %v, want %v", from, to, rev, walked, want2)
		}
	}
	if _, ok := z.Score("absent"); ok {
		t.Fatal("an absent member has a score")
	}
	if _, ok := z.Rank("absent"); ok {
		t.Fatal("an absent member has a rank")
	}
	checkScan(t, z, m)
}

// checkScan walks z with Scan in small steps and checks it returns each
// member once.
func checkScan(t *testing.T, z *Tree, m zmodel) {
	t.Helper()
	seen := make(map[string]int, len(m))
	cursor := uint64(0)
	for {
		got, next := z.Scan(cursor, 97)
		for _, e := range got {
			seen[e.Member]++
		}
		if cursor = next; cursor == 0 {
			break
		}
	}
	if len(seen) != len(m) {
		t.Fatalf("Scan returned %d members, the set has %d", len(seen), len(m))
	}
	for _, e := range m {
		if seen[e.Member] != 1 {
			t.Fatalf("Scan returned %q %d times", e.Member, seen[e.Member])
		}
	}
}

func TestTreeModel(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			z, m := New(), zmodel{}
			size := 20000
			for step := 0; step < 60000; step++ {
				member := "m" + strconv.Itoa(rng.IntN(size))
				score := float64(rng.IntN(50))
				i := m.find(member)
				switch op := rng.IntN(10); {
				case op < 6 && i < 0: // add
					z.Insert(Entry{member, score})
					m.insert(Entry{member, score})
				case op < 6: // change the score, as ZADD does: out, then in
					r, _ := z.Rank(member)
					z.RemoveRange(r, r+1, nil)
					z.Insert(Entry{member, score})
					m = slices.Delete(m, i, i+1)
					m.insert(Entry{member, score})
				case op < 8 && i >= 0:
					r, ok := z.Rank(member)
					if !ok || r != i {
						t.Fatalf("Rank(%q) = %d %v, model %d", member, r, ok, i)
					}
					z.RemoveRange(r, r+1, nil)
					m = slices.Delete(m, i, i+1)
				case op == 8 && len(m) > 0 && rng.IntN(20) == 0:
					from := rng.IntN(len(m))
					to := min(len(m), from+rng.IntN(40))
					var gone []Entry
					z.RemoveRange(from, to, func(e Entry) { gone = append(gone, e) })
					if !slices.Equal(gone, []Entry(m[from:to])) {
						t.Fatalf("RemoveRange(%d, %d) removed other entries", from, to)
					}
					m = slices.Delete(m, from, to)
				}
				if step%5000 == 0 {
					compare(t, rng, z, m)
					c := z.Clone()
					compare(t, rng, c, m)
					c.RemoveRange(0, c.Len()/2, nil) // the copy is independent
					compare(t, rng, z, m)
				}
				if step == 30000 { // most of it goes: the slab compacts
					z.RemoveRange(0, z.Len()*9/10, nil)
					m = m[len(m)*9/10:]
					size = 2000
				}
			}
			compare(t, rng, z, m)
			if len(m) < 1000 {
				t.Fatalf("the run ended with %d members: too few to test the tree", len(m))
			}
		})
	}
}

func TestCompactsAfterShrinking(t *testing.T) {
	z := New()
	for i := 0; i < 50000; i++ {
		z.Insert(Entry{strconv.Itoa(i), float64(i)})
	}
	z.RemoveRange(0, 49000, nil)
	if z.slab.n > 4*1000 || len(z.index.slots) > 8*1024 {
		t.Fatalf("after shrinking to 1000 members: %d slab slots, %d index positions", z.slab.n, len(z.index.slots))
	}
	if r, ok := z.Rank("49500"); !ok || r != 500 {
		t.Fatalf("Rank after compaction = %d %v", r, ok)
	}
}

func TestWarmHashesAsTheIndex(t *testing.T) {
	z := New()
	z.Warm([][]byte{[]byte("a")}) // an empty index: nothing to read
	for _, m := range []string{"", "a", "member:12345", strings.Repeat("x", 300)} {
		if got, want := uint32(maphash.Bytes(z.index.seed, []byte(m))), z.index.hash(m); got != want {
			t.Errorf("%q: Warm's hash %x, the index's %x", m, got, want)
		}
	}
}

// pairlist_test.go tests List against an ordered model (a slice of
// pairs): random sets and deletes, long fields and values (multi-byte
// length prefixes), and Set stopping past maxEntries.
package pairlist

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// pair is one field and its value in the model.
type pair struct{ f, v string }

// contents returns l's pairs in order.
func contents(l List) []pair {
	var out []pair
	l.Each(func(f, v string) bool { out = append(out, pair{f, v}); return true })
	return out
}

func TestModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	l, model := Empty, []pair(nil)
	for step := range 3000 {
		f := "f" + strconv.Itoa(rng.IntN(40))
		if rng.IntN(3) > 0 {
			v := strings.Repeat("v", rng.IntN(200)) + strconv.Itoa(step)
			var added, used int
			l, added, used = l.Set([][]byte{[]byte(f), []byte(v)}, 1<<20)
			i := slices.IndexFunc(model, func(p pair) bool { return p.f == f })
			if i >= 0 {
				model[i].v = v
			} else {
				model = append(model, pair{f, v})
			}
			if used != 2 || (added == 1) != (i < 0) {
				t.Fatalf("step %d: Set(%s) added %d used %d", step, f, added, used)
			}
		} else {
			var n int
			l, n = l.Delete(func(x string) bool { return x == f })
			i := slices.IndexFunc(model, func(p pair) bool { return p.f == f })
			if (n == 1) != (i >= 0) {
				t.Fatalf("step %d: Delete(%s) removed %d", step, f, n)
			}
			if i >= 0 {
				model = slices.Delete(model, i, i+1)
			}
		}
		if got := contents(l); l.Len() != len(model) || !slices.Equal(got, model) {
			t.Fatalf("step %d: %d pairs %v, want %v", step, l.Len(), got, model)
		}
		for _, p := range model {
			if v, ok := l.Get(p.f); !ok || v != p.v {
				t.Fatalf("step %d: Get(%s) = %q, %v", step, p.f, v, ok)
			}
		}
		if _, ok := l.Get("missing"); ok {
			t.Fatal("Get of a missing field found it")
		}
	}
}

func TestSetStopsPastMaxEntries(t *testing.T) {
	var pairs [][]byte
	for i := range 5 {
		pairs = append(pairs, []byte("f"+strconv.Itoa(i)), []byte("v"))
	}
	l, added, used := Empty.Set(pairs, 2)
	if added != 3 || used != 6 || l.Len() != 3 {
		t.Fatalf("Set of 5 with maxEntries 2: added %d, used %d, Len %d; want 3, 6, 3", added, used, l.Len())
	}
	if same, n := l.Delete(func(string) bool { return false }); n != 0 || same != l {
		t.Fatal("Delete of nothing changed the list")
	}
}

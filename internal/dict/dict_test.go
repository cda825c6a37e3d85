// dict_test.go tests Dict against a Go map and its SCAN cursor across
// resizes, and Set against a map.
package dict

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestDictAgainstMap applies random sets and deletes to a dict and a Go
// map and checks that they agree after each step, through growth and
// shrinking.
func TestDictAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	d, m := New[string](0), map[string]string{}
	for step := 0; step < 20000; step++ {
		k := strconv.Itoa(rng.IntN(600))
		if step > 12000 { // mostly deletes: the table shrinks
			k = strconv.Itoa(rng.IntN(1200))
		}
		switch {
		case step < 6000 || rng.IntN(4) == 0:
			v := strconv.Itoa(step)
			_, had := m[k]
			if added := d.Set(k, v); added == had {
				t.Fatalf("step %d: Set(%s) added=%v, map had it: %v", step, k, added, had)
			}
			m[k] = v
		default:
			_, had := m[k]
			if got := d.Delete(k); got != had {
				t.Fatalf("step %d: Delete(%s) = %v, map had it: %v", step, k, got, had)
			}
			delete(m, k)
		}
		if d.Len() != len(m) {
			t.Fatalf("step %d: Len %d, map %d", step, d.Len(), len(m))
		}
		if v, ok := d.Get(k); v != m[k] || ok != (m[k] != "") {
			t.Fatalf("step %d: Get(%s) = %q %v, want %q", step, k, v, ok, m[k])
		}
	}
	seen := map[string]string{}
	for i := 0; i < d.Len(); i++ {
		k, v := d.At(i)
		seen[k] = v
	}
	if len(seen) != len(m) || fmt.Sprint(seen) != fmt.Sprint(m) {
		t.Fatalf("entries differ from the map: %d against %d", len(seen), len(m))
	}
	if len(d.buckets) > 4*bucketsFor(d.Len()) {
		t.Errorf("%d buckets for %d entries: not shrunk", len(d.buckets), d.Len())
	}
}

// TestDictScan walks a dict with its cursor: every entry once when
// nothing changes; every entry present throughout at least once while
// other entries are added (growing the table) or deleted (shrinking it)
// between calls.
func TestDictScan(t *testing.T) {
	cases := []struct {
		name    string
		between func(d *Dict[string], step int)
	}{
		{"still", func(*Dict[string], int) {}},
		{"growing", func(d *Dict[string], step int) {
			for i := 0; i < 50 && step < 200; i++ { // 10000 more: the table grows twice
				d.Set(fmt.Sprintf("new:%d:%d", step, i), "")
			}
		}},
		{"shrinking", func(d *Dict[string], step int) {
			for i := 0; i < 40; i++ {
				d.Delete(fmt.Sprintf("tmp:%d", step*40+i))
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := New[string](0)
			for i := 0; i < 500; i++ {
				d.Set("keep:"+strconv.Itoa(i), "")
			}
			for i := 0; i < 4000; i++ {
				d.Set("tmp:"+strconv.Itoa(i), "")
			}
			seen := map[string]int{}
			cursor, steps := uint64(0), 0
			for {
				cursor = d.Scan(cursor, func(k, _ string) { seen[k]++ })
				if cursor == 0 {
					break
				}
				tc.between(d, steps)
				if steps++; steps > 100000 {
					t.Fatal("the walk does not end")
				}
			}
			for i := 0; i < 500; i++ {
				if seen["keep:"+strconv.Itoa(i)] == 0 {
					t.Fatalf("keep:%d never returned (%d steps)", i, steps)
				}
			}
			if tc.name == "still" {
				for k, n := range seen {
					if n != 1 {
						t.Fatalf("%s returned %d times", k, n)
					}
				}
			}
		})
	}
}

// TestSetModel runs random adds and removals against a map and checks
// that every member is found, none is lost, and a table emptied shrinks.
func TestSetModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	h := NewSet(0)
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
	if h.Len() != 0 || len(h.d.buckets) != minBuckets {
		t.Fatalf("emptied: Len %d, %d buckets", h.Len(), len(h.d.buckets))
	}
}

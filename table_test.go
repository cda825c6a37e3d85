// table_test.go checks the compact keyspace table against a plain map
// through random puts, overwrites, deletes and objects (lists, hashes
// packed into their records and hashes that are not), and that strings
// handed out stay valid after compaction.
package main

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"strings"
	"testing"

	"nosql/internal/pairlist"
)

func TestTableMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tb := newTable(maphash.MakeSeed())
	model := map[string]string{} // "L:" prefix marks a list value
	var held [][2]string         // strings read earlier, with copies, checked at the end
	lrus := map[string]uint32{}  // each key's clock: set by put and get, kept by a peek
	for step := 0; step < 200000; step++ {
		k := fmt.Sprintf("k%d", rng.IntN(3000))
		clock := uint32(step) * 97 & lruMax
		switch op := rng.IntN(10); {
		case op < 5:
			v := strings.Repeat(string(rune('a'+rng.IntN(26))), rng.IntN(40))
			switch rng.IntN(500) {
			case 0:
				v = strings.Repeat("x", 60000) // a record with a chunk of its own
			case 1:
				v = strings.Repeat("y", bigString) // kept as a raw string
			}
			tb.put(k, Value{str: v}, clock)
			model[k], lrus[k] = v, clock
		case op < 6:
			o, want := tableObject(rng.IntN(3), k)
			tb.put(k, Value{obj: o}, clock)
			model[k], lrus[k] = want, clock
		case op < 8:
			_, had := model[k]
			if got := tb.del(k); got != had {
				t.Fatalf("step %d: del(%s) = %v, want %v", step, k, got, had)
			}
			delete(model, k)
		default:
			if lru, ok := tb.lru(k); ok && lru != lrus[k] {
				t.Fatalf("step %d: lru(%s) = %d, want %d", step, k, lru, lrus[k])
			}
			touch := clock
			if rng.IntN(2) == 0 {
				touch = lruKeep
			} else if _, had := model[k]; had {
				lrus[k] = clock
			}
			v, ok := tb.get(k, touch)
			want, had := model[k]
			if ok != had {
				t.Fatalf("step %d: get(%s) found %v, want %v", step, k, ok, had)
			}
			got := tableText(v)
			if ok && got != want {
				t.Fatalf("step %d: get(%s) = %.20q, want %.20q", step, k, got, want)
			}
			if ok && v.isString() && rng.IntN(100) == 0 {
				held = append(held, [2]string{got, strings.Clone(got)})
			}
		}
		if tb.len() != len(model) {
			t.Fatalf("step %d: len %d, want %d", step, tb.len(), len(model))
		}
	}
	seen := 0
	tb.each(func(k string, v Value) bool {
		seen++
		if got, want := tableText(v), model[k]; got != want {
			t.Fatalf("each: %s = %.20q, want %.20q", k, got, want)
		}
		return true
	})
	if seen != len(model) {
		t.Fatalf("each saw %d keys, want %d", seen, len(model))
	}
	for _, h := range held {
		if h[0] != h[1] {
			t.Fatalf("a string read earlier changed: %.20q became %.20q", h[1], h[0])
		}
	}
	if tb.dead > tb.bytes/2+compactMinDead {
		t.Fatalf("dead bytes %d of %d: compaction did not run", tb.dead, tb.bytes)
	}
	objects := 0 // lists, hashtables and raw strings: compact hashes are packed
	for _, v := range model {
		if strings.HasPrefix(v, "L:") || strings.HasPrefix(v, "T:") || len(v) >= bigString {
			objects++
		}
	}
	if used := len(tb.objs) - len(tb.free); used != objects {
		t.Fatalf("%d objects held in %d indexes, %d free; want %d", used, len(tb.objs), len(tb.free), objects)
	}
	for k := range model {
		tb.del(k)
	}
	if tb.len() != 0 || tb.chunks != nil {
		t.Fatalf("empty table keeps %d keys, %d chunks", tb.len(), len(tb.chunks))
	}
}

// tableObject returns an object for key k of kind 0 (a list), 1 (a
// compact hash, packed into its record) or 2 (a hash in its hashtable
// encoding), and the text tableText gives it.
func tableObject(kind int, k string) (object, string) {
	if kind == 0 {
		return NewList([][]byte{[]byte(k)}), "L:" + k
	}
	h := &Hash{lp: pairlist.Empty}
	h.SetPairs([][]byte{[]byte("f"), []byte(k)}, hashLimits{entries: 128, value: 64})
	if kind == 1 {
		return h, "H:" + k
	}
	h.convert()
	return h, "T:" + k
}

// tableText returns a string value's bytes, or an object's text as
// tableObject gives it.
func tableText(v Value) string {
	if l := v.list(); l != nil {
		return "L:" + l.At(0)
	}
	if h, ok := v.obj.(*Hash); ok {
		f, _ := h.Get("f")
		return map[string]string{"listpack": "H:", "hashtable": "T:"}[h.encoding()] + f
	}
	return v.keep()
}

// TestTableRenumbersObjects checks that compaction gives back the indexes
// of deleted objects, keeping every remaining object and its clock.
func TestTableRenumbersObjects(t *testing.T) {
	tb := newTable(maphash.MakeSeed())
	for i := range 2000 {
		k := fmt.Sprint("list:", i)
		tb.put(k, Value{obj: NewList([][]byte{[]byte(k)})}, uint32(i))
	}
	for i := range 1900 {
		tb.del(fmt.Sprint("list:", i))
	}
	for i := 0; tb.len() > 100 || len(tb.objs) > 100; i++ { // overwrites make dead bytes until compaction runs
		if i > 100000 {
			t.Fatalf("%d object indexes kept for %d objects", len(tb.objs), len(tb.objs)-len(tb.free))
		}
		tb.put("s", Value{str: strings.Repeat("x", i%50)}, 0)
		tb.del("s")
	}
	for i := 1900; i < 2000; i++ {
		k := fmt.Sprint("list:", i)
		v, ok := tb.get(k, lruKeep)
		lru, _ := tb.lru(k)
		if !ok || v.list() == nil || v.list().At(0) != k || lru != uint32(i) {
			t.Fatalf("%s after renumbering: %v %v, clock %d", k, ok, v, lru)
		}
	}
}

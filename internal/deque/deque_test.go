// deque_test.go tests the Deque against a plain slice model: table
// cases for each operation (including a wrapped-around ring), and a long
// seeded random sequence.
package deque

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// listOp is one deque operation: pushb, pushf, popb, popf, ins (at a),
// rem (s, limit a, from the tail when b != 0), trim [a, b), set (a to s).
type listOp struct {
	op   string
	s    string
	a, b int
}

// applyOp applies op to l and to the model, returning the new model and
// what l and the model returned (popped element or removed count).
func applyOp(t *testing.T, l *Deque, m []string, o listOp) ([]string, any, any) {
	t.Helper()
	switch o.op {
	case "pushb":
		l.PushBack(o.s)
		return append(m, o.s), nil, nil
	case "pushf":
		l.PushFront(o.s)
		return slices.Insert(m, 0, o.s), nil, nil
	case "popf":
		return m[1:], l.PopFront(), m[0]
	case "popb":
		return m[:len(m)-1], l.PopBack(), m[len(m)-1]
	case "ins":
		l.Insert(o.a, o.s)
		return slices.Insert(m, o.a, o.s), nil, nil
	case "set":
		l.SetAt(o.a, o.s)
		m[o.a] = o.s
		return m, nil, nil
	case "trim":
		l.Trim(o.a, o.b)
		return slices.Clone(m[o.a:o.b]), nil, nil
	case "rem":
		got := l.Remove(o.s, uint64(o.a), o.b != 0)
		m, want := modelRemove(m, o.s, o.a, o.b != 0)
		return m, got, want
	}
	t.Fatalf("unknown op %q", o.op)
	return nil, nil, nil
}

// modelRemove is the obvious LREM on a slice.
func modelRemove(m []string, s string, limit int, fromTail bool) ([]string, int) {
	removed := 0
	if fromTail {
		for i := len(m) - 1; i >= 0 && removed < limit; i-- {
			if m[i] == s {
				m = slices.Delete(m, i, i+1)
				removed++
			}
		}
		return m, removed
	}
	for i := 0; i < len(m) && removed < limit; {
		if m[i] == s {
			m = slices.Delete(m, i, i+1)
			removed++
		} else {
			i++
		}
	}
	return m, removed
}

// checkList compares l with the model through every read method.
func checkList(t *testing.T, l *Deque, m []string) {
	t.Helper()
	if l.Len() != len(m) {
		t.Fatalf("Len = %d, want %d (%q)", l.Len(), len(m), m)
	}
	if got := l.AppendTo(nil); !slices.Equal(got, m) {
		t.Fatalf("contents %q, want %q", got, m)
	}
	for i := range m {
		if l.At(i) != m[i] {
			t.Fatalf("At(%d) = %q, want %q", i, l.At(i), m[i])
		}
	}
	step := 1 + len(m)/16 // every range of a short list, a sample of a long one
	for from := 0; from <= len(m); from += step {
		for to := from; to <= len(m); to += step {
			a, b := l.Segments(from, to)
			if got := append(slices.Clone(a), b...); !slices.Equal(got, m[from:to]) {
				t.Fatalf("Segments(%d, %d) = %q, want %q", from, to, got, m[from:to])
			}
		}
	}
	if len(l.buf) > minShrinkCap && l.n < len(l.buf)/4 {
		t.Fatalf("buffer of %d slots holds only %d elements", len(l.buf), l.n)
	}
	for i := l.n; i < len(l.buf); i++ { // free slots must not pin strings
		if s := l.buf[l.pos(i)]; s != "" {
			t.Fatalf("free slot %d still holds %q", i, s)
		}
	}
}

func pushb(ss ...string) []listOp {
	var ops []listOp
	for _, s := range ss {
		ops = append(ops, listOp{op: "pushb", s: s})
	}
	return ops
}

// wrapped builds a 4-slot ring holding a b c whose head is at slot 2, so
// the elements wrap around the end of the buffer.
func wrapped() []listOp {
	return append(pushb("x", "y", "a", "b"), listOp{op: "popf"}, listOp{op: "popf"}, listOp{op: "pushb", s: "c"})
}

func TestDequeOps(t *testing.T) {
	cases := []struct {
		name string
		ops  []listOp
		want []string
	}{
		{"empty", nil, nil},
		{"pushback", pushb("a", "b", "c"), []string{"a", "b", "c"}},
		{"pushfront", []listOp{{op: "pushf", s: "a"}, {op: "pushf", s: "b"}}, []string{"b", "a"}},
		{"pop both ends", append(pushb("a", "b", "c"), listOp{op: "popf"}, listOp{op: "popb"}), []string{"b"}},
		{"pop to empty then push", append(pushb("a"), listOp{op: "popb"}, listOp{op: "pushf", s: "z"}), []string{"z"}},
		{"wrap around", wrapped(), []string{"a", "b", "c"}},
		{"wrap then grow", append(wrapped(), pushb("d", "e")...), []string{"a", "b", "c", "d", "e"}},
		{"wrap pushfront", append(wrapped(), listOp{op: "pushf", s: "z"}), []string{"z", "a", "b", "c"}},
		{"insert front half", append(pushb("a", "b", "c", "d"), listOp{op: "ins", a: 1, s: "x"}), []string{"a", "x", "b", "c", "d"}},
		{"insert back half", append(pushb("a", "b", "c", "d"), listOp{op: "ins", a: 3, s: "x"}), []string{"a", "b", "c", "x", "d"}},
		{"insert at ends", append(pushb("a", "b"), listOp{op: "ins", a: 0, s: "x"}, listOp{op: "ins", a: 3, s: "y"}), []string{"x", "a", "b", "y"}},
		{"insert wrapped", append(wrapped(), listOp{op: "ins", a: 1, s: "x"}, listOp{op: "ins", a: 3, s: "y"}), []string{"a", "x", "b", "y", "c"}},
		{"set wrapped", append(wrapped(), listOp{op: "set", a: 2, s: "z"}), []string{"a", "b", "z"}},
		{"remove all", append(pushb("a", "b", "a", "c", "a"), listOp{op: "rem", s: "a", a: 99}), []string{"b", "c"}},
		{"remove head 2", append(pushb("a", "b", "a", "c", "a"), listOp{op: "rem", s: "a", a: 2}), []string{"b", "c", "a"}},
		{"remove tail 2", append(pushb("a", "b", "a", "c", "a"), listOp{op: "rem", s: "a", a: 2, b: 1}), []string{"a", "b", "c"}},
		{"remove none", append(pushb("a", "b"), listOp{op: "rem", s: "z", a: 5}), []string{"a", "b"}},
		{"remove wrapped tail", append(wrapped(), listOp{op: "rem", s: "c", a: 1, b: 1}), []string{"a", "b"}},
		{"remove to empty", append(pushb("a", "a"), listOp{op: "rem", s: "a", a: 5, b: 1}), nil},
		{"trim middle", append(pushb("a", "b", "c", "d", "e"), listOp{op: "trim", a: 1, b: 4}), []string{"b", "c", "d"}},
		{"trim to empty", append(pushb("a", "b"), listOp{op: "trim", a: 0, b: 0}), nil},
		{"trim wrapped", append(wrapped(), listOp{op: "trim", a: 1, b: 3}), []string{"b", "c"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := &Deque{}
			var m []string
			for _, o := range tc.ops {
				var got, want any
				m, got, want = applyOp(t, l, m, o)
				if got != want {
					t.Fatalf("%v returned %v, want %v", o, got, want)
				}
				checkList(t, l, m)
			}
			if !slices.Equal(m, tc.want) {
				t.Fatalf("model %q, want %q (test case is wrong)", m, tc.want)
			}
		})
	}
}

// TestDequeShrinks checks that a deque that grew large gives memory back as
// it empties, from either end and in bulk.
func TestDequeShrinks(t *testing.T) {
	for _, end := range []string{"popf", "popb", "trim", "rem", "remtail"} {
		t.Run(end, func(t *testing.T) {
			l := &Deque{}
			var m []string
			for i := 0; i < 1000; i++ {
				s := "b"
				if i%100 == 0 {
					s = "a"
				}
				m, _, _ = applyOp(t, l, m, listOp{op: "pushb", s: s})
			}
			switch end {
			case "trim":
				m, _, _ = applyOp(t, l, m, listOp{op: "trim", a: 990, b: 1000})
			case "rem":
				m, _, _ = applyOp(t, l, m, listOp{op: "rem", s: "b", a: 1000})
			case "remtail":
				m, _, _ = applyOp(t, l, m, listOp{op: "rem", s: "b", a: 1000, b: 1})
			default:
				for len(m) > 3 {
					m, _, _ = applyOp(t, l, m, listOp{op: end})
				}
			}
			checkList(t, l, m)
			if len(l.buf) > minShrinkCap {
				t.Fatalf("%d elements keep %d slots", l.n, len(l.buf))
			}
		})
	}
}

// TestDequeRandom runs a long seeded random sequence against the model.
func TestDequeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	l := &Deque{}
	var m []string
	vals := []string{"a", "b", "c"}
	for step := 0; step < 20000; step++ {
		o := listOp{s: vals[rng.IntN(len(vals))]}
		n := len(m)
		switch r := rng.IntN(10); {
		case r < 3:
			o.op = "pushb"
		case r < 5:
			o.op = "pushf"
		case r < 6 && n > 0:
			o.op = "popf"
		case r < 7 && n > 0:
			o.op = "popb"
		case r < 8:
			o.op, o.a = "ins", rng.IntN(n+1)
		case r < 9 && n > 0 && rng.IntN(4) == 0:
			o.op, o.a = "trim", rng.IntN(n)
			o.b = o.a + rng.IntN(n-o.a+1)
		case r < 9 && n > 0:
			o.op, o.a = "set", rng.IntN(n)
		default:
			o.op, o.a, o.b = "rem", rng.IntN(3), rng.IntN(2)
		}
		var got, want any
		m, got, want = applyOp(t, l, m, o)
		if got != want {
			t.Fatalf("step %d: %v returned %v, want %v", step, o, got, want)
		}
		if step%97 == 0 || n < 10 {
			checkList(t, l, m)
		}
	}
	checkList(t, l, m)
}

// TestDequeCopies checks the methods that copy out or replace contents.
func TestDequeCopies(t *testing.T) {
	d := Of([][]byte{[]byte("x"), []byte("y"), []byte("a"), []byte("b")})
	l := &d
	l.PopFront()
	l.PopFront()
	l.PushBack("c") // a b c, wrapped in a 4-slot ring
	if a, b := l.Segments(1, 3); !slices.Equal(append(slices.Clone(a), b...), []string{"b", "c"}) {
		t.Fatalf("Segments(1, 3) = %q, %q", a, b)
	}
	cl := l.Clone()
	cl.SetAt(0, "z")
	checkList(t, l, []string{"a", "b", "c"})
	checkList(t, &cl, []string{"z", "b", "c"})
	l.Replace([]string{"p", "q"})
	checkList(t, l, []string{"p", "q"})
	l.PushFront("o")
	checkList(t, l, []string{"o", "p", "q"})
}

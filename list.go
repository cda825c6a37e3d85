// list.go holds List, the deque behind list values: a ring buffer of
// strings with O(1) push and pop at both ends and O(1) indexing.
package main

// List is a double-ended queue of strings.
type List struct {
	buf  []string
	head int // index in buf of element 0
	n    int
}

// NewList returns a list holding elems in order.
func NewList(elems [][]byte) *List {
	l := &List{buf: make([]string, len(elems))}
	for i, e := range elems {
		l.buf[i] = string(e)
	}
	l.n = len(elems)
	return l
}

// Len returns the number of elements.
func (l *List) Len() int { return l.n }

// At returns element i (0 <= i < Len).
func (l *List) At(i int) string { return l.buf[(l.head+i)%len(l.buf)] }

// SetAt replaces element i (0 <= i < Len).
func (l *List) SetAt(i int, s string) { l.buf[(l.head+i)%len(l.buf)] = s }

func (l *List) grow() {
	c := 2 * len(l.buf)
	if c < 4 {
		c = 4
	}
	nb := make([]string, c)
	for i := 0; i < l.n; i++ {
		nb[i] = l.At(i)
	}
	l.buf, l.head = nb, 0
}

// PushBack appends s.
func (l *List) PushBack(s string) {
	if l.n == len(l.buf) {
		l.grow()
	}
	l.buf[(l.head+l.n)%len(l.buf)] = s
	l.n++
}

// PushFront prepends s.
func (l *List) PushFront(s string) {
	if l.n == len(l.buf) {
		l.grow()
	}
	l.head = (l.head - 1 + len(l.buf)) % len(l.buf)
	l.buf[l.head] = s
	l.n++
}

// PopFront removes and returns element 0 (Len must be > 0).
func (l *List) PopFront() string {
	s := l.buf[l.head]
	l.buf[l.head] = ""
	l.head = (l.head + 1) % len(l.buf)
	l.n--
	return s
}

// PopBack removes and returns the last element (Len must be > 0).
func (l *List) PopBack() string {
	i := (l.head + l.n - 1) % len(l.buf)
	s := l.buf[i]
	l.buf[i] = ""
	l.n--
	return s
}

// Slice returns elements [from, to) as a new slice.
func (l *List) Slice(from, to int) []string {
	out := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, l.At(i))
	}
	return out
}

// AppendTo appends every element to dst and returns it.
func (l *List) AppendTo(dst []string) []string {
	for i := 0; i < l.n; i++ {
		dst = append(dst, l.At(i))
	}
	return dst
}

// Replace makes the list hold exactly elems.
func (l *List) Replace(elems []string) {
	l.buf, l.head, l.n = elems, 0, len(elems)
}

// Clone returns an independent copy.
func (l *List) Clone() *List {
	return &List{buf: l.AppendTo(nil), n: l.n}
}

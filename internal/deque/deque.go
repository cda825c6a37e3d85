// Package deque is the deque behind list values: a ring buffer of
// strings with O(1) push and pop at both ends, O(1) indexing, and in-place
// insert, remove and trim.
//
// It is a pure data structure: it takes no locks (its owner's lock guards
// it), writes no log and knows nothing of the server, its clients or its
// keyspace. Being a package of its own it cannot reach the server's
// state, and TestInternalImports (layout_test.go) keeps it from importing
// sync, log, os or net.
package deque

// minShrinkCap is the buffer size below which a list never shrinks.
const minShrinkCap = 64

// Deque is a double-ended queue of strings. The zero value is an empty
// deque ready to use.
type Deque struct {
	buf  []string
	head int // index in buf of element 0
	n    int
}

// Of returns a deque holding copies of elems in order.
func Of(elems [][]byte) Deque {
	l := Deque{buf: make([]string, len(elems)), n: len(elems)}
	for i, e := range elems {
		l.buf[i] = string(e)
	}
	return l
}

// Len returns the number of elements.
func (l *Deque) Len() int { return l.n }

// pos returns the index in buf of element i (0 <= i < Len).
func (l *Deque) pos(i int) int {
	p := l.head + i
	if p >= len(l.buf) {
		p -= len(l.buf)
	}
	return p
}

// At returns element i (0 <= i < Len).
func (l *Deque) At(i int) string { return l.buf[l.pos(i)] }

// SetAt replaces element i (0 <= i < Len).
func (l *Deque) SetAt(i int, s string) { l.buf[l.pos(i)] = s }

// resize moves the elements into a new buffer of c slots (c >= Len).
func (l *Deque) resize(c int) {
	nb := make([]string, c)
	a, b := l.Segments(0, l.n)
	copy(nb[copy(nb, a):], b)
	l.buf, l.head = nb, 0
}

// grow doubles the buffer (to 4 slots at first).
func (l *Deque) grow() {
	c := 2 * len(l.buf)
	if c < 4 {
		c = 4
	}
	l.resize(c)
}

// shrink moves a large buffer that is less than a quarter full into one
// that is not, so a list that grew and then emptied does not hold its peak
// memory; the copy is paid for by the removals that emptied it.
func (l *Deque) shrink() {
	c := len(l.buf)
	for c > minShrinkCap && l.n < c/4 {
		c /= 2
	}
	if c != len(l.buf) {
		l.resize(c)
	}
}

// PushBack appends s.
func (l *Deque) PushBack(s string) {
	if l.n == len(l.buf) {
		l.grow()
	}
	l.buf[l.pos(l.n)] = s
	l.n++
}

// PushFront prepends s.
func (l *Deque) PushFront(s string) {
	if l.n == len(l.buf) {
		l.grow()
	}
	l.head--
	if l.head < 0 {
		l.head += len(l.buf)
	}
	l.buf[l.head] = s
	l.n++
}

// PopFront removes and returns element 0 (Len must be > 0).
func (l *Deque) PopFront() string {
	s := l.buf[l.head]
	l.dropFront(1)
	return s
}

// PopBack removes and returns the last element (Len must be > 0).
func (l *Deque) PopBack() string {
	s := l.buf[l.pos(l.n-1)]
	l.dropBack(1)
	return s
}

// Segments returns elements [from, to) as at most two slices of the
// buffer, in order, without copying. The caller must not keep them past
// the next change to the list.
func (l *Deque) Segments(from, to int) (a, b []string) {
	if from >= to {
		return nil, nil
	}
	start, end := l.pos(from), l.pos(to-1)+1
	if start < end {
		return l.buf[start:end], nil
	}
	return l.buf[start:], l.buf[:end]
}

// AppendTo appends every element to dst and returns it.
func (l *Deque) AppendTo(dst []string) []string {
	a, b := l.Segments(0, l.n)
	return append(append(dst, a...), b...)
}

// Replace makes the list hold exactly elems.
func (l *Deque) Replace(elems []string) {
	l.buf, l.head, l.n = elems, 0, len(elems)
}

// Clone returns an independent copy.
func (l *Deque) Clone() Deque {
	return Deque{buf: l.AppendTo(nil), n: l.n}
}

// Index returns the position of the first element equal to s, or -1.
func (l *Deque) Index(s string) int {
	a, b := l.Segments(0, l.n)
	for i, e := range a {
		if e == s {
			return i
		}
	}
	for i, e := range b {
		if e == s {
			return len(a) + i
		}
	}
	return -1
}

// Insert puts s at position i (0 <= i <= Len), moving the shorter side
// of the list by one place.
func (l *Deque) Insert(i int, s string) {
	if i < l.n/2 {
		l.PushFront("")
		for j := 0; j < i; j++ {
			l.SetAt(j, l.At(j+1))
		}
	} else {
		l.PushBack("")
		for j := l.n - 1; j > i; j-- {
			l.SetAt(j, l.At(j-1))
		}
	}
	l.SetAt(i, s)
}

// Remove deletes up to limit elements equal to s, scanning from the head
// (fromTail false) or from the tail, and returns how many it removed. It
// works in place in one pass.
func (l *Deque) Remove(s string, limit uint64, fromTail bool) int {
	removed := 0
	if fromTail {
		w := l.n - 1
		for r := l.n - 1; r >= 0; r-- {
			if e := l.At(r); e == s && uint64(removed) < limit {
				removed++
			} else {
				l.SetAt(w, e)
				w--
			}
		}
		l.dropFront(removed)
	} else {
		w := 0
		for r := 0; r < l.n; r++ {
			if e := l.At(r); e == s && uint64(removed) < limit {
				removed++
			} else {
				l.SetAt(w, e)
				w++
			}
		}
		l.dropBack(removed)
	}
	return removed
}

// Trim keeps only elements [from, to) (0 <= from <= to <= Len).
func (l *Deque) Trim(from, to int) {
	l.dropBack(l.n - to)
	l.dropFront(from)
}

// dropFront removes the first k elements (k <= Len).
func (l *Deque) dropFront(k int) {
	for ; k > 0; k-- {
		l.buf[l.head] = ""
		l.head = l.pos(1)
		l.n--
	}
	if l.n == 0 {
		l.head = 0
	}
	l.shrink()
}

// dropBack removes the last k elements (k <= Len).
func (l *Deque) dropBack(k int) {
	for ; k > 0; k-- {
		l.buf[l.pos(l.n-1)] = ""
		l.n--
	}
	l.shrink()
}

// Pos returns the positions of the elements equal to s, as LPOS: skipping
// the first rank-1 matches (from the tail when fromTail), at most count
// of them (0: all), looking at no more than maxLen elements (0: all).
func (l *Deque) Pos(s string, rank, count, maxLen int64, fromTail bool, dst []int64) []int64 {
	matches := int64(0)
	for i := 0; i < l.n && (maxLen == 0 || int64(i) < maxLen); i++ {
		p := i
		if fromTail {
			p = l.n - 1 - i
		}
		if l.At(p) != s {
			continue
		}
		if matches++; matches < rank {
			continue
		}
		dst = append(dst, int64(p))
		if count != 0 && int64(len(dst)) >= count {
			break
		}
	}
	return dst
}

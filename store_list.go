// store_list.go holds the database's list operations (push, pop, index,
// set, remove, trim, insert, and reading a list in place). Each write logs
// its effect and signals the key's change, and deletes a
// list that a removal leaves empty, as Redis has no empty lists; an empty
// list stored on purpose (the text protocol's PUTLIST) is kept until a
// write removes something from it.
package main

import (
	"errors"
	"strconv"
)

// ErrIndexRange is LSET's error for an index outside the list.
var ErrIndexRange = errors.New("index out of range")

// listIn returns key's list with its shard and table: nil for a missing
// key, ErrWrongType for a string.
func (d *DB) listIn(key []byte) (*shard, *table, *List, error) {
	return objectIn[*List](d, key)
}

// ListIndex maps a Redis list index (negative counts from the tail) onto
// a list of n elements, reporting whether it falls inside.
func ListIndex(i int64, n int) (int, bool) {
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, false
	}
	return int(i), true
}

// ListRange maps Redis's inclusive start and stop (negative counts from
// the tail) onto the half-open range [from, to) of a list of n elements,
// as LRANGE and LTRIM do; from == to when the range is empty.
func ListRange(start, stop int64, n int) (from, to int) {
	ln := int64(n)
	if start < 0 {
		start += ln
	}
	if stop < 0 {
		stop += ln
	}
	if start < 0 {
		start = 0
	}
	if start > stop || start >= ln {
		return 0, 0
	}
	if stop >= ln {
		stop = ln - 1
	}
	return int(start), int(stop) + 1
}

// ReadList calls fn with key's list while holding the shard's read lock,
// so a reply can be written straight from the list without copying; fn
// must neither keep nor change l. It reports whether key exists, and
// returns ErrWrongType (without calling fn) for a string.
func (d *DB) ReadList(key []byte, fn func(l *List)) (bool, error) {
	_, _, l, err := d.listIn(key)
	if l == nil || err != nil {
		return false, err
	}
	fn(l)
	return true, nil
}

// Push adds elems to key's list, at the head (left, each in turn, as LPUSH)
// or the tail. A missing key is created when create is set and is ErrNoKey
// otherwise. It returns the list's new length.
func (d *DB) Push(key []byte, elems [][]byte, left, create bool) (int, error) {
	sh, t, l, err := d.listIn(key)
	switch {
	case err != nil:
		return 0, err
	case l == nil && !create:
		return 0, ErrNoKey
	case l == nil:
		l = &List{}
		d.add(t, key, Value{obj: l})
	}
	for _, e := range elems {
		if left {
			l.PushFront(string(e))
		} else {
			l.PushBack(string(e))
		}
	}
	d.signal(sh, key)
	d.logPush(key, l, len(elems), left)
	d.notify(notifyList, pushEvent(left), key)
	return l.Len(), nil
}

// pushEvent is the event of a push at the head (left) or the tail.
func pushEvent(left bool) string {
	if left {
		return "lpush"
	}
	return "rpush"
}

// popEvent is the event of a pop from the head (left) or the tail.
func popEvent(left bool) string {
	if left {
		return "lpop"
	}
	return "rpop"
}

// logPush logs the push of the k elements now at one end of l, in the
// order they were given, reusing the stored strings.
func (d *DB) logPush(key []byte, l *List, k int, left bool) {
	if !d.logging() || k == 0 {
		return
	}
	name := "RPUSH"
	if left {
		name = "LPUSH"
	}
	if k+2 <= 16 { // on the stack: no allocation for up to 14 elements
		var stack [16]string
		stack[0], stack[1] = name, string(key)
		pushedElems(stack[2:k+2], l, left)
		d.log(stack[:k+2]...)
		return
	}
	args := make([]string, k+2)
	args[0], args[1] = name, string(key)
	pushedElems(args[2:], l, left)
	d.log(args...)
}

// pushedElems fills dst with the len(dst) elements just pushed at one end
// of l, in the order the push command named them.
func pushedElems(dst []string, l *List, left bool) {
	k := len(dst)
	for i := range dst {
		if left {
			dst[i] = l.At(k - 1 - i)
		} else {
			dst[i] = l.At(l.Len() - k + i)
		}
	}
}

// Pop removes up to count elements from the head (left) or the tail of
// key's list and appends them to dst in the order removed. found reports
// whether key exists. A list left empty is deleted.
func (d *DB) Pop(key []byte, left bool, count int64, dst []string) (out []string, found bool, err error) {
	sh, t, l, err := d.listIn(key)
	if l == nil || err != nil {
		return dst, false, err
	}
	n := min(count, int64(l.Len()))
	for i := int64(0); i < n; i++ {
		if left {
			dst = append(dst, l.PopFront())
		} else {
			dst = append(dst, l.PopBack())
		}
	}
	if n > 0 && !d.changed(sh, t, key, l.Len(), notifyList, popEvent(left)) && d.logging() {
		var num [20]byte
		name := "RPOP"
		if left {
			name = "LPOP"
		}
		d.log(name, string(key), string(strconv.AppendInt(num[:0], n, 10)))
	}
	return dst, true, nil
}

// ListSet replaces the element at index (parsed here, after the key is
// checked, so that errors come in Redis's order): ErrNoKey for a missing
// key, ErrNotInteger for a bad index, ErrIndexRange outside the list.
func (d *DB) ListSet(key, index, val []byte) error {
	sh, _, l, err := d.listIn(key)
	switch {
	case err != nil:
		return err
	case l == nil:
		return ErrNoKey
	}
	i, ok := parseCanonicalInt(index)
	if !ok {
		return ErrNotInteger
	}
	p, in := ListIndex(i, l.Len())
	if !in {
		return ErrIndexRange
	}
	v := string(val)
	l.SetAt(p, v)
	d.signal(sh, key)
	d.log("LSET", string(key), strconv.Itoa(p), v)
	d.notify(notifyList, "lset", key)
	return nil
}

// ListRem removes elements equal to val, as LREM: up to count from the
// head when count > 0, up to -count from the tail when count < 0, all
// when count is 0. It returns how many it removed (0 for a missing key).
func (d *DB) ListRem(key []byte, count int64, val []byte) (int, error) {
	sh, t, l, err := d.listIn(key)
	if l == nil || err != nil {
		return 0, err
	}
	limit := uint64(count)
	if count < 0 {
		limit = -limit // two's complement: |count|, also for the minimum
	} else if count == 0 {
		limit = 1<<64 - 1
	}
	removed := l.Remove(string(val), limit, count < 0)
	if removed > 0 && !d.changed(sh, t, key, l.Len(), notifyList, "lrem") {
		d.log("LREM", string(key), strconv.FormatInt(count, 10), string(val))
	}
	return removed, nil
}

// ListTrim keeps only the elements from start to stop inclusive (as
// LTRIM, negative counting from the tail); a missing key is no error.
func (d *DB) ListTrim(key []byte, start, stop int64) error {
	sh, t, l, err := d.listIn(key)
	if l == nil || err != nil {
		return err
	}
	from, to := ListRange(start, stop, l.Len())
	if from == 0 && to == l.Len() {
		d.notify(notifyList, "ltrim", key) // as Redis does, though nothing went
		return nil
	}
	l.Trim(from, to)
	if !d.changed(sh, t, key, l.Len(), notifyList, "ltrim") {
		d.log("LTRIM", string(key), strconv.Itoa(from), strconv.Itoa(to-1))
	}
	return nil
}

// ListInsert puts val just before (or after) the first element equal to
// pivot, as LINSERT. It returns the new length, 0 for a missing key, or
// -1 when pivot is not in the list.
func (d *DB) ListInsert(key []byte, after bool, pivot, val []byte) (int, error) {
	sh, _, l, err := d.listIn(key)
	if l == nil || err != nil {
		return 0, err
	}
	i := l.Index(string(pivot))
	if i < 0 {
		return -1, nil
	}
	where := "BEFORE"
	if after {
		i++
		where = "AFTER"
	}
	v := string(val)
	l.Insert(i, v)
	d.signal(sh, key)
	d.log("LINSERT", string(key), where, string(pivot), v)
	d.notify(notifyList, "linsert", key)
	return l.Len(), nil
}

// ListMove pops an element from one end of src's list (the head when
// fromLeft) and pushes it at one end of dst's, creating dst, as LMOVE;
// src and dst may be the same list. It returns the element, and false
// when src is missing. ErrWrongType when src, or dst once src has an
// element, holds another kind (then nothing moves). The move is logged as
// LMOVE.
func (d *DB) ListMove(src, dst []byte, fromLeft, toLeft bool) (string, bool, error) {
	ssh, st, sl, err := d.listIn(src)
	if sl == nil || sl.Len() == 0 || err != nil {
		return "", false, err
	}
	dsh, dt, dl, err := d.listIn(dst)
	if err != nil {
		return "", false, err
	}
	var v string
	if fromLeft {
		v = sl.PopFront()
	} else {
		v = sl.PopBack()
	}
	if dl == nil {
		dl = &List{}
		d.add(dt, dst, Value{obj: dl})
	}
	if toLeft {
		dl.PushFront(v)
	} else {
		dl.PushBack(v)
	}
	d.log("LMOVE", string(src), string(dst), sideName(fromLeft), sideName(toLeft))
	d.notify(notifyList, pushEvent(toLeft), dst)
	d.notify(notifyList, popEvent(fromLeft), src)
	if sl.Len() == 0 {
		d.del(ssh, st, src) // logged by LMOVE, which empties it on replay too
		d.deleted(src)
	} else {
		d.signal(ssh, src)
	}
	d.signal(dsh, dst)
	return v, true, nil
}

// sideName is LMOVE's name for a list end.
func sideName(left bool) string {
	if left {
		return "LEFT"
	}
	return "RIGHT"
}

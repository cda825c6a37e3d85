// sort.go holds SORT's work as Redis 7.0's sort.c does it: reading its
// options, loading the elements of a list, set or sorted set (only the
// LIMIT range when nothing is sorted and the value keeps an order),
// weighing them by themselves or by the keys or hash fields a BY pattern
// names, sorting (numeric ties broken by the elements' bytes), and
// looking up what GET patterns name. Replies and STORE are cmd_sort.go's.
package main

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strings"

	"nosql/internal/scoretext"
)

// errSortScore is SORT's error for a weight that is not a double.
var errSortScore = errors.New("ERR One or more scores can't be converted into double")

// sortSpec is what SORT's options ask for.
type sortSpec struct {
	desc, alpha bool
	start       int64 // LIMIT offset
	count       int64 // LIMIT count; -1: to the end
	by          []byte
	dontSort    bool // a BY pattern without '*': keep the value's order
	gets        [][]byte
	store       []byte // nil: reply with the result
	// ordered: a set is sorted even under a constant BY, as for STORE
	// (a script's SORT, whose result Redis keeps deterministic)
	ordered bool
}

// parseSort reads SORT's options (args[2:]) in Redis's order, or returns
// the error reply; SORT_RO (readonly) knows no STORE.
func parseSort(args [][]byte, readonly bool) (sortSpec, string) {
	sp := sortSpec{count: -1}
	for j := 2; j < len(args); j++ {
		left := len(args) - j - 1
		switch opt := args[j]; {
		case bytes.EqualFold(opt, []byte("asc")):
			sp.desc = false
		case bytes.EqualFold(opt, []byte("desc")):
			sp.desc = true
		case bytes.EqualFold(opt, []byte("alpha")):
			sp.alpha = true
		case bytes.EqualFold(opt, []byte("limit")) && left >= 2:
			var ok1, ok2 bool
			sp.start, ok1 = parseCanonicalInt(args[j+1])
			sp.count, ok2 = parseCanonicalInt(args[j+2])
			if !ok1 || !ok2 {
				return sp, errNotInteger
			}
			j += 2
		case !readonly && bytes.EqualFold(opt, []byte("store")) && left >= 1:
			sp.store = args[j+1]
			j++
		case bytes.EqualFold(opt, []byte("by")) && left >= 1:
			sp.by = args[j+1]
			sp.dontSort = sp.dontSort || bytes.IndexByte(sp.by, '*') < 0
			j++
		case bytes.EqualFold(opt, []byte("get")) && left >= 1:
			sp.gets = append(sp.gets, args[j+1])
			j++
		default:
			return sp, errSyntax
		}
	}
	return sp, ""
}

// readsOtherKeys reports whether a SORT looks up keys its patterns name.
func (sp *sortSpec) readsOtherKeys() bool {
	if sp.by != nil && !sp.dontSort {
		return true
	}
	for _, g := range sp.gets {
		if bytes.IndexByte(g, '*') >= 0 {
			return true
		}
	}
	return false
}

// sortItem is one element being sorted, with its weight.
type sortItem struct {
	elem   string
	score  float64 // numeric weight
	cmp    string  // ALPHA weight from a BY pattern
	hasCmp bool    // the BY pattern found a value
}

// sortLimit turns LIMIT into the inclusive range [start, end] of n
// sorted elements (end < start: none), clamped as Redis clamps it.
func sortLimit(sp *sortSpec, n int) (start, end int) {
	s := int(min(max(sp.start, 0), int64(n)))
	cnt := int(min(max(sp.count, -1), int64(n)))
	e := n - 1
	if cnt >= 0 {
		e = s + cnt - 1
	}
	if s >= n {
		s, e = n-1, n-2
	}
	return s, min(e, n-1)
}

// sortElements returns the elements SORT starts from and the range of
// them it answers. A list or sorted set left unsorted gives only that
// range, in its order (reversed for DESC).
func sortElements(o object, sp *sortSpec) (items []sortItem, start, end int) {
	var n int
	switch v := o.(type) {
	case *List:
		n = v.Len()
	case *ZSet:
		n = v.Len()
	case setObject:
		n = v.Len()
	}
	start, end = sortLimit(sp, n)
	if sp.dontSort {
		if l, ok := o.(*List); ok {
			return rangeItems(end-start+1, func(k int) string {
				if sp.desc {
					return l.At(n - 1 - start - k)
				}
				return l.At(start + k)
			}), 0, end - start
		}
		if z, ok := o.(*ZSet); ok {
			items = make([]sortItem, 0, max(end-start+1, 0))
			if end >= start {
				from, to := start, end+1
				if sp.desc {
					from, to = n-1-end, n-start
				}
				z.each(from, to, sp.desc, func(e zentry) bool {
					items = append(items, sortItem{elem: e.Member})
					return true
				})
			}
			return items, 0, end - start
		}
	}
	switch v := o.(type) {
	case *List:
		return rangeItems(n, v.At), start, end
	case *ZSet:
		items = make([]sortItem, 0, n)
		v.each(0, n, false, func(e zentry) bool {
			items = append(items, sortItem{elem: e.Member})
			return true
		})
		return items, start, end
	case setObject:
		return rangeItems(n, v.At), start, end
	}
	return nil, 0, -1
}

// rangeItems returns n items, item k holding at(k).
func rangeItems(n int, at func(k int) string) []sortItem {
	items := make([]sortItem, max(n, 0))
	for k := range items {
		items[k].elem = at(k)
	}
	return items
}

// sortWeigh loads each item's weight (the element itself, or what the BY
// pattern names), then sorts the items; errSortScore when a numeric
// weight is not a double.
func (d *DB) sortWeigh(items []sortItem, sp *sortSpec) error {
	var bad bool
	var key []byte
	for i := range items {
		it := &items[i]
		w, found := it.elem, true
		if sp.by != nil {
			w, found, key = d.sortLookup(sp.by, it.elem, key)
		}
		if !found {
			continue // a missing weight is 0, or sorts first
		}
		if sp.alpha {
			it.cmp, it.hasCmp = w, sp.by != nil
			continue
		}
		v, n, erange := scoretext.Strtod(w)
		it.score = v
		if n < len(w) && w[n] != 0 || erange || v != v {
			bad = true
		}
	}
	slices.SortStableFunc(items, func(a, b sortItem) int { return sp.compare(&a, &b) })
	if bad {
		return errSortScore
	}
	return nil
}

// compare orders two items as Redis's sortCompare does.
func (sp *sortSpec) compare(a, b *sortItem) int {
	var c int
	switch {
	case !sp.alpha:
		if c = cmp.Compare(a.score, b.score); c == 0 {
			c = strings.Compare(a.elem, b.elem)
		}
	case sp.by == nil:
		c = strings.Compare(a.elem, b.elem)
	case !a.hasCmp || !b.hasCmp:
		c = boolCompare(a.hasCmp, b.hasCmp)
	default:
		c = strings.Compare(a.cmp, b.cmp)
	}
	if sp.desc {
		return -c
	}
	return c
}

// boolCompare orders false before true.
func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// sortLookup returns what pattern names for elem, as Redis's
// lookupKeyByPattern finds it: elem itself for "#"; otherwise the first
// '*' replaced by elem names a key whose string value it is, or, when a
// "->field" follows the '*', a hash whose field's value it is. It reports
// false when there is none (no '*', a missing key or field, another
// kind of value). buf is scratch space for the key name, returned for
// reuse.
func (d *DB) sortLookup(pattern []byte, elem string, buf []byte) (string, bool, []byte) {
	if len(pattern) == 1 && pattern[0] == '#' {
		return elem, true, buf
	}
	star := bytes.IndexByte(pattern, '*')
	if star < 0 {
		return "", false, buf
	}
	keyEnd, field := len(pattern), []byte(nil)
	if f := bytes.Index(pattern[star+1:], []byte("->")); f >= 0 && star+1+f+2 < len(pattern) {
		keyEnd = star + 1 + f
		field = pattern[keyEnd+2:]
	}
	buf = append(append(append(buf[:0], pattern[:star]...), elem...), pattern[star+1:keyEnd]...)
	v, ok := d.Lookup(buf)
	switch {
	case !ok:
		d.missed(buf)
		return "", false, buf
	case field == nil && v.isString():
		return v.keep(), true, buf
	case field == nil:
		return "", false, buf
	}
	h, isHash := v.obj.(*Hash)
	if !isHash {
		return "", false, buf
	}
	s, found := h.Get(bytesString(field))
	return s, found, buf
}

// sorted runs SORT on key's value under sp: the elements of the range
// LIMIT asks for, in order. A missing key is an empty list; a value other
// than a list, set or sorted set is ErrWrongType.
func (d *DB) sorted(key []byte, sp *sortSpec) ([]sortItem, error) {
	v, ok := d.Lookup(key)
	if !ok {
		d.missed(key)
		return nil, nil
	}
	switch v.obj.(type) {
	case *List, *ZSet, setObject:
	default:
		return nil, ErrWrongType
	}
	if _, isSet := v.obj.(setObject); isSet && sp.dontSort && (sp.store != nil || sp.ordered) {
		sp.dontSort, sp.alpha, sp.by = false, true, nil // a set's order is its own: sort it
	}
	items, start, end := sortElements(v.obj, sp)
	if !sp.dontSort {
		if err := d.sortWeigh(items, sp); err != nil {
			return nil, err
		}
	}
	if end < start {
		return nil, nil
	}
	return items[start : end+1], nil
}

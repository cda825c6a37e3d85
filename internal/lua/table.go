// table.go holds Lua tables: an array part for the keys 1..n and an
// insertion-ordered hash part for the rest, so next() can resume from any
// key while fields are cleared during a traversal.
package lua

import "math"

// Table is a Lua table.
type Table struct {
	arr      []Value       // keys 1..len(arr); the last is never nil
	keys     []Value       // hash keys in insertion order (nil: a removed slot)
	vals     []Value       // their values (nil: removed)
	index    map[Value]int // key → slot in keys/vals, once there are more than smallHash keys
	dead     int           // slots whose value is nil
	meta     *Table
	Readonly bool // writes raise "Attempt to modify a readonly table"
}

// smallHash is how many hash keys a table finds by scanning before it
// builds an index: most tables (replies, options) have a few.
const smallHash = 8

// slot finds a hash key's slot.
func (t *Table) slot(k Value) (int, bool) {
	if t.index != nil {
		j, ok := t.index[k]
		return j, ok
	}
	for j, key := range t.keys {
		if key == k {
			return j, true
		}
	}
	return 0, false
}

// NewTable returns an empty table with room for narr array items.
func NewTable(narr, nhash int) *Table {
	t := &Table{}
	if narr > 0 {
		t.arr = make([]Value, 0, narr)
	}
	if nhash > smallHash {
		t.index = make(map[Value]int, nhash)
	}
	return t
}

// normKey turns float keys with integer values into a canonical form
// (-0 → 0) and reports the array index (1-based) of a key, 0 for none.
func normKey(k Value) (Value, int) {
	if f, ok := k.(float64); ok {
		if f == 0 {
			return float64(0), 0
		}
		if f >= 1 && f <= math.MaxInt32 && f == math.Trunc(f) {
			return f, int(f)
		}
	}
	return k, 0
}

// Get returns t[k] without metamethods.
func (t *Table) Get(k Value) Value {
	k, i := normKey(k)
	if i > 0 && i <= len(t.arr) {
		return t.arr[i-1]
	}
	if j, ok := t.slot(k); ok {
		return t.vals[j]
	}
	return nil
}

// GetString returns t[k] for a string key.
func (t *Table) GetString(k string) Value { return t.Get(k) }

// GetInt returns t[i].
func (t *Table) GetInt(i int) Value {
	if i >= 1 && i <= len(t.arr) {
		return t.arr[i-1]
	}
	return t.Get(float64(i))
}

// Set assigns t[k] = v without metamethods; k must not be nil or NaN
// (the caller checks).
func (t *Table) Set(k, v Value) {
	k, i := normKey(k)
	if i > 0 && i <= len(t.arr) {
		t.arr[i-1] = v
		if i == len(t.arr) && v == nil {
			t.trim()
		}
		return
	}
	if i > 0 && i == len(t.arr)+1 && v != nil {
		t.delHash(k)
		t.arr = append(t.arr, v)
		t.migrate()
		return
	}
	if j, ok := t.slot(k); ok {
		if t.vals[j] == nil && v != nil {
			t.dead--
		} else if t.vals[j] != nil && v == nil {
			t.dead++
		}
		t.vals[j] = v
		return
	}
	if v == nil {
		return
	}
	if t.dead > 8 && t.dead > len(t.keys)/2 {
		t.compact()
	}
	if t.index == nil && len(t.keys) >= smallHash {
		t.index = make(map[Value]int, 2*smallHash)
		for j, key := range t.keys {
			t.index[key] = j
		}
	}
	if t.index != nil {
		t.index[k] = len(t.keys)
	}
	t.keys = append(t.keys, k)
	t.vals = append(t.vals, v)
}

// SetInt assigns t[i] = v.
func (t *Table) SetInt(i int, v Value) { t.Set(float64(i), v) }

// trim drops trailing nils from the array part.
func (t *Table) trim() {
	n := len(t.arr)
	for n > 0 && t.arr[n-1] == nil {
		n--
	}
	clear(t.arr[n:])
	t.arr = t.arr[:n]
}

// delHash removes k from the hash part if it is there.
func (t *Table) delHash(k Value) {
	if j, ok := t.slot(k); ok && t.vals[j] != nil {
		t.vals[j] = nil
		t.dead++
	}
}

// migrate moves the keys following the array part from the hash part.
func (t *Table) migrate() {
	for len(t.keys) > 0 {
		k := float64(len(t.arr) + 1)
		j, ok := t.slot(k)
		if !ok || t.vals[j] == nil {
			return
		}
		t.arr = append(t.arr, t.vals[j])
		t.vals[j] = nil
		t.dead++
	}
}

// compact drops removed slots from the hash part.
func (t *Table) compact() {
	keys, vals := t.keys[:0], t.vals[:0]
	clear(t.index)
	for i, k := range t.keys {
		if t.vals[i] != nil {
			if t.index != nil {
				t.index[k] = len(keys)
			}
			keys = append(keys, k)
			vals = append(vals, t.vals[i])
		}
	}
	clear(t.keys[len(keys):])
	clear(t.vals[len(vals):])
	t.keys, t.vals, t.dead = keys, vals, 0
}

// Len returns the length operator's result: a border of the table.
func (t *Table) Len() int {
	n := len(t.arr)
	for len(t.keys) > 0 {
		j, ok := t.slot(float64(n + 1))
		if !ok || t.vals[j] == nil {
			break
		}
		n++
	}
	return n
}

// Next returns the key and value after k in traversal order (k nil: the
// first); ok is false when k is not a key of the table.
func (t *Table) Next(k Value) (Value, Value, bool) {
	i := 0 // position to search from: array slots 0..len(arr)-1, then hash
	if k != nil {
		nk, ai := normKey(k)
		switch {
		case ai > 0 && ai <= len(t.arr):
			i = ai
		default:
			j, ok := t.slot(nk)
			switch {
			case ok:
				i = len(t.arr) + j + 1
			case ai > 0: // an array key cleared during the traversal, the array cut short
				i = len(t.arr)
			default:
				return nil, nil, false
			}
		}
	}
	for ; i < len(t.arr); i++ {
		if t.arr[i] != nil {
			return float64(i + 1), t.arr[i], true
		}
	}
	for j := i - len(t.arr); j < len(t.keys); j++ {
		if t.vals[j] != nil {
			return t.keys[j], t.vals[j], true
		}
	}
	return nil, nil, true
}

// Metatable returns the table's metatable (nil for none).
func (t *Table) Metatable() *Table { return t.meta }

// setArray stores a constructor's positional items as t[1..n], in the
// array part with any nils among them (so # counts them as Lua's does).
func (t *Table) setArray(list []Value) {
	for i := range list {
		if len(t.keys) > 0 {
			t.delHash(float64(i + 1))
		}
	}
	if len(list) >= len(t.arr) {
		t.arr = append(t.arr[:0], list...)
	} else {
		copy(t.arr, list)
	}
	t.trim()
	t.migrate()
}

// store_set.go holds the database's set operations: adding, removing,
// popping and moving members, reading a set in place, and storing the
// result of a set operation. Each write logs records that replay exactly
// (SPOP as SREM of the members it popped) and deletes a set it empties, as
// Redis keeps no empty sets.
package main

import "strings"

// setIn returns key's set with its shard and table: nil for a missing key,
// ErrWrongType for a value of another kind.
func (d *DB) setIn(key []byte) (*shard, *table, setObject, error) {
	return objectIn[setObject](d, key)
}

// keepSet stores s under key in t when it is a new set (an intset
// changed, or converted; or a new key), keeping key's expiry; an empty
// set is left for changed to delete.
func (d *DB) keepSet(t *table, key []byte, old, s setObject) {
	if s != old && s.Len() > 0 {
		d.add(t, key, Value{obj: s})
	}
}

// intsetLimit is set-max-intset-entries as the sets use it.
func (d *DB) intsetLimit() int { return intsetLimit(d.encodings()) }

// ReadSet calls fn with key's set under its shard's lock (fn must neither
// keep nor change it). It reports whether key exists, and returns
// ErrWrongType (without calling fn) for another kind of value.
func (d *DB) ReadSet(key []byte, fn func(s setObject)) (bool, error) {
	_, _, s, err := d.setIn(key)
	if s == nil || err != nil {
		return false, err
	}
	fn(s)
	return true, nil
}

// setsOf returns the sets of keys in order, nil for a missing key, or
// ErrWrongType for the first key holding another kind of value.
func (d *DB) setsOf(keys [][]byte) ([]setObject, error) {
	sets := make([]setObject, len(keys))
	for i, k := range keys {
		_, _, s, err := d.setIn(k)
		if err != nil {
			return nil, err
		}
		if s == nil {
			d.missed(k)
		}
		sets[i] = s
	}
	return sets, nil
}

// SetAdd adds members to key's set, creating it, and returns how many
// were new (SADD).
func (d *DB) SetAdd(key []byte, members [][]byte) (int, error) {
	sh, t, s, err := d.setIn(key)
	if err != nil {
		return 0, err
	}
	added, n := setAdd(s, members, d.intsetLimit())
	d.keepSet(t, key, s, added)
	if n > 0 {
		d.signal(sh, key)
		d.logMembers("SADD", key, members)
		d.notify(notifySet, "sadd", key)
	}
	return n, nil
}

// logMembers logs name key members... as one record (on the stack for
// up to 14 members: no allocation).
func (d *DB) logMembers(name string, key []byte, members [][]byte) {
	if !d.logging() {
		return
	}
	var stack [16]string
	args := stack[:0]
	if len(members)+2 > len(stack) {
		args = make([]string, 0, len(members)+2)
	}
	args = append(args, name, bytesString(key))
	for _, m := range members {
		args = append(args, bytesString(m))
	}
	d.log(args...)
}

// SetRem removes members from key's set and returns how many were there
// (SREM); a set left empty is deleted.
func (d *DB) SetRem(key []byte, members [][]byte) (int, error) {
	sh, t, s, err := d.setIn(key)
	if s == nil || err != nil {
		return 0, err
	}
	rest, n := setRemove(s, members)
	d.keepSet(t, key, s, rest)
	if n > 0 && !d.changed(sh, t, key, rest.Len(), notifySet, "srem") {
		d.logMembers("SREM", key, members)
	}
	return n, nil
}

// SetPop removes up to count members chosen at random from key's set and
// appends them to dst (SPOP). found reports whether key exists. Popping
// every member deletes the set (logged as DEL) and answers its members in
// the order SMEMBERS would give a copy of it; popping fewer is logged as
// SREM of the members popped, rewriteItemsPerOp to a record.
func (d *DB) SetPop(key []byte, count int64, dst []string) (out []string, found bool, err error) {
	sh, t, s, err := d.setIn(key)
	if s == nil || err != nil || count == 0 {
		return dst, s != nil, err
	}
	if count >= int64(s.Len()) {
		all := setRebuilt(s, d.intsetLimit()) // Redis answers from a copy
		for i := range all.Len() {
			dst = append(dst, all.At(i))
		}
		d.changed(sh, t, key, 0, notifySet, "spop")
		return dst, true, nil
	}
	start := len(dst)
	rest, dst := setPop(s, int(count), d.intsetLimit(), dst)
	d.keepSet(t, key, s, rest)
	d.signal(sh, key)
	d.notify(notifySet, "spop", key)
	if d.logging() {
		popped := dst[start:]
		for i := 0; i < len(popped); i += rewriteItemsPerOp {
			batch := popped[i:min(i+rewriteItemsPerOp, len(popped))]
			d.log(append([]string{"SREM", bytesString(key)}, batch...)...)
		}
	}
	return dst, true, nil
}

// SetMove moves member from src's set to dst's (SMOVE), creating dst,
// and reports whether src had it. A missing src is no error whatever dst
// holds; src and dst the same key moves nothing.
func (d *DB) SetMove(src, dst, member []byte) (bool, error) {
	ssh, st, from, err := d.setIn(src)
	if from == nil || err != nil {
		return false, err
	}
	dsh, dt, to, err := d.setIn(dst)
	switch {
	case err != nil:
		return false, err
	case string(src) == string(dst):
		return from.Has(bytesString(member)), nil
	}
	rest, n := setRemove(from, [][]byte{member})
	if n == 0 {
		return false, nil
	}
	d.keepSet(st, src, from, rest)
	d.notify(notifySet, "srem", src)
	if rest.Len() == 0 {
		d.del(ssh, st, src)
		d.deleted(src)
	} else {
		d.signal(ssh, src)
	}
	added, n := setAdd(to, [][]byte{member}, d.intsetLimit())
	d.keepSet(dt, dst, to, added)
	if n > 0 {
		d.signal(dsh, dst)
		d.notify(notifySet, "sadd", dst)
	}
	d.log("SMOVE", bytesString(src), bytesString(dst), bytesString(member))
	return true, nil
}

// SetStore makes dst hold s, clearing its expiry, or deletes dst when s is
// empty (the STORE forms of the set operations). It logs args, the
// command itself, which replays to the same result, when dst changed, and
// returns s's size. The event is the command's name.
func (d *DB) SetStore(dst []byte, s setObject, args [][]byte) int {
	sh, t, _, existed := d.get(dst)
	if s.Len() == 0 {
		if !existed {
			return 0
		}
		d.del(sh, t, dst)
		d.deleted(dst)
	} else {
		d.set(sh, t, dst, Value{obj: s})
		d.notify(notifySet, strings.ToLower(string(args[0])), dst)
	}
	d.logMembers(bytesString(args[0]), args[1], args[2:])
	return s.Len()
}

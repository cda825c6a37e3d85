// cmd_sort.go holds SORT and SORT_RO: their key finders (the sorted key
// and STORE's, as Redis's sortGetKeys names them; every shard is locked
// when a BY or GET pattern reads keys no argument names), the reply (a
// null for a GET that finds nothing) and STORE, which makes the
// destination a list, or deletes it for an empty result, and logs DEL
// then RPUSH batches.
package main

import (
	"bytes"
	"slices"
)

func sortCommands() []*command {
	return []*command{
		{name: "sort", arity: -2, flags: flagWrite | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdSort,
			keys: sortKeys, lockAll: sortLocksAll(false)},
		{name: "sort_ro", arity: -2, flags: flagReadonly, firstKey: 1, lastKey: 1, step: 1, fn: cmdSortRO,
			lockAll: sortLocksAll(true)},
	}
}

// sortKeys names SORT's keys as Redis's sortGetKeys does: the sorted key
// and the key after the last STORE, skipping the arguments of LIMIT, GET
// and BY.
func sortKeys(args [][]byte) [][]byte {
	keys := [][]byte{args[1]}
	var store []byte
	for i := 2; i < len(args); i++ {
		switch a := args[i]; {
		case bytes.EqualFold(a, []byte("limit")):
			i += 2
		case bytes.EqualFold(a, []byte("get")), bytes.EqualFold(a, []byte("by")):
			i++
		case bytes.EqualFold(a, []byte("store")) && i+1 < len(args):
			store = args[i+1]
		}
	}
	if store != nil {
		keys = append(keys, store)
	}
	return keys
}

// sortLocksAll returns the test of whether a SORT needs every shard: when
// its patterns read keys, or (a case only malformed arguments reach) its
// STORE key is not the one sortKeys names.
func sortLocksAll(readonly bool) func(args [][]byte) bool {
	return func(args [][]byte) bool {
		sp, errMsg := parseSort(args, readonly)
		if errMsg != "" {
			return false // answered before any key is read
		}
		if sp.readsOtherKeys() {
			return true
		}
		return sp.store != nil && !slices.ContainsFunc(sortKeys(args), func(k []byte) bool { return bytes.Equal(k, sp.store) })
	}
}

func cmdSort(c *client, args [][]byte)   { c.sort(args, false) }
func cmdSortRO(c *client, args [][]byte) { c.sort(args, true) }

// sort runs SORT or SORT_RO.
func (c *client) sort(args [][]byte, readonly bool) {
	sp, errMsg := parseSort(args, readonly)
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	sp.ordered = c.scriptCaller
	items, err := c.db.sorted(args[1], &sp)
	switch {
	case err == errSortScore:
		c.writeError(err.Error())
	case err != nil:
		c.writeStoreError(err)
	case sp.store != nil:
		c.writeInt(int64(c.db.sortStore(sp.store, c.db.sortResult(items, &sp))))
	default:
		c.writeSorted(items, &sp)
	}
}

// writeSorted answers the sorted elements, or what each GET pattern
// names for each of them (a null for nothing).
func (c *client) writeSorted(items []sortItem, sp *sortSpec) {
	if len(sp.gets) == 0 {
		c.writeArray(len(items))
		for i := range items {
			c.writeBulkString(items[i].elem)
		}
		return
	}
	c.writeArray(len(items) * len(sp.gets))
	var buf []byte
	for i := range items {
		for _, g := range sp.gets {
			var v string
			var ok bool
			v, ok, buf = c.db.sortLookup(g, items[i].elem, buf)
			if ok {
				c.writeBulkStored(v)
			} else {
				c.writeNull()
			}
		}
	}
}

// sortResult returns what STORE keeps: the elements, or what each GET
// pattern names for each ("" for nothing).
func (d *DB) sortResult(items []sortItem, sp *sortSpec) []string {
	if len(sp.gets) == 0 {
		out := make([]string, len(items))
		for i := range items {
			out[i] = items[i].elem
		}
		return out
	}
	out := make([]string, 0, len(items)*len(sp.gets))
	var buf []byte
	for i := range items {
		for _, g := range sp.gets {
			var v string
			v, _, buf = d.sortLookup(g, items[i].elem, buf)
			out = append(out, v)
		}
	}
	return out
}

// sortStore makes dst a list of elems, clearing its expiry, or deletes
// it when elems is empty, and logs what replays it; it returns the list's
// length.
func (d *DB) sortStore(dst []byte, elems []string) int {
	sh, t := d.replacing(dst)
	if len(elems) == 0 {
		if d.del(sh, t, dst) {
			d.log("DEL", string(dst))
			d.deleted(dst)
		}
		return 0
	}
	l := &List{}
	l.Replace(elems)
	d.set(sh, t, dst, Value{obj: l})
	d.notify(notifyList, "sortstore", dst)
	if d.logging() {
		k := string(dst)
		d.log("DEL", k)
		l.rewrite(k, func(args ...string) error { d.log(args...); return nil })
	}
	return len(elems)
}

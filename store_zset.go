// store_zset.go holds the database's sorted-set writes: each changes the
// set, deletes a set it empties (Redis keeps no empty sets), signals the
// change and logs records that replay exactly: ZADD of the members added
// or changed with their new scores, ZREM of the members removed or
// popped, ZREMRANGEBYRANK of a range removed, and DEL followed by ZADD
// batches for a set a *STORE command builds.
package main

import "nosql/internal/scoretext"

// zsetIn returns key's sorted set with its shard and table: nil for a
// missing key, ErrWrongType for another kind.
func (d *DB) zsetIn(key []byte) (*shard, *table, *ZSet, error) {
	return objectIn[*ZSet](d, key)
}

// zsetSource is what ZUNION, ZINTER, ZDIFF and their kin read from a key:
// a sorted set, or a set, whose members all score 1.
type zsetSource interface {
	object
	zsLen() int
	zsScore(m string) (float64, bool)
	zsEach(fn func(zentry) bool)
}

func (z *ZSet) zsLen() int                       { return z.Len() }
func (z *ZSet) zsScore(m string) (float64, bool) { return z.Score(m) }
func (z *ZSet) zsEach(fn func(zentry) bool)      { z.each(0, z.Len(), false, fn) }

// zsetSourceIn returns key's value as a source of ZUNION and its kin: nil
// for a missing key, ErrWrongType for a value that is neither a sorted
// set nor a set.
func (d *DB) zsetSourceIn(key []byte) (zsetSource, error) {
	v, ok := d.Lookup(key)
	if !ok {
		d.missed(key)
		return nil, nil
	}
	src, isSrc := v.obj.(zsetSource)
	if !isSrc {
		return nil, ErrWrongType
	}
	return src, nil
}

// zaddResult is what ZADD did.
type zaddResult struct {
	added, updated, processed int
	score                     float64 // the last member's score (INCR)
	nan                       bool    // the increment made NaN
}

// ZAdd adds members (with scores, or increments with INCR) under ZADD's
// options. A missing key is created unless XX is given.
func (d *DB) ZAdd(key []byte, f zaddFlags, scores []float64, members [][]byte) (zaddResult, error) {
	var res zaddResult
	sh, t, z, err := d.zsetIn(key)
	switch {
	case err != nil:
		return res, err
	case z == nil && f.xx:
		return res, nil
	case z == nil:
		z = &ZSet{}
		d.add(t, key, Value{obj: z})
	}
	lim := d.encodings()
	if z.big != nil && len(members) > 1 {
		z.big.Warm(members)
	}
	var logArgs []string
	for i, m := range members {
		out, score, ran := z.add(bytesString(m), scores[i], f, lim)
		switch out {
		case zaddNaN:
			res.nan = true
		case zaddAdded, zaddUpdated:
			if out == zaddAdded {
				res.added++
			} else {
				res.updated++
			}
			if d.rec.on {
				logArgs = append(logArgs, scoretext.Format(score), string(m))
			}
		}
		if ran {
			res.processed++
			res.score = score
		}
	}
	if res.added+res.updated > 0 {
		d.signal(sh, key)
		d.logZAdd(string(key), logArgs)
		d.notify(notifyZset, zaddEvent(f.incr), key)
	}
	return res, nil
}

// logZAdd logs ZADD key with score-member pairs, rewriteItemsPerOp pairs
// per record (when the log is off, one record only counts the write).
func (d *DB) logZAdd(key string, pairs []string) {
	if !d.rec.on {
		d.log("ZADD", key)
	}
	for len(pairs) > 0 {
		n := min(len(pairs), 2*rewriteItemsPerOp)
		d.log(append([]string{"ZADD", key}, pairs[:n]...)...)
		pairs = pairs[n:]
	}
}

// ZRem removes members and returns how many were there.
func (d *DB) ZRem(key []byte, members [][]byte) (int, error) {
	sh, t, z, err := d.zsetIn(key)
	if z == nil || err != nil {
		return 0, err
	}
	args := []string{"ZREM", string(key)}
	for _, m := range members {
		if z.remove(bytesString(m)) {
			args = append(args, string(m))
		}
	}
	n := len(args) - 2
	if n > 0 && !d.changed(sh, t, key, z.Len(), notifyZset, "zrem") {
		d.log(args...)
	}
	return n, nil
}

// ZRemRanks removes the members of ranks [from, to) of key's set z (found
// by the caller) and returns how many went; event is the command's.
func (d *DB) ZRemRanks(key []byte, from, to int, event string) int {
	sh, t, z, _ := d.zsetIn(key)
	if z == nil || from >= to {
		return 0
	}
	z.removeRange(from, to, nil)
	if !d.changed(sh, t, key, z.Len(), notifyZset, event) {
		d.log("ZREMRANGEBYRANK", string(key), formatInt(int64(from)), formatInt(int64(to-1)))
	}
	return to - from
}

// ZPop removes up to count members from the low (or high) end of the
// first of keys that exists, and returns that key and what it popped,
// in the order popped. A key that holds another kind stops the search
// with ErrWrongType.
func (d *DB) ZPop(keys [][]byte, high bool, count int64) ([]byte, []zentry, error) {
	for _, key := range keys {
		sh, t, z, err := d.zsetIn(key)
		switch {
		case err != nil:
			return nil, nil, err
		case z == nil:
			continue
		}
		n := int(min(count, int64(z.Len())))
		from, to := 0, n
		if high {
			from, to = z.Len()-n, z.Len()
		}
		popped := make([]zentry, 0, n)
		z.removeRange(from, to, func(e zentry) { popped = append(popped, e) })
		if high {
			for i, j := 0, len(popped)-1; i < j; i, j = i+1, j-1 {
				popped[i], popped[j] = popped[j], popped[i]
			}
		}
		if n > 0 && !d.changed(sh, t, key, z.Len(), notifyZset, zpopEvent(high)) {
			args := []string{"ZREM", string(key)}
			for _, e := range popped {
				args = append(args, e.Member)
			}
			d.log(args...)
		}
		return key, popped, nil
	}
	return nil, nil, nil
}

// ZStore makes dst hold exactly entries (distinct members), as the *STORE
// commands do: no set (dst deleted) when there are none, else a new set
// without expiry, noting event (the command's). It returns the new set's
// size.
func (d *DB) ZStore(dst []byte, entries []zentry, event string) int {
	if len(entries) == 0 {
		d.Del(dst)
		return 0
	}
	z := zsetFrom(entries, d.encodings())
	sh, t := d.replacing(dst)
	d.set(sh, t, dst, Value{obj: z})
	d.notify(notifyZset, event, dst)
	d.log("DEL", string(dst))
	if d.rec.on {
		z.rewrite(string(dst), func(args ...string) error {
			d.log(args...)
			return nil
		})
	}
	return z.Len()
}

// zaddEvent is the event of ZADD, or of ZADD INCR and ZINCRBY.
func zaddEvent(incr bool) string {
	if incr {
		return "zincr"
	}
	return "zadd"
}

// zpopEvent is the event of a pop from the low or the high end.
func zpopEvent(high bool) string {
	if high {
		return "zpopmax"
	}
	return "zpopmin"
}

// A set is a source whose members all score 1, in either encoding.

func (pk packedIntset) zsLen() int                       { return pk.Len() }
func (pk packedIntset) zsScore(m string) (float64, bool) { return 1, pk.Has(m) }
func (pk packedIntset) zsEach(fn func(zentry) bool)      { eachSetMember(pk, fn) }
func (h *hashSet) zsLen() int                            { return h.Len() }
func (h *hashSet) zsScore(m string) (float64, bool)      { return 1, h.Has(m) }
func (h *hashSet) zsEach(fn func(zentry) bool)           { eachSetMember(h, fn) }

// eachSetMember calls fn with each member of s, scored 1, until it returns
// false.
func eachSetMember(s setObject, fn func(zentry) bool) {
	for i := 0; i < s.Len(); i++ {
		if !fn(zentry{Member: s.At(i), Score: 1}) {
			return
		}
	}
}

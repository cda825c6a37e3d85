// store_expire.go holds the database's expiry operations: setting, reading
// and removing a key's expiry time. Times are absolute Unix milliseconds;
// every change is logged in that form (PEXPIREAT, PERSIST, or DEL for a
// time already past), so replaying the log never depends on the clock.
package main

// ExpireCond is the set of EXPIRE's NX, XX, GT and LT options.
type ExpireCond uint8

// The options: NX (no expiry yet), XX (an expiry already), GT (later than
// the current one; none counts as infinite), LT (earlier than the current).
const (
	ExpireNX ExpireCond = 1 << iota
	ExpireXX
	ExpireGT
	ExpireLT
)

// Expire sets key's expiry to when if cond allows and reports whether it
// did; a time not after the command's deletes the key instead (outside
// replay).
func (d *DB) Expire(key []byte, when int64, cond ExpireCond) bool {
	sh, t, _, ok := d.get(key)
	if !ok {
		return false
	}
	cur, has := t.expiry(bytesString(key))
	if cond&ExpireNX != 0 && has || cond&ExpireXX != 0 && !has ||
		cond&ExpireGT != 0 && (!has || when <= cur) || cond&ExpireLT != 0 && has && when >= cur {
		return false
	}
	d.setExpiry(sh, t, key, when)
	return true
}

// setExpiry makes key, which exists, expire at when, or deletes it when
// that time has passed (outside replay).
func (d *DB) setExpiry(sh *shard, t *table, key []byte, when int64) {
	if when <= d.time() && !d.rec.loading {
		d.del(sh, t, key)
		d.log("DEL", bytesString(key))
		d.deleted(key)
		return
	}
	t.expireAt(bytesString(key), when)
	d.signal(sh, key)
	d.log("PEXPIREAT", bytesString(key), formatInt(when))
	d.notify(notifyGeneric, "expire", key)
}

// TTL returns key's expiry time: -2 for a missing key, -1 for a key
// without one.
func (d *DB) TTL(key []byte) int64 {
	_, t, _, ok := d.get(key)
	if !ok {
		return -2
	}
	when, has := t.expiry(bytesString(key))
	if !has {
		return -1
	}
	return when
}

// Persist removes key's expiry and reports whether it had one.
func (d *DB) Persist(key []byte) bool {
	sh, t, _, ok := d.get(key)
	if !ok || !t.persist(bytesString(key)) {
		return false
	}
	d.signal(sh, key)
	d.log("PERSIST", bytesString(key))
	d.notify(notifyGeneric, "persist", key)
	return true
}

// GetEx returns key's string and changes its expiry as GETEX does: to when
// (0: unchanged), or none with persist.
func (d *DB) GetEx(key []byte, when int64, persist bool) (string, bool, error) {
	sh, t, v, ok := d.get(key)
	switch {
	case !ok:
		return "", false, nil
	case !v.isString():
		return "", false, ErrWrongType
	case when != 0:
		d.setExpiry(sh, t, key, when)
	case persist && t.persist(bytesString(key)):
		d.signal(sh, key)
		d.log("PERSIST", bytesString(key))
		d.notify(notifyGeneric, "persist", key)
	}
	return v.keep(), true, nil
}

// dropExpired deletes every key whose time has passed by now, and returns
// how many: loading the log ends with it, so keys that expired while the
// server was down are not loaded (the log keeps them; the next load drops
// them again, and a rewrite leaves them out).
func (st *Store) dropExpired(now int64) int {
	n := 0
	for i := range st.shards {
		sh := &st.shards[i]
		sh.mu.Lock()
		for db := range sh.dbs {
			t := &sh.dbs[db]
			for k, when := range t.ttl {
				if when <= now && t.del(k) {
					n++
				}
			}
		}
		sh.mu.Unlock()
	}
	return n
}

// store_db.go holds what spans keys or databases: the log record a command
// builds (logRec), the key-modified signal that WATCH listens to, and
// FLUSHDB, FLUSHALL, SWAPDB, MOVE and COPY.
package main

import "strconv"

// logRec collects the log records of one command, or of a transaction,
// until dispatch hands them to the journal in one piece. It notes the
// database of its first and last records, so the journal can put SELECT
// where the database changes.
type logRec struct {
	on      bool // the server logs writes (otherwise only n counts)
	loading bool // the records come from the log itself: nothing expires
	buf     []byte
	first   int // database of the first record, -1 before it
	last    int // database of the last record
	n       int // records added since the last reset (writes done)
}

// add appends one record made in database db.
func (r *logRec) add(db int, args []string) {
	r.n++
	if !r.on {
		return
	}
	switch {
	case r.first < 0:
		r.first = db
	case db != r.last:
		r.buf = appendCommand(r.buf, "SELECT", strconv.Itoa(db))
	}
	r.last = db
	r.buf = appendCommand(r.buf, args...)
}

// reset empties r for the next command.
func (r *logRec) reset() {
	r.buf, r.first, r.n = r.buf[:0], -1, 0
}

// watched is one key a client WATCHes.
type watched struct {
	c       *client
	key     watchKey
	expired bool // the key had expired when WATCH ran
}

// signal is the key-modified hook (Redis's signalModifiedKey): every write
// calls it for each key it changes, under the key's shard lock. It fails
// the transactions of the clients WATCHing the key, and notes the key as
// ready for the clients blocked on it.
func (d *DB) signal(sh *shard, key []byte) {
	if sh.blocked != nil {
		d.noteReady(sh, key)
	}
	if sh.watch == nil {
		return
	}
	for _, w := range sh.watch[watchKey{d.n, bytesString(key)}] {
		if w.expired {
			if _, ok := sh.dbs[d.n].get(bytesString(key), lruKeep); !ok {
				w.expired = false // the stale key was deleted: no logical change
				continue
			}
		}
		w.c.dirtyCAS.Store(true)
	}
}

// signalDB fails the transactions watching keys of database n in shard sh
// that exist there or in database with (a SWAPDB's other side; -1: none).
func (s *Store) signalDB(sh *shard, n, with int, now int64) {
	for wk, ws := range sh.watch {
		if wk.db != n {
			continue
		}
		_, inN := sh.dbs[n].get(wk.key, lruKeep)
		inWith := false
		if with >= 0 {
			_, inWith = sh.dbs[with].get(wk.key, lruKeep)
		}
		if !inN && !inWith {
			continue
		}
		for _, w := range ws {
			switch {
			case w.expired && !inWith:
				w.expired = false
				continue
			case w.expired && sh.dbs[with].expired(wk.key, now):
				continue
			case !w.expired && !inN && sh.dbs[with].expired(wk.key, now):
				w.expired = true
				continue
			}
			w.c.dirtyCAS.Store(true)
		}
	}
}

// FlushDB deletes every key of the database; dispatch holds every lock.
func (d *DB) FlushDB() {
	for i := range d.s.shards {
		sh := &d.s.shards[i]
		if sh.watch != nil {
			d.s.signalDB(sh, d.n, -1, d.time())
		}
		if sh.blocked != nil { // blocked XREADGROUPs are told their streams went
			d.noteReadyIn(sh, d.n, d.n)
		}
		d.noteGoneAll(sh, d.n)
		sh.dbs[d.n] = newTable(sh.dbs[d.n].seed)
	}
	d.log("FLUSHDB")
}

// FlushAll deletes every key of every database; dispatch holds every lock.
func (d *DB) FlushAll() {
	for i := range d.s.shards {
		sh := &d.s.shards[i]
		for n := range sh.dbs {
			if sh.watch != nil {
				d.s.signalDB(sh, n, -1, d.time())
			}
			if sh.blocked != nil {
				d.noteReadyIn(sh, n, n)
			}
			d.noteGoneAll(sh, n)
			sh.dbs[n] = newTable(sh.dbs[n].seed)
		}
	}
	d.log("FLUSHALL")
}

// SwapDB exchanges databases a and b; dispatch holds every lock.
func (d *DB) SwapDB(a, b int) {
	for i := range d.s.shards {
		sh := &d.s.shards[i]
		if sh.watch != nil {
			d.s.signalDB(sh, a, b, d.time())
			d.s.signalDB(sh, b, a, d.time())
		}
		if sh.blocked != nil {
			d.noteReadyIn(sh, a, b)
		}
		sh.dbs[a], sh.dbs[b] = sh.dbs[b], sh.dbs[a]
	}
	d.log("SWAPDB", strconv.Itoa(a), strconv.Itoa(b))
}

// in returns d's view of database n (the same command, locks and log).
func (d *DB) in(n int) *DB {
	o := *d
	o.n = n
	return &o
}

// Move moves key, with its expiry, to database n; it reports false when
// key is missing or n already has it.
func (d *DB) Move(key []byte, n int) bool {
	sh, t, v, ok := d.get(key)
	if !ok {
		return false
	}
	to := d.in(n)
	_, tt, _, exists := to.get(key)
	if exists {
		return false
	}
	when, volatile := t.expiry(bytesString(key))
	d.del(sh, t, key)
	to.put(sh, tt, key, v)
	if volatile {
		tt.expireAt(bytesString(key), when)
	}
	d.log("MOVE", bytesString(key), strconv.Itoa(n))
	d.notify(notifyGeneric, "move_from", key)
	to.notify(notifyGeneric, "move_to", key)
	return true
}

// Copy copies src's value and expiry to dst in database n; it reports
// false when src is missing, or dst exists and replace is not set.
func (d *DB) Copy(src, dst []byte, n int, replace bool) bool {
	_, t, v, ok := d.get(src)
	if !ok {
		d.missed(src) // Redis reads src as a read
		return false
	}
	to := d.in(n)
	dsh, dt, _, exists := to.get(dst)
	if exists && !replace {
		return false
	}
	if exists { // deleted first, so dst is new, as in Redis
		to.del(dsh, dt, dst)
	}
	to.set(dsh, dt, dst, v.clone())
	if when, volatile := t.expiry(bytesString(src)); volatile {
		dt.expireAt(bytesString(dst), when)
	}
	args := []string{"COPY", bytesString(src), bytesString(dst), "DB", strconv.Itoa(n)}
	if replace {
		args = append(args, "REPLACE")
	}
	d.log(args...)
	to.notify(notifyGeneric, "copy_to", dst)
	return true
}

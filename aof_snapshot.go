// aof_snapshot.go holds the first part of a rewrite: copying the store,
// one shard at a time (or all at once), and writing the copy as records
// that rebuild it: SELECT before each database's keys, the records each
// value gives (value.go), and PEXPIREAT after a key with an expiry (keys
// already expired are left out).
package main

import (
	"slices"
	"strconv"
	"time"
)

// snapEntry is one key's value and expiry, copied under its shard's lock.
type snapEntry struct {
	db       int
	key      string
	v        Value // an object is a copy
	expireAt int64 // 0: none
}

// captureShard appends a copy of the keys of every database of the shard
// to dst, but those whose time has passed (Redis's rewrite leaves them
// out too: no command can see them again); the caller holds the shard's
// lock. Packed strings are immutable and shared; objects are copied (a
// raw string's bytes are shared, and copied by its next write).
func captureShard(sh *shard, dst []snapEntry) []snapEntry {
	now := time.Now().UnixMilli()
	for n := range sh.dbs {
		t := &sh.dbs[n]
		dst = slices.Grow(dst, t.len())
		t.each(func(k string, v Value) bool {
			e := snapEntry{db: n, key: k}
			if e.expireAt, _ = t.expiry(k); e.expireAt != 0 && e.expireAt < now {
				return true
			}
			e.v = v.clone()
			dst = append(dst, e)
			return true
		})
	}
	return dst
}

// snapshotShards copies and writes each shard in turn, noting its cut.
func (r *rewrite) snapshotShards() error {
	st := r.a.srv.store
	var ents []snapEntry
	for i := range st.shards {
		if r.a.rw.abort.Load() {
			return errRewriteAborted
		}
		sh := &st.shards[i]
		t0 := time.Now()
		sh.mu.Lock()
		clear(ents)
		ents = captureShard(sh, ents[:0])
		var libs []string
		if i == 0 {
			r.cut[i] = r.a.journal.endFresh()
			libs = r.a.srv.scripting.libraryCodes() // changing them holds every shard
		} else {
			r.cut[i] = r.a.journal.End()
		}
		sh.mu.Unlock()
		if err := r.writeLibraries(libs); err != nil {
			return err
		}
		r.stats.longestHold = max(r.stats.longestHold, time.Since(t0))
		if err := r.writeEntries(ents); err != nil {
			return err
		}
	}
	return nil
}

// snapshotWhole copies every shard under all their read locks (one cut
// for all), then writes the copy.
func (r *rewrite) snapshotWhole() error {
	st := r.a.srv.store
	t0 := time.Now()
	for i := range st.shards {
		st.shards[i].mu.Lock()
	}
	all := make([][]snapEntry, len(st.shards))
	for i := range st.shards {
		all[i] = captureShard(&st.shards[i], nil)
	}
	end := r.a.journal.endFresh()
	libs := r.a.srv.scripting.libraryCodes()
	for i := range st.shards {
		r.cut[i] = end
		st.shards[i].mu.Unlock()
	}
	if err := r.writeLibraries(libs); err != nil {
		return err
	}
	r.stats.longestHold = time.Since(t0)
	for i, ents := range all {
		if r.a.rw.abort.Load() {
			return errRewriteAborted
		}
		if err := r.writeEntries(ents); err != nil {
			return err
		}
		all[i] = nil
	}
	return nil
}

// writeEntries writes records that rebuild ents.
func (r *rewrite) writeEntries(ents []snapEntry) error {
	for _, e := range ents {
		var err error
		if e.db != r.db {
			r.db = e.db
			if err := r.writeRecord("SELECT", strconv.Itoa(e.db)); err != nil {
				return err
			}
		}
		err = e.v.rewrite(e.key, r.writeRecord)
		if err == nil && e.expireAt != 0 {
			err = r.writeRecord("PEXPIREAT", e.key, strconv.FormatInt(e.expireAt, 10))
		}
		if err != nil {
			return err
		}
		r.stats.keys++
	}
	return r.maybeSync()
}

// writeRecord writes one record to the new file.
func (r *rewrite) writeRecord(args ...string) error {
	r.buf = appendCommand(r.buf[:0], args...)
	_, err := r.w.Write(r.buf)
	return err
}

// maybeSync fsyncs the new file every incrementalFsync bytes, so the
// final fsync at the switch has little left to do.
func (r *rewrite) maybeSync() error {
	if r.size+int64(r.w.Buffered())-r.syncAt < incrementalFsync {
		return nil
	}
	return r.finishTemp()
}

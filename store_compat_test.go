// store_compat_test.go gives the store's unit tests a handle on database 0
// that runs each operation as dispatch would: every shard locked, and what
// the operation logged handed to a journal (when the test gave one).
package main

import "time"

// tstore is a store as the unit tests use it.
type tstore struct {
	*Store
	j *Journal // nil: writes are not logged
}

// newTestStore returns an empty store whose writes are logged to j.
func newTestStore(j *Journal) *tstore { return &tstore{Store: NewStore(DefaultDatabases), j: j} }

// tdb returns a test handle on s, logging nowhere.
func tdb(s *Store) *tstore { return &tstore{Store: s} }

// do runs fn on database 0 with every shard locked, then logs its records.
func (s *tstore) do(fn func(d *DB)) {
	unlock := s.lockAll()
	defer unlock()
	rec := logRec{first: -1, on: s.j != nil}
	d := DB{s: s.Store, rec: &rec, now: nowMillis()}
	fn(&d)
	if s.j != nil && len(rec.buf) > 0 {
		s.j.Append(&rec, false)
	}
}

func (s *tstore) Set(k, v []byte) { s.do(func(d *DB) { d.Set(k, v) }) }
func (s *tstore) SetList(k []byte, e [][]byte) {
	s.do(func(d *DB) { d.SetList(k, e) })
}
func (s *tstore) Lookup(k []byte) (v Value, ok bool) {
	s.do(func(d *DB) {
		v, ok = d.Lookup(k)
		v = v.clone()
	})
	return
}
func (s *tstore) GetString(k []byte) (v string, ok bool, err error) {
	s.do(func(d *DB) { v, ok, err = d.GetString(k) })
	return
}
func (s *tstore) IncrBy(k []byte, delta int64, create bool) (n int64, err error) {
	s.do(func(d *DB) { n, err = d.IncrBy(k, delta, create) })
	return
}
func (s *tstore) Flush() (n int) {
	s.do(func(d *DB) { n = d.Len(); d.FlushAll() })
	return
}
func (s *tstore) Del(keys ...[]byte) (n int) { s.do(func(d *DB) { n = d.Del(keys...) }); return }
func (s *tstore) Push(k []byte, e [][]byte, left, create bool) (n int, err error) {
	s.do(func(d *DB) { n, err = d.Push(k, e, left, create) })
	return
}
func (s *tstore) Pop(k []byte, left bool, count int64, dst []string) (out []string, found bool, err error) {
	s.do(func(d *DB) { out, found, err = d.Pop(k, left, count, dst) })
	return
}
func (s *tstore) ReadList(k []byte, fn func(l *List)) (found bool, err error) {
	s.do(func(d *DB) { found, err = d.ReadList(k, fn) })
	return
}
func (s *tstore) ListSet(k, i, v []byte) (err error) {
	s.do(func(d *DB) { err = d.ListSet(k, i, v) })
	return
}
func (s *tstore) ListRem(k []byte, count int64, v []byte) (n int, err error) {
	s.do(func(d *DB) { n, err = d.ListRem(k, count, v) })
	return
}
func (s *tstore) ListTrim(k []byte, start, stop int64) (err error) {
	s.do(func(d *DB) { err = d.ListTrim(k, start, stop) })
	return
}
func (s *tstore) ListInsert(k []byte, after bool, pivot, v []byte) (n int, err error) {
	s.do(func(d *DB) { n, err = d.ListInsert(k, after, pivot, v) })
	return
}
func (s *tstore) SetIf(k, v []byte, cond SetCond, get bool) (r SetResult, err error) {
	s.do(func(d *DB) { r, err = d.SetIf(k, v, cond, get, 0, false) })
	return
}
func (s *tstore) GetDel(k []byte) (v string, ok bool, err error) {
	s.do(func(d *DB) { v, ok, err = d.GetDel(k) })
	return
}
func (s *tstore) MGet(keys [][]byte) (vals []string, ok []bool) {
	s.do(func(d *DB) { vals, ok = d.MGet(keys) })
	return
}
func (s *tstore) MSet(kv [][]byte, nx bool) (ok bool) {
	s.do(func(d *DB) { ok = d.MSet(kv, nx) })
	return
}
func (s *tstore) Append(k, v []byte, maxLen int64) (n int, err error) {
	s.do(func(d *DB) { n, err = d.Append(k, v, maxLen) })
	return
}
func (s *tstore) Strlen(k []byte) (n int, err error) {
	s.do(func(d *DB) { n, err = d.Strlen(k) })
	return
}
func (s *tstore) SetRange(k []byte, off int64, v []byte, maxLen int64) (n int, err error) {
	s.do(func(d *DB) { n, err = d.SetRange(k, off, v, maxLen) })
	return
}
func (s *tstore) Exists(keys ...[]byte) (n int) { s.do(func(d *DB) { n = d.Exists(keys...) }); return }
func (s *tstore) Type(k []byte) (t string)      { s.do(func(d *DB) { t = d.Type(k) }); return }
func (s *tstore) Keys(p string) (keys []string) { s.do(func(d *DB) { keys = d.Keys(p) }); return }
func (s *tstore) Scan(cursor uint64, count int64, f keyFilter) (next uint64, keys []string) {
	s.do(func(d *DB) { next, keys = d.Scan(cursor, count, f) })
	return
}
func (s *tstore) Rename(src, dst []byte, nx bool) (moved bool, err error) {
	s.do(func(d *DB) { moved, err = d.Rename(src, dst, nx) })
	return
}
func (s *tstore) RandomKey() (k string, ok bool) { s.do(func(d *DB) { k, ok = d.RandomKey() }); return }
func (s *tstore) Len() (n int)                   { s.do(func(d *DB) { n = d.Len() }); return }

// nowMillis is the current time in Unix milliseconds.
func nowMillis() int64 { return time.Now().UnixMilli() }

// sdb returns a test handle on a server's store that logs to its journal,
// as its clients' writes are.
func sdb(srv *Server) *tstore {
	ts := &tstore{Store: srv.store}
	if a := srv.aof(); a != nil {
		ts.j = a.journal
	}
	return ts
}

// expire_cycle.go holds active expiry: keys nobody reads are still deleted
// when their time comes. As in Redis (expire.c), hz times a second the
// server samples keys that have an expiry, about 20 per database at a time,
// deletes the expired ones, and samples again while more than a quarter of
// a sample had expired, within a quarter of the cycle's time. Deletions
// are logged as DEL and signalled to WATCH like any write.
package main

import (
	"time"
)

const (
	expireSample    = 20      // keys looked at per database per step
	expireFreeAfter = 1 << 16 // deletions after which memory goes back to the OS
)

// startExpiry starts the active-expiry goroutine once; it stops when
// Shutdown begins, before the append-only file closes.
func (s *Server) startExpiry() {
	s.expiryOnce.Do(func() {
		s.connWG.Add(1)
		go func() {
			defer s.connWG.Done()
			s.expireLoop()
		}()
	})
}

// expiryClient returns the client whose writes are the deletions of
// expired keys.
func (s *Server) expiryClient() *client {
	c := newClient(s, nil, nil)
	c.authed, c.discard = true, true
	return c
}

// expireLoop runs expiry cycles until the server shuts down.
func (s *Server) expireLoop() {
	c := s.expiryClient()
	cursor, freed := 0, 0
	for {
		period := time.Second / time.Duration(s.hz())
		select {
		case <-s.done:
			return
		case <-time.After(period):
		}
		if s.conf.maxmemory.Load() != 0 {
			s.noteUsedMemory() // the figure maxmemory is compared with (memory_limit.go)
		}
		if s.store.expiryHeld.Load() { // clients are paused
			continue
		}
		var n int
		cursor, n = s.expireCycle(c, cursor, time.Now().Add(period/4))
		freed += n
		if freed >= expireFreeAfter && n == 0 { // a wave of expiries is over
			freed = 0
			go s.returnMemory()
		}
	}
}

// expireCycle visits shards from cursor until every shard was visited or
// the deadline passed, and returns where to resume and how many keys it
// deleted.
func (s *Server) expireCycle(c *client, cursor int, deadline time.Time) (int, int) {
	deleted := 0
	for range numShards {
		sh := &s.store.shards[cursor]
		cursor = (cursor + 1) % numShards
		sh.mu.Lock()
		c.db.begin(time.Now().UnixMilli(), 0)
		c.logTo()
		for n := range sh.dbs {
			if len(sh.dbs[n].ttl) > 0 {
				c.db.n = n
				deleted += c.db.expireShard(sh, &sh.dbs[n])
			}
		}
		c.commit(false)
		sh.mu.Unlock()
		if time.Now().After(deadline) {
			break
		}
	}
	return cursor, deleted
}

// expireShard deletes expired keys of one table of sh, whose lock the
// caller holds, sampling until few of a sample had expired.
func (d *DB) expireShard(sh *shard, t *table) int {
	deleted := 0
	for {
		looked, expired := 0, 0
		for k, when := range t.ttl {
			if looked++; looked > expireSample {
				break
			}
			if when <= d.now {
				d.expire(sh, t, k)
				expired++
			}
		}
		deleted += expired
		if expired <= expireSample/4 || len(t.ttl) == 0 {
			return deleted
		}
	}
}

// expire deletes key, whose time has come, from t in sh, logging a DEL and
// signalling the change. The caller holds sh's lock.
func (d *DB) expire(sh *shard, t *table, key string) {
	t.del(key) // key stays valid: the map's key string is not freed
	d.s.expired.Add(1)
	d.log("DEL", key)
	d.notify(notifyExpired, "expired", []byte(key))
	d.signal(sh, []byte(key))
}

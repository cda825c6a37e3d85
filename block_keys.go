// block_keys.go lets clients block on keys, as Redis's blocked.c does for
// BLPOP and the other blocking commands. A blocked client is a keyWaiter in
// the blocked map of each of its keys' shards, in the order clients came.
// A write to a key someone waits on (DB.signal) notes the key as ready in
// the writing client; once the command or transaction is done, before its
// locks are released, the writer serves the ready keys' waiters first come
// first served while the key holds something for them: it takes what the
// keyWaiter wanted (logging it in its own record, so the log replays), hands
// it over and wakes the keyWaiter (block.go), whose goroutine writes the
// reply. Serving a keyWaiter that needs a shard the writer does not hold
// (BLMOVE's destination) takes it if free, and otherwise waits until the
// writer's locks are released and takes the shards in order. A kind of
// value joins by giving its waiters a wants and a take function.
package main

import (
	"math"
	"math/big"
	"slices"
	"sync"
	"time"

	"nosql/internal/longdouble"
)

// waitList is the clients blocked on one key, first come first served.
type waitList struct {
	ws    []*keyWaiter
	ready bool // in a client's ready keys: it is being served
}

// keyWaiter is one blocked client and how to serve it.
type keyWaiter struct {
	c  *client
	at int64 // when the blocking request arrived (arrival.go): the queue's order
	// mu is held by the waker from the wake-up until the journal holds
	// what it logged for the keyWaiter; the keyWaiter's reply takes it, so it
	// sees what take kept and is written after the log has the change
	mu   sync.Mutex
	db   int
	keys []string // the keys waited on, each once
	// wants reports whether key holds something for the keyWaiter; take
	// takes it, logs what it did and keeps what the reply needs. Both run
	// with the key's shard (and extra's) locked.
	wants func(d *DB, key []byte) bool
	take  func(d *DB, key []byte)
	extra []byte // another key take changes (BLMOVE's destination); nil: none
	// gone makes wants be asked even when the key is missing (a blocked
	// XREADGROUP is told its stream went)
	gone bool
}

// serving is what a client has to serve once its command is done.
type serving struct {
	ready    []watchKey   // keys made ready, in order
	later    []watchKey   // keys to serve once the command's locks are released
	laterSet shardSet     // ... and the shards they need
	woken    []*keyWaiter // waiters woken, released once the log has their change
}

// blockOn makes c wait on keys of its database until a write serves w
// (reply then answers from what w.take kept), the timeout passes (0:
// never) or CLIENT UNBLOCK ends the wait (onTimeout answers), or the
// client leaves. Dispatch holds the keys' shards.
func (c *client) blockOn(keys [][]byte, timeout time.Duration, w *keyWaiter, reply, onTimeout func()) {
	w.c, w.db, w.at = c, c.db.n, c.arrived
	c.block(timeout, func() {
		w.mu.Lock()
		reply()
		w.mu.Unlock()
	}, onTimeout, func() { c.srv.forgetWaiter(w) })
	st := c.srv.store
	for _, k := range keys {
		sh := &st.shards[st.shardIndex(k)]
		wk := watchKey{w.db, string(k)}
		if sh.blocked == nil {
			sh.blocked = make(map[watchKey]*waitList)
		}
		kw := sh.blocked[wk]
		if kw == nil {
			kw = &waitList{}
			sh.blocked[wk] = kw
		}
		if slices.Contains(w.keys, wk.key) {
			continue // a key named twice
		}
		kw.add(w)
		w.keys = append(w.keys, wk.key)
	}
	c.srv.blockedClients.Add(1)
}

// add queues w in the order the blocking requests arrived: connections
// run on goroutines of their own, so a request that arrived earlier may
// reach here later than one that arrived after it.
func (kw *waitList) add(w *keyWaiter) {
	i := len(kw.ws)
	for i > 0 && w.at < kw.ws[i-1].at {
		i--
	}
	kw.ws = slices.Insert(kw.ws, i, w)
}

// mayBlock reports whether a blocking command may block: not inside a
// transaction nor in the log's replay, where it answers as if timed out.
func (c *client) mayBlock() bool { return !c.execing && !c.rec.loading }

// forgetWaiter removes w from its keys once its wait has ended, whichever
// way; it runs on w's own goroutine, holding no lock.
func (s *Server) forgetWaiter(w *keyWaiter) {
	st := s.store
	var set shardSet
	for _, k := range w.keys {
		set.add(st.shardIndex([]byte(k)))
	}
	st.lock(&set)
	for _, k := range w.keys {
		sh := &st.shards[st.shardIndex([]byte(k))]
		wk := watchKey{w.db, k}
		kw := sh.blocked[wk]
		if kw == nil {
			continue
		}
		kw.ws = slices.DeleteFunc(kw.ws, func(o *keyWaiter) bool { return o == w })
		if len(kw.ws) == 0 {
			delete(sh.blocked, wk)
		}
		if len(sh.blocked) == 0 {
			sh.blocked = nil
		}
	}
	st.unlock(&set)
	s.blockedClients.Add(-1)
}

// noteReady notes key as ready if clients wait on it; signal calls it.
func (d *DB) noteReady(sh *shard, key []byte) {
	kw := sh.blocked[watchKey{d.n, bytesString(key)}]
	if kw == nil || kw.ready || d.ready == nil {
		return
	}
	kw.ready = true
	*d.ready = append(*d.ready, watchKey{d.n, string(key)})
}

// noteReadyIn notes as ready every key of databases a and b in sh that
// clients wait on (SWAPDB: their values changed without a write).
func (d *DB) noteReadyIn(sh *shard, a, b int) {
	for wk, kw := range sh.blocked {
		if (wk.db == a || wk.db == b) && !kw.ready && d.ready != nil {
			kw.ready = true
			*d.ready = append(*d.ready, wk)
		}
	}
}

// serveReady serves the clients waiting on the keys made ready, in the
// order they were readied; serving makes more keys ready (BLMOVE pushes)
// and those are served in turn. held is the set of shards the caller has
// locked; shards taken here join it, for the caller to unlock. The caller
// then commits the log and calls releaseWoken.
func (c *client) serveReady(held *shardSet) {
	s := &c.serving
	for i := 0; i < len(s.ready); i++ {
		c.serveKey(s.ready[i], held)
	}
	clear(s.ready)
	s.ready = s.ready[:0]
}

// serveKey serves wk's waiters, first come first served, while the key
// holds something for them.
func (c *client) serveKey(wk watchKey, held *shardSet) {
	st := c.srv.store
	key := []byte(wk.key)
	i := st.shardIndex(key)
	if !held.has(i) {
		c.serveLater(wk, i, i)
		return
	}
	kw := st.shards[i].blocked[wk]
	if kw == nil {
		return
	}
	d := c.db.in(wk.db)
	for _, w := range kw.ws {
		if _, _, _, ok := d.get(key); !ok && !w.gone {
			continue
		}
		if !w.wants(d, key) {
			continue
		}
		if w.extra != nil {
			j := st.shardIndex(w.extra)
			if !held.has(j) && !st.shards[j].mu.TryLock() {
				c.serveLater(wk, i, j) // kw stays ready: nobody else serves it
				return
			}
			held.add(j)
		}
		if !w.mu.TryLock() {
			continue // being woken by another writer
		}
		if !w.c.wake() { // its wait ended meanwhile
			w.mu.Unlock()
			continue
		}
		w.take(d, key)
		c.serving.woken = append(c.serving.woken, w)
	}
	kw.ready = false
}

// serveLater puts off serving wk until the command's locks are released;
// it will need shards i and j.
func (c *client) serveLater(wk watchKey, i, j int) {
	s := &c.serving
	s.later = append(s.later, wk)
	s.laterSet.add(i)
	s.laterSet.add(j)
}

// serveDeferred serves the keys put off, once the command's locks are
// released, taking their shards in order (the connection calls it after
// each request that put some off).
func (c *client) serveDeferred() {
	s, st := &c.serving, c.srv.store
	for len(s.later) > 0 {
		set := s.laterSet
		s.laterSet = shardSet{}
		s.ready = append(s.ready, s.later...)
		clear(s.later)
		s.later = s.later[:0]
		st.lock(&set)
		c.db.begin(0, 0)
		c.serveReady(&set)
		c.commit(false)
		st.unlock(&set)
		c.releaseWoken()
	}
}

// releaseWoken lets the waiters woken write their replies: the journal
// now holds what was taken for them.
func (c *client) releaseWoken() {
	s := &c.serving
	for _, w := range s.woken {
		w.mu.Unlock()
	}
	clear(s.woken)
	s.woken = s.woken[:0]
}

// has reports whether shard i is in the set.
func (set *shardSet) has(i int) bool { return set[i/64]&(1<<(i%64)) != 0 }

// Errors of a blocking command's timeout, as Redis words them.
const (
	errTimeoutFloat    = "ERR timeout is not a float or out of range"
	errTimeoutNegative = "ERR timeout is negative"
)

// parseTimeout parses a blocking command's timeout in seconds as Redis
// 7.0 does: a long double, times 1000 rounded up to whole milliseconds (so
// 0.0001 waits 1 ms, and -0.0001 is 0: no timeout), refused when negative
// or past a long long. A wait too long for a time.Duration has no timeout
// (Redis's deadline overflows into one never reached).
func parseTimeout(arg []byte) (time.Duration, string) {
	x, ok := longdouble.Parse(string(arg))
	if !ok {
		return 0, errTimeoutFloat
	}
	if x.IsInf() {
		return 0, errTimeoutNegative // the x87 conversion gives LLONG_MIN
	}
	msf := new(big.Float).SetPrec(longdouble.Prec).Mul(x, big.NewFloat(1000))
	ms, acc := msf.Int(nil)
	if acc == big.Below {
		ms.Add(ms, big.NewInt(1)) // ceil
	}
	if !ms.IsInt64() || ms.Sign() < 0 {
		return 0, errTimeoutNegative
	}
	n := ms.Int64()
	if n > math.MaxInt64/int64(time.Millisecond) {
		return 0, ""
	}
	return time.Duration(n) * time.Millisecond, ""
}

// blockTimeout parses a timeout argument, writing the error if it is not
// one.
func (c *client) blockTimeout(arg []byte) (time.Duration, bool) {
	d, msg := parseTimeout(arg)
	if msg != "" {
		c.writeError(msg)
		return 0, false
	}
	return d, true
}

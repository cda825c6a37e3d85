// store.go holds the protocol-neutral keyspace: 16 (by default) databases
// spread over a fixed number of shards, each shard one mutex over its part
// of every database. The store's operations take no locks: dispatch locks
// the shards of a command's keys (found from the command table's key
// spec) before the command runs and unlocks them after, so one command,
// or one MULTI/EXEC transaction, is atomic with respect to every other.
package main

import (
	"errors"
	"hash/maphash"
	"math/bits"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"nosql/internal/longdouble"
)

// Errors a store operation can return; each protocol turns them into its own
// wording.
var (
	ErrNoKey      = errors.New("no such key")
	ErrWrongType  = errors.New("wrong type")
	ErrNotInteger = errors.New("not an integer")
	ErrOverflow   = errors.New("increment or decrement would overflow")
	ErrNotFloat   = longdouble.ErrNotFloat
	ErrFloatRange = longdouble.ErrRange
)

// numShards is the number of independently locked parts of the keyspace.
// SCAN walks them in order, so a cursor is a shard number.
const numShards = 256

// DefaultDatabases is the number of databases, as in Redis.
const DefaultDatabases = 16

// shard is one lock over the keys of every database that hash to it, and
// the clients WATCHing any of them.
type shard struct {
	mu    sync.Mutex
	dbs   []table
	watch map[watchKey][]*watched // nil when nobody watches
	// the clients blocked on its keys (block_keys.go); nil when none
	blocked map[watchKey]*waitList
	// streams removed a moment ago, for the blocking reads that arrived
	// before the removal (block_stream.go); nil when none
	gone map[watchKey]goneStream
}

// watchKey names a key of one database.
type watchKey struct {
	db  int
	key string
}

// Store is the keyspace. The zero value is not usable; call NewStore.
type Store struct {
	seed    maphash.Seed // picks a key's shard
	shards  [numShards]shard
	expired atomic.Int64 // keys deleted because their time came
	// expiryHeld is set while clients are paused (pause.go): no key is
	// deleted for its time, a read-only command sees it gone, as in Redis
	expiryHeld atomic.Bool
	// hadStream is set once a stream is stored: until then no write needs
	// to look for a stream it removes (block_stream.go)
	hadStream atomic.Bool
	// enc holds the encoding thresholds CONFIG sets (config_state.go);
	// nil: Redis's defaults
	enc *atomic.Pointer[encodingLimits]
	// notify holds notify-keyspace-events' flags (config_state.go); nil:
	// no keyspace events
	notify *atomic.Int64
}

// NewStore returns an empty store of n databases.
func NewStore(n int) *Store {
	s := &Store{seed: maphash.MakeSeed()}
	tseed := maphash.MakeSeed() // a different seed, or a shard's keys would collide in its table
	for i := range s.shards {
		s.shards[i].dbs = make([]table, n)
		for d := range s.shards[i].dbs {
			s.shards[i].dbs[d] = newTable(tseed)
		}
	}
	return s
}

// databases returns the number of databases.
func (s *Store) databases() int { return len(s.shards[0].dbs) }

func (s *Store) shardIndex(key []byte) int {
	return int(maphash.Bytes(s.seed, key) % numShards)
}

// shardSet is a set of shard numbers. Commands lock their shards together
// in increasing order, so two of them never deadlock.
type shardSet [numShards / 64]uint64

// add puts shard i in the set.
func (set *shardSet) add(i int) { set[i/64] |= 1 << (i % 64) }

// addAll puts every shard in the set.
func (set *shardSet) addAll() {
	for i := range set {
		set[i] = ^uint64(0)
	}
}

// lock locks every shard in set, in increasing order.
func (s *Store) lock(set *shardSet) {
	for w, bitsLeft := range set {
		for ; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
			s.shards[w*64+bits.TrailingZeros64(bitsLeft)].mu.Lock()
		}
	}
}

// unlock unlocks what lock locked.
func (s *Store) unlock(set *shardSet) {
	for w, bitsLeft := range set {
		for ; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
			s.shards[w*64+bits.TrailingZeros64(bitsLeft)].mu.Unlock()
		}
	}
}

// lockAll locks every shard and returns the function that unlocks them.
func (s *Store) lockAll() func() {
	var set shardSet
	set.addAll()
	s.lock(&set)
	return func() { s.unlock(&set) }
}

// DB is a command's view of one database. The caller (dispatch) holds the
// locks of the shards of every key passed to its methods.
type DB struct {
	s   *Store
	n   int     // the database's number
	now int64   // the command's time, in Unix milliseconds (0: not read yet)
	rec *logRec // where writes record themselves for the log
	// reads counts the lookups of a read-only command (nil for others):
	// INFO's keyspace_hits and keyspace_misses
	reads *readStats
	// ready collects the keys clients wait on that the command wrote
	// (block_keys.go); nil: nobody serves them (active expiry)
	ready *[]watchKey
	// arrived is when the running request arrived (arrival.go); nil: now
	arrived *int64
	// events collects the command's keyspace events (notify.go); nil: none
	events *[]keyEvent
	// lru is the command's LRU clock with lruKnown set (lruKeep for a
	// lookup that leaves access times alone: peek), 0 until known
	lru uint32
}

// lruKnown marks DB.lru as holding a clock.
const lruKnown = 1 << 31

// readStats counts a client's key lookups that found their key or not,
// added to the server's counters once per batch of requests.
type readStats struct{ hits, misses int64 }

// time returns the command's time in Unix milliseconds, read from the
// clock the first time a command needs it; every later call in the same
// command (or transaction) gives the same time.
func (d *DB) time() int64 {
	if d.now == 0 {
		d.now = time.Now().UnixMilli()
	}
	return d.now
}

// begin starts a command on d at time now (Unix milliseconds; 0: read
// when first needed), with LRU clock lru (marked lruKnown; 0: taken from
// its time).
func (d *DB) begin(now int64, lru uint32) { d.now, d.lru = now, lru }

// clock returns the LRU clock keys the command reads or writes are given:
// the time its request batch was read (set by call), else the command's
// time; lruKeep inside a peek.
func (d *DB) clock() uint32 {
	if d.lru == 0 {
		d.lru = lruKnown | lruClock(d.time()/1000)
	}
	return d.lru &^ lruKnown
}

// peek returns d's view for a lookup that does not count as an access to
// its key (TYPE, TTL, EXISTS, OBJECT), as Redis's LOOKUP_NOTOUCH. The view
// is a copy: a time it reads is not d's.
func (d *DB) peek() *DB {
	o := *d
	o.lru = lruKnown | lruKeep
	return &o
}

// table returns the table of key's shard in d's database.
func (d *DB) table(key []byte) (*shard, *table) {
	sh := &d.s.shards[d.s.shardIndex(key)]
	return sh, &sh.dbs[d.n]
}

// get returns key's value, deleting it first if it has expired.
func (d *DB) get(key []byte) (*shard, *table, Value, bool) {
	sh, t, v, packed, ok := d.getPacked(key)
	if packed != "" {
		v.obj = unpack(packed)
	}
	return sh, t, v, ok
}

// getPacked is get for a caller that unpacks a packed value itself, as
// table's getPacked.
func (d *DB) getPacked(key []byte) (*shard, *table, Value, string, bool) {
	sh, t := d.table(key)
	v, packed, ok := t.getPacked(bytesString(key), d.clock())
	if ok && len(t.ttl) > 0 && d.expiredIn(sh, t, key) {
		ok = false
	}
	if d.reads != nil {
		if ok {
			d.reads.hits++
		} else {
			d.reads.misses++
			d.notify(notifyKeyMiss, "keymiss", key)
		}
	}
	if !ok {
		packed = ""
	}
	return sh, t, v, packed, ok
}

// replacing returns the shard and table of key, whose value a write is
// about to replace, having deleted key if its time had come (so that it
// is noted as expired, then new, as in Redis).
func (d *DB) replacing(key []byte) (*shard, *table) {
	sh, t := d.table(key)
	if len(t.ttl) > 0 {
		d.expiredIn(sh, t, key)
	}
	return sh, t
}

// expiredIn deletes key from t if its time has come, logging a DEL and
// signalling the change, and reports whether it did. While clients are
// paused a read-only command is told the key is gone, and it stays.
func (d *DB) expiredIn(sh *shard, t *table, key []byte) bool {
	when, ok := t.ttl[bytesString(key)]
	if !ok || when > d.time() || d.rec.loading {
		return false
	}
	if d.reads != nil && d.s.expiryHeld.Load() {
		return true
	}
	d.expire(sh, t, bytesString(key))
	return true
}

// put stores v under key, replacing its value but not its expiry.
func (d *DB) put(sh *shard, t *table, key []byte, v Value) {
	d.noteGone(t, sh, key)
	d.add(t, key, v)
	d.signal(sh, key)
}

// set stores v under key and clears any expiry, as SET does.
func (d *DB) set(sh *shard, t *table, key []byte, v Value) {
	d.noteGone(t, sh, key)
	d.add(t, key, v)
	t.persist(bytesString(key))
	d.signal(sh, key)
}

// add stores v under key in t, noting the "new" event when key is new.
func (d *DB) add(t *table, key []byte, v Value) {
	if t.put(bytesString(key), v, d.clock()) {
		d.created(key)
	}
}

// del deletes key (with its expiry) and reports whether it was there.
func (d *DB) del(sh *shard, t *table, key []byte) bool {
	d.noteGone(t, sh, key)
	if !t.del(bytesString(key)) {
		return false
	}
	d.signal(sh, key)
	return true
}

// log records a write's effect for the append-only file.
func (d *DB) log(args ...string) { d.rec.add(d.n, args) }

// Lookup returns key's value.
func (d *DB) Lookup(key []byte) (Value, bool) {
	_, _, v, ok := d.get(key)
	return v, ok
}

// GetString returns key's string value as a string that never changes (a
// reply may keep it); ErrWrongType for another kind.
func (d *DB) GetString(key []byte) (string, bool, error) {
	v, ok, err := d.readString(key)
	if err != nil || !ok {
		return "", ok, err
	}
	return v.keep(), true, nil
}

// readString returns key's string Value, to be read with Str while the
// command runs; ErrWrongType for another kind.
func (d *DB) readString(key []byte) (Value, bool, error) {
	_, _, v, ok := d.get(key)
	if ok && !v.isString() {
		return Value{}, false, ErrWrongType
	}
	return v, ok, nil
}

// Set stores a string value, replacing whatever key held, and its expiry.
func (d *DB) Set(key, val []byte) {
	sh, t := d.replacing(key)
	d.set(sh, t, key, Value{str: bytesString(val)})
	d.log("SET", bytesString(key), bytesString(val))
	d.notify(notifyString, "set", key)
}

// SetList stores a list (possibly empty), replacing whatever key held.
// It notifies as the DEL and RPUSH it is logged as.
func (d *DB) SetList(key []byte, elems [][]byte) {
	l := NewList(elems)
	sh, t, _, ok := d.get(key)
	if ok {
		d.del(sh, t, key)
		d.deleted(key)
	}
	d.set(sh, t, key, Value{obj: l})
	d.logList(bytesString(key), l)
	if l.Len() > 0 {
		d.notify(notifyList, "rpush", key)
	}
}

// logList records that key now holds exactly list l. Redis has no empty
// lists, so an empty one is written with nosql's own PUTLIST command.
func (d *DB) logList(k string, l *List) {
	if !d.logging() {
		return
	}
	d.log("DEL", k)
	if l.Len() == 0 {
		d.log("PUTLIST", k)
		return
	}
	args := make([]string, 0, l.Len()+2)
	args = append(args, "RPUSH", k)
	d.log(l.AppendTo(args)...)
}

// Del deletes keys and returns how many existed; a key named twice counts
// once.
func (d *DB) Del(keys ...[]byte) int {
	n := 0
	for _, key := range keys {
		sh, t, _, ok := d.get(key)
		if ok && d.del(sh, t, key) {
			d.log("DEL", bytesString(key))
			d.deleted(key)
			n++
		}
	}
	return n
}

// IncrBy adds delta to key's integer value and returns the result. A
// missing key counts as 0 when create is set and is ErrNoKey otherwise.
// The key keeps its expiry.
func (d *DB) IncrBy(key []byte, delta int64, create bool) (int64, error) {
	sh, t, v, ok := d.get(key)
	var n int64
	switch {
	case !ok && !create:
		return 0, ErrNoKey
	case !ok:
	case !v.isString():
		return 0, ErrWrongType
	default:
		var good bool
		if n, good = parseCanonicalInt(v.Str()); !good {
			return 0, ErrNotInteger
		}
	}
	if (delta > 0 && n > maxInt64-delta) || (delta < 0 && n < minInt64-delta) {
		return 0, ErrOverflow
	}
	n += delta
	var buf [20]byte
	str := bytesString(strconv.AppendInt(buf[:0], n, 10))
	d.put(sh, t, key, Value{str: str})
	d.log("SET", bytesString(key), str, "KEEPTTL")
	d.notify(notifyString, "incrby", key)
	return n, nil
}

// dbStat is what INFO keyspace says of one database.
type dbStat struct {
	keys, expires int
	ttlSum        int64 // remaining milliseconds of the keys with an expiry
}

// stats counts each database's keys, shard by shard (each under its lock).
func (s *Store) stats(now int64) []dbStat {
	out := make([]dbStat, s.databases())
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		for n := range sh.dbs {
			t := &sh.dbs[n]
			out[n].keys += t.len()
			out[n].expires += len(t.ttl)
			for _, when := range t.ttl {
				out[n].ttlSum += max(when-now, 0)
			}
		}
		sh.mu.Unlock()
	}
	return out
}

// Len returns the number of keys in all databases.
func (s *Store) Len() int {
	n := 0
	for _, st := range s.stats(0) {
		n += st.keys
	}
	return n
}

// encodings returns the thresholds at which a small collection leaves its
// compact encoding (hash-max-listpack-entries and the others).
func (d *DB) encodings() *encodingLimits {
	if d.s.enc == nil {
		return &defaultEncodings
	}
	return d.s.enc.Load()
}

// objectIn returns key's value as an object of kind T with its shard and
// table: the zero T (and no error) for a missing key, ErrWrongType for a
// value of another kind.
func objectIn[T object](d *DB, key []byte) (*shard, *table, T, error) {
	sh, t, v, ok := d.get(key)
	var zero T
	if !ok {
		return sh, t, zero, nil
	}
	o, isT := v.obj.(T)
	if !isT {
		return sh, t, zero, ErrWrongType
	}
	return sh, t, o, nil
}

// changed finishes a write to key's collection, now n elements long,
// that made event (of class): the event is noted, then an empty
// collection is deleted (Redis keeps none), logged as DEL and noted as
// "del"; otherwise the change is signalled. It reports whether key was
// deleted.
func (d *DB) changed(sh *shard, t *table, key []byte, n int, class int, event string) bool {
	d.notify(class, event, key)
	if n > 0 {
		d.signal(sh, key)
		return false
	}
	d.del(sh, t, key)
	d.log("DEL", bytesString(key))
	d.deleted(key)
	return true
}

// logging reports whether the command's writes are logged. When they are
// not, the caller skips building its record, and the write is counted
// here instead (INFO's rdb_changes_since_last_save), as d.log would.
func (d *DB) logging() bool {
	if !d.rec.on {
		d.rec.n++
	}
	return d.rec.on
}

// block_stream.go lets XREAD and XREADGROUP with BLOCK wait for entries,
// on the blocking mechanism for keys (block_keys.go): a reader waits on
// its streams, first come first served, until a write (XADD, or RENAME
// onto the key...) gives one of them an entry past the reader's ID ("$"
// being the last ID when it blocked, a group's last delivered ID for
// ">"); the writer then serves it under its own locks, doing the group's
// bookkeeping and logging it in its own record. A blocked XREADGROUP is
// told when its stream or group goes, as Redis tells it. Inside MULTI and
// in the log's replay BLOCK answers as a timeout at once. A blocking read
// that arrived before a write removing its stream, but ran after it, sees
// the stream as it was when the read arrived (goneStream).
package main

import (
	"bytes"
	"strings"
	"time"
)

// xreadDefaultCount is the COUNT of a served blocked read given none.
const xreadDefaultCount = 1000

// Errors a blocked XREADGROUP is answered when its stream or group goes.
const (
	errStreamGone = "UNBLOCKED the stream key no longer exists"
	errGroupGone  = "NOGROUP the consumer group this client was blocked on no longer exists"
)

// mayBlockStream reports whether XREAD/XREADGROUP BLOCK may wait.
func (c *client) mayBlockStream() bool { return c.mayBlock() }

// blockXRead makes the client wait for entries on r's streams.
func (c *client) blockXRead(r *xreadReq) {
	req := &xreadReq{group: bytes.Clone(r.group), consumer: bytes.Clone(r.consumer), noack: r.noack, count: r.count}
	if req.count == 0 {
		req.count = xreadDefaultCount
	}
	after := make(map[string]streamID, len(r.keys)) // the first ID given for a key counts
	keys := make([][]byte, len(r.keys))
	for i, k := range r.keys {
		keys[i] = bytes.Clone(k)
		if _, ok := after[string(k)]; !ok {
			after[string(k)] = r.ids[i]
		}
	}
	var out xreadOut
	var errMsg string
	w := &keyWaiter{gone: req.group != nil}
	w.wants = func(d *DB, key []byte) bool {
		_, _, s, err := d.streamIn(key)
		switch {
		case err != nil || s == nil:
			return req.group != nil
		case req.group == nil:
			return s.lastID.Cmp(after[string(key)]) > 0
		}
		g := s.group(req.group)
		return g == nil || s.lastID.Cmp(g.lastID) > 0
	}
	w.take = func(d *DB, key []byte) {
		_, _, s, err := d.streamIn(key)
		switch {
		case err != nil || s == nil:
			errMsg = errStreamGone
		case req.group != nil && s.group(req.group) == nil:
			errMsg = errGroupGone
		default:
			es, _ := d.serveStream(key, req, after[string(key)], req.count, true, true)
			out = xreadOut{key: bytes.Clone(key), entries: es}
		}
	}
	reply := func() {
		if errMsg != "" {
			c.writeError(errMsg)
			c.srv.stats.cmds[c.srv.command([]byte("xreadgroup")).id].failed.Add(1)
			return
		}
		c.writeXRead([]xreadOut{out})
	}
	c.blockOn(keys, time.Duration(r.timeout)*time.Millisecond, w, reply, c.writeNullArray)
}

// streamGroupGone notes key as ready, so that the readers blocked on a
// group just destroyed are told.
func (c *client) streamGroupGone(key []byte) {
	if sh, _ := c.db.table(key); sh.blocked != nil {
		c.db.noteReady(sh, key)
	}
}

// goneStream is a stream a request removed (deleted, overwrote, flushed),
// kept a moment for the blocking reads that arrived before that request
// but ran after it: connections run on goroutines of their own, so a read
// sent before a DEL may run after it; it then sees the stream as it was
// when it arrived, as Redis's one thread would have run it.
type goneStream struct {
	at     int64 // when the removing request arrived, Unix ns
	lastID streamID
	groups []string
}

// goneStreamsKept bounds the streams a shard remembers (the oldest go
// first, all at once: they matter for microseconds).
const goneStreamsKept = 64

// noteGone remembers key's stream, if it holds one, before a write
// removes or replaces it.
func (d *DB) noteGone(t *table, sh *shard, key []byte) {
	if !t.hasObjects() || !d.s.hadStream.Load() {
		return
	}
	if v, _ := t.get(bytesString(key), lruKeep); v.obj != nil {
		if s, ok := v.obj.(*Stream); ok {
			d.keepGone(sh, d.n, string(key), s)
		}
	}
}

// noteGoneAll remembers the streams of database n in sh before a flush.
func (d *DB) noteGoneAll(sh *shard, n int) {
	if !d.s.hadStream.Load() {
		return
	}
	if !sh.dbs[n].hasObjects() {
		return
	}
	sh.dbs[n].each(func(k string, v Value) bool {
		if s, ok := v.obj.(*Stream); ok {
			d.keepGone(sh, n, strings.Clone(k), s)
		}
		return true
	})
}

// keepGone records stream s of key in database n as removed now.
func (d *DB) keepGone(sh *shard, n int, key string, s *Stream) {
	if d.rec.loading {
		return
	}
	at := time.Now().UnixNano()
	if d.arrived != nil && *d.arrived != 0 {
		at = *d.arrived
	}
	if sh.gone == nil || len(sh.gone) >= goneStreamsKept {
		sh.gone = make(map[watchKey]goneStream)
	}
	g := goneStream{at: at, lastID: s.lastID, groups: make([]string, len(s.groups))}
	for i, grp := range s.groups {
		g.groups[i] = grp.name
	}
	sh.gone[watchKey{n, key}] = g
}

// goneSinceArrival returns key's stream as it was when the running request
// arrived, if a request that arrived after it has removed the stream.
func (c *client) goneSinceArrival(key []byte) (goneStream, bool) {
	sh, _ := c.db.table(key)
	g, ok := sh.gone[watchKey{c.db.n, bytesString(key)}]
	return g, ok && c.arrived != 0 && g.at > c.arrived
}

// store_stream.go holds the database side of streams: finding a key's
// stream, creating one, and the log records stream writes leave, chosen
// so that a replay rebuilds exactly the same stream, groups and pending
// entries (XADD with the ID it assigned, trimming as an exact XTRIM, and a
// delivery to a group as Redis propagates it: XCLAIM ... FORCE JUSTID
// LASTID, XGROUP SETID, XGROUP CREATECONSUMER).
package main

import "errors"

// Errors of the stream commands, with Redis's wording.
var (
	errXAddZero    = errors.New("ERR The ID specified in XADD must be greater than 0-0")
	errXAddSmall   = errors.New("ERR The ID specified in XADD is equal or smaller than the target stream top item")
	errXAddExhaust = errors.New("ERR The stream has exhausted the last possible ID, unable to add more items")
)

// streamIn returns key's stream with its shard and table: nil for a
// missing key, ErrWrongType for another kind.
func (d *DB) streamIn(key []byte) (*shard, *table, *Stream, error) {
	return objectIn[*Stream](d, key)
}

// newStream stores an empty stream under key.
func (d *DB) newStream(t *table, key []byte) *Stream {
	s := &Stream{}
	d.s.hadStream.Store(true)
	d.add(t, key, Value{obj: s})
	return s
}

// existingStream returns key's stream, or answers the wrong-type or
// no-such-key error (ok false).
func (c *client) existingStream(key []byte) (*Stream, bool) {
	_, _, s, err := c.db.streamIn(key)
	switch {
	case err != nil:
		c.writeStreamError(err)
		return nil, false
	case s == nil:
		c.writeError(errNoKey)
		return nil, false
	}
	return s, true
}

// writeStreamError answers a stream command's error.
func (c *client) writeStreamError(err error) {
	if err == ErrWrongType {
		c.writeStoreError(err)
		return
	}
	c.writeError(err.Error())
}

// logXAdd logs the entry just added with its ID.
func (d *DB) logXAdd(key []byte, id streamID, pairs [][]byte) {
	if !d.logging() {
		return
	}
	rec := make([]string, 0, len(pairs)+3)
	rec = append(rec, "XADD", string(key), id.String())
	for _, p := range pairs {
		rec = append(rec, string(p))
	}
	d.log(rec...)
}

// logTrim logs a trim that left s with its length: as the trim only
// removes from the head, MAXLEN = length replays it exactly.
func (d *DB) logTrim(key []byte, s *Stream) {
	d.log("XTRIM", string(key), "MAXLEN", "=", formatInt(s.length))
}

// logArgs logs a command as given.
func (d *DB) logArgs(args [][]byte) {
	if !d.logging() {
		return
	}
	rec := make([]string, len(args))
	for i, a := range args {
		rec[i] = string(a)
	}
	d.log(rec...)
}

// logClaim logs that entry id is pending in g for n's consumer, as Redis's
// streamPropagateXCLAIM does: XCLAIM key group consumer 0 id TIME t
// RETRYCOUNT count FORCE JUSTID LASTID last.
func (d *DB) logClaim(key []byte, g *streamGroup, id streamID, n *streamNACK) {
	d.log("XCLAIM", string(key), g.name, n.consumer.name, "0", id.String(), "TIME", formatInt(n.time),
		"RETRYCOUNT", formatInt(n.count), "FORCE", "JUSTID", "LASTID", g.lastID.String())
}

// logGroupID logs a group's last delivered ID and read counter.
func (d *DB) logGroupID(key []byte, g *streamGroup) {
	d.log("XGROUP", "SETID", string(key), g.name, g.lastID.String(), "ENTRIESREAD", formatInt(g.entriesRead))
}

// streamConsumer returns g's consumer named name, created (and noted as
// Redis notes it) if needed, as XCLAIM and XAUTOCLAIM find it.
func (c *client) streamConsumer(key []byte, g *streamGroup, name []byte, now int64) *streamConsumer {
	cons, created := g.consumerFor(name, now)
	if created {
		c.db.notify(notifyStream, "xgroup-createconsumer", key)
	}
	return cons
}

// logConsumer logs a consumer's creation.
func (d *DB) logConsumer(key []byte, g *streamGroup, name string) {
	d.log("XGROUP", "CREATECONSUMER", string(key), g.name, name)
}

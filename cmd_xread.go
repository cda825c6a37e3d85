// cmd_xread.go holds XREAD and XREADGROUP: argument parsing in Redis's
// order, serving each stream at once when it has entries for the reader,
// and otherwise (with BLOCK) waiting for an XADD (block_stream.go). A
// delivery to a group moves its last delivered ID and adds pending
// entries, logged as Redis propagates them (store_stream.go).
package main

import (
	"errors"
	"slices"
	"strings"

	"nosql/internal/streamid"
)

// xreadReq is what XREAD or XREADGROUP asked.
type xreadReq struct {
	group, consumer []byte // nil for XREAD
	noack           bool
	count           int64
	timeout         int64 // milliseconds; -1: no BLOCK
	keys            [][]byte
	idArgs          [][]byte
	ids             []streamID // streamid.Max() stands for ">"
}

// xreadStreamsAt returns the index of the first key of an XREAD or
// XREADGROUP (0 if STREAMS is missing), skipping options as the parser
// does, so that the keys dispatch locks are the ones the command reads.
func xreadStreamsAt(args [][]byte) int {
	for i := 1; i < len(args); i++ {
		more := len(args) - i - 1
		switch o := string(args[i]); {
		case (strings.EqualFold(o, "block") || strings.EqualFold(o, "count")) && more > 0:
			i++
		case strings.EqualFold(o, "streams") && more > 0:
			return i + 1
		case strings.EqualFold(o, "group") && more >= 2:
			i += 2
		case strings.EqualFold(o, "noack"):
		default:
			return 0
		}
	}
	return 0
}

// xreadKeys is the key spec of XREAD and XREADGROUP: the first half of
// the arguments after STREAMS.
func xreadKeys(args [][]byte) [][]byte {
	at := xreadStreamsAt(args)
	if at == 0 {
		return nil
	}
	return args[at : at+(len(args)-at)/2]
}

// parseXRead parses the options of XREAD (group false) or XREADGROUP.
func parseXRead(args [][]byte, isGroup bool) (xreadReq, error) {
	r := xreadReq{timeout: -1}
	name := strings.ToUpper(string(args[0]))
	at := 0
	for i := 1; i < len(args) && at == 0; i++ {
		more := len(args) - i - 1
		switch o := string(args[i]); {
		case strings.EqualFold(o, "block") && more > 0:
			i++
			n, ok := parseCanonicalInt(args[i])
			if !ok {
				return r, errors.New("ERR timeout is not an integer or out of range")
			}
			if n < 0 {
				return r, errors.New("ERR timeout is negative")
			}
			r.timeout = n
		case strings.EqualFold(o, "count") && more > 0:
			i++
			n, ok := parseCanonicalInt(args[i])
			if !ok {
				return r, errors.New(errNotInteger)
			}
			r.count = max(n, 0)
		case strings.EqualFold(o, "streams") && more > 0:
			at = i + 1
			if (len(args)-at)%2 != 0 {
				return r, errors.New("ERR Unbalanced " + name + " list of streams: for each stream key an ID or '$' must be specified.")
			}
		case strings.EqualFold(o, "group") && more >= 2:
			if !isGroup {
				return r, errors.New("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.")
			}
			r.group, r.consumer = args[i+1], args[i+2]
			i += 2
		case strings.EqualFold(o, "noack"):
			if !isGroup {
				return r, errors.New("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.")
			}
			r.noack = true
		default:
			return r, errors.New(errSyntax)
		}
	}
	if at == 0 {
		return r, errors.New(errSyntax)
	}
	if isGroup && r.group == nil {
		return r, errors.New("ERR Missing GROUP option for XREADGROUP")
	}
	n := (len(args) - at) / 2
	r.keys, r.idArgs = args[at:at+n], args[at+n:]
	return r, nil
}

// resolveIDs checks each key and resolves its ID ($, > or an ID), in
// Redis's order: the key's type, its group, then the ID.
func (c *client) resolveIDs(r *xreadReq) error {
	r.ids = make([]streamID, len(r.keys))
	for i, key := range r.keys {
		_, _, s, err := c.db.streamIn(key)
		if g, ok := c.goneSinceArrival(key); ok && r.timeout >= 0 && c.mayBlockStream() {
			switch {
			case r.group == nil && string(r.idArgs[i]) == "$":
				r.ids[i] = g.lastID // it blocked on the stream that was there
				continue
			case r.group == nil && err != nil:
				err = nil // ... and waits for a stream there
			case slices.Contains(g.groups, string(r.group)) && (s == nil || s.group(r.group) == nil):
				return errors.New(errStreamGone) // it blocked, and its stream went
			}
		}
		if err != nil {
			return err
		}
		if r.group != nil && (s == nil || s.group(r.group) == nil) {
			return errors.New("NOGROUP No such key '" + string(key) + "' or consumer group '" + string(r.group) +
				"' in XREADGROUP with GROUP option")
		}
		switch string(r.idArgs[i]) {
		case "$":
			if r.group != nil {
				return errors.New("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history " +
					"of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just " +
					"return an empty result set.")
			}
			if s != nil {
				r.ids[i] = s.lastID
			}
			continue
		case ">":
			if r.group == nil {
				return errors.New("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.")
			}
			r.ids[i] = streamid.Max()
			continue
		}
		if r.ids[i], _, err = streamid.Parse(r.idArgs[i], streamid.Spec{Strict: true}); err != nil {
			return err
		}
	}
	return nil
}

// xreadOut is one stream's part of an XREAD reply.
type xreadOut struct {
	key     []byte
	entries []streamEntry // n < 0: a pending entry whose entry is gone
}

func cmdXRead(c *client, args [][]byte) {
	isGroup := len(args[0]) == len("xreadgroup")
	r, err := parseXRead(args, isGroup)
	if err == nil {
		err = c.resolveIDs(&r)
	}
	if err != nil {
		c.writeStreamError(err)
		return
	}
	var outs []xreadOut
	for i, key := range r.keys {
		if es, ok := c.db.serveStream(key, &r, r.ids[i], r.count, false, false); ok {
			outs = append(outs, xreadOut{key: key, entries: es})
		}
	}
	switch {
	case len(outs) > 0:
		c.writeXRead(outs)
	case r.timeout >= 0 && c.mayBlockStream():
		c.blockXRead(&r)
	default:
		c.writeNullArray()
	}
}

// writeXRead writes XREAD's reply: an array of [key, entries] pairs, a
// map under RESP3.
func (c *client) writeXRead(outs []xreadOut) {
	if c.resp == 3 {
		c.writeMap(len(outs))
	} else {
		c.writeArray(len(outs))
	}
	for _, o := range outs {
		if c.resp != 3 {
			c.writeArray(2)
		}
		c.writeBulk(o.key)
		c.writeArray(len(o.entries))
		for i := range o.entries {
			if o.entries[i].n < 0 {
				c.writeArray(2)
				c.writeBulkString(o.entries[i].id.String())
				c.writeNullArray()
				continue
			}
			c.writeEntry(&o.entries[i])
		}
	}
}

// serveStream returns the entries key's stream has for the reader after
// ID gt (streamid.Max(): a group's new entries), doing a group's bookkeeping
// and logging it, and reports whether the stream is served. blocked means
// a blocked reader is served (Redis then compares with the stream's last
// ID); keep copies the entries out of the stream, for a reply written
// after the locks are released.
func (d *DB) serveStream(key []byte, r *xreadReq, gt streamID, count int64, blocked, keep bool) ([]streamEntry, bool) {
	_, _, s, _ := d.streamIn(key)
	if s == nil {
		return nil, false
	}
	var g *streamGroup
	if r.group != nil {
		g = s.group(r.group)
		if g == nil {
			return nil, false
		}
	}
	history := g != nil && gt != streamid.Max()
	switch {
	case history:
	case blocked && g != nil:
		gt = g.lastID
		if s.lastID.Cmp(gt) <= 0 {
			return nil, false
		}
	case blocked:
		if s.lastID.Cmp(gt) <= 0 {
			return nil, false
		}
	case s.length == 0:
		return nil, false
	case g != nil:
		if s.edge(false).Cmp(g.lastID) <= 0 {
			return nil, false
		}
		gt = g.lastID
	default:
		if s.edge(false).Cmp(gt) <= 0 {
			return nil, false
		}
	}
	start, _ := gt.Next()
	if g == nil {
		return keepEntries(s.collect(start, streamid.Max(), count, false), keep), true
	}
	now := d.time()
	cons, created := g.consumerFor(r.consumer, now)
	if created {
		if d.logging() {
			d.logConsumer(key, g, cons.name)
		}
		d.notify(notifyStream, "xgroup-createconsumer", key)
	}
	if history {
		return d.serveHistory(key, s, g, cons, start, count, keep), true
	}
	es := keepEntries(s.collect(start, streamid.Max(), count, false), keep)
	moved := false
	for i := range es {
		id := es[i].id
		moved = s.delivered(g, id) || moved
		if r.noack {
			continue
		}
		n := g.assign(id, cons)
		n.time, n.count = now, 1
		if d.logging() {
			d.logClaim(key, g, id, n)
		}
	}
	if r.noack && moved && d.logging() {
		d.logGroupID(key, g)
	}
	return es, true
}

// serveHistory returns the consumer's pending entries from start, each
// delivered once more (its entry, or n < 0 when the entry is gone).
func (d *DB) serveHistory(key []byte, s *Stream, g *streamGroup, cons *streamConsumer, start streamID, count int64, keep bool) []streamEntry {
	ids := cons.pel.from(start)
	if count > 0 && int64(len(ids)) > count {
		ids = ids[:count]
	}
	ids = slices.Clone(ids)
	out := make([]streamEntry, 0, len(ids))
	now := d.time()
	for _, id := range ids {
		e, ok := s.find(id)
		if !ok {
			out = append(out, streamEntry{id: id, n: -1})
			continue
		}
		out = append(out, e)
		n := g.pel[id]
		n.time = now
		n.count++
		if d.logging() {
			d.logClaim(key, g, id, n)
		}
	}
	return keepEntries(out, keep)
}

// keepEntries copies entries out of their blocks when keep is set.
func keepEntries(es []streamEntry, keep bool) []streamEntry {
	if !keep {
		return es
	}
	for i := range es {
		es[i].body = slices.Clone(es[i].body)
		es[i].blk = nil
	}
	return es
}

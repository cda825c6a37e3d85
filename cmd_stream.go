// cmd_stream.go holds the stream commands that read and write entries:
// XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM and XSETID, with Redis 7's
// replies and its argument checks in its order. XREAD and XREADGROUP are
// in cmd_xread.go, the group commands in cmd_stream_group.go and XINFO in
// cmd_xinfo.go.
package main

import (
	"errors"
	"strings"

	"nosql/internal/streamid"
)

func streamCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	key := func(name string, arity int, flags cmdFlags, fn func(*client, [][]byte)) *command {
		return &command{name: name, arity: arity, flags: flags, firstKey: 1, lastKey: 1, step: 1, fn: fn}
	}
	return []*command{
		key("xadd", -5, w|f|flagDenyOOM, cmdXAdd),
		key("xrange", -4, r, func(c *client, a [][]byte) { c.xrange(a, false) }),
		key("xrevrange", -4, r, func(c *client, a [][]byte) { c.xrange(a, true) }),
		key("xlen", 2, r|f, cmdXLen),
		key("xdel", -3, w|f, cmdXDel),
		key("xtrim", -4, w, cmdXTrim),
		key("xsetid", -3, w|f|flagDenyOOM, cmdXSetID),
		key("xack", -4, w|f, cmdXAck),
		key("xpending", -3, r, cmdXPending),
		key("xclaim", -6, w|f, cmdXClaim),
		key("xautoclaim", -6, w|f, cmdXAutoClaim),
		{name: "xread", arity: -4, flags: r | flagOrdered, fn: cmdXRead, keys: xreadKeys},
		{name: "xreadgroup", arity: -7, flags: w | flagOrdered, fn: cmdXRead, keys: xreadKeys},
		xgroupCommand(),
		xinfoCommand(),
	}
}

// xaddArgs is what XADD and XTRIM were asked.
type xaddArgs struct {
	trim     trimArgs
	noMk     bool
	id       streamID
	idGiven  bool
	seqGiven bool
	idPos    int
}

// parseTrim parses XADD's options up to its ID (xadd) or XTRIM's, as
// Redis's streamParseAddOrTrimArgsOrReply does; loading (the log's
// replay) never limits the trimming.
func parseTrim(args [][]byte, xadd, loading bool, enc *encodingLimits) (xaddArgs, error) {
	var a xaddArgs
	limitGiven := false
	i := 2
loop:
	for ; i < len(args); i++ {
		more := len(args) - 1 - i
		opt := string(args[i])
		switch {
		case xadd && opt == "*":
		case strings.EqualFold(opt, "maxlen") && more > 0, strings.EqualFold(opt, "minid") && more > 0:
			if a.trim.strategy != trimNone {
				return a, errors.New("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")
			}
			a.trim.approx = false
			if next := string(args[i+1]); more >= 2 && (next == "~" || next == "=") {
				a.trim.approx = next == "~"
				i++
			}
			if strings.EqualFold(opt, "maxlen") {
				n, ok := parseCanonicalInt(args[i+1])
				if !ok {
					return a, errors.New(errNotInteger)
				}
				if n < 0 {
					return a, errors.New("ERR The MAXLEN argument must be >= 0.")
				}
				a.trim.maxLen, a.trim.strategy = n, trimMaxLen
			} else {
				id, _, err := streamid.Parse(args[i+1], streamid.Spec{Strict: true})
				if err != nil {
					return a, err
				}
				a.trim.minID, a.trim.strategy = id, trimMinID
			}
			i++
			a.trim.argIdx = i
			continue
		case strings.EqualFold(opt, "limit") && more > 0:
			n, ok := parseCanonicalInt(args[i+1])
			if !ok {
				return a, errors.New(errNotInteger)
			}
			if n < 0 {
				return a, errors.New("ERR The LIMIT argument must be >= 0.")
			}
			a.trim.limit, limitGiven = n, true
			i++
			continue
		case xadd && strings.EqualFold(opt, "nomkstream"):
			a.noMk = true
			continue
		case xadd:
			id, seqGiven, err := streamid.Parse(args[i], streamid.Spec{Strict: true, SeqStar: true})
			if err != nil {
				return a, err
			}
			a.id, a.seqGiven, a.idGiven = id, seqGiven, true
		default:
			return a, errors.New(errSyntax)
		}
		break loop
	}
	a.idPos = i
	if a.trim.limit != 0 && a.trim.strategy == trimNone {
		return a, errors.New("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy")
	}
	if !xadd && a.trim.strategy == trimNone {
		return a, errors.New("ERR syntax error, XTRIM must be called with a trimming strategy")
	}
	switch {
	case loading:
		a.trim.limit = 0
	case limitGiven && !a.trim.approx:
		return a, errors.New("ERR syntax error, LIMIT cannot be used without the special ~ option")
	case limitGiven:
	case a.trim.approx:
		a.trim.limit = approxLimit(enc)
	default:
		a.trim.limit = 0
	}
	return a, nil
}

func cmdXAdd(c *client, args [][]byte) {
	a, err := parseTrim(args, true, c.rec.loading, c.db.encodings())
	if err != nil {
		c.writeStreamError(err)
		return
	}
	pairs := args[a.idPos+1:]
	if len(pairs) < 2 || len(pairs)%2 == 1 {
		c.wrongArgs("xadd")
		return
	}
	if a.idGiven && a.seqGiven && a.id.IsZero() {
		c.writeStreamError(errXAddZero)
		return
	}
	_, t, s, err := c.db.streamIn(args[1])
	switch {
	case err != nil:
		c.writeStreamError(err)
		return
	case s == nil && a.noMk:
		c.writeNull()
		return
	case s != nil && s.lastID == streamid.Max():
		c.writeStreamError(errXAddExhaust)
		return
	}
	last := streamID{}
	if s != nil {
		last = s.lastID
	}
	id, err := nextStreamID(last, a, c.db.time())
	if err != nil {
		c.writeStreamError(err)
		return
	}
	if s == nil {
		s = c.db.newStream(t, args[1])
	}
	s.add(id, pairs, c.db.encodings())
	var buf [44]byte
	c.writeBulk(id.AppendTo(buf[:0]))
	c.db.logXAdd(args[1], id, pairs)
	c.db.notify(notifyStream, "xadd", args[1])
	if s.trim(&a.trim) > 0 {
		if c.db.logging() {
			c.db.logTrim(args[1], s)
		}
		c.db.notify(notifyStream, "xtrim", args[1])
	}
	sh, _ := c.db.table(args[1])
	c.db.signal(sh, args[1])
}

// approxLimit is the work limit of a trim with ~ and no LIMIT: 100 nodes.
func approxLimit(e *encodingLimits) int64 {
	n := 100 * e.streamNodeMaxEntries
	if n <= 0 {
		return 10000
	}
	return min(n, 1000000)
}

// nextStreamID returns the ID XADD gives a new entry after last.
func nextStreamID(last streamID, a xaddArgs, now int64) (streamID, error) {
	var id streamID
	switch {
	case !a.idGiven:
		if ms := uint64(now); ms > last.Ms {
			return streamID{Ms: ms, Seq: 0}, nil
		}
		id, _ = last.Next()
	case a.seqGiven:
		id = a.id
	case last.Ms == a.id.Ms:
		if last.Seq == 1<<64-1 {
			return id, errXAddSmall
		}
		id = streamID{Ms: last.Ms, Seq: last.Seq + 1}
	default:
		id = a.id
	}
	if id.Cmp(last) <= 0 {
		return id, errXAddSmall
	}
	return id, nil
}

// writeEntry writes one entry: its ID and its fields and values.
func (c *client) writeEntry(e *streamEntry) {
	c.writeArray(2)
	var buf [44]byte
	c.writeBulk(e.id.AppendTo(buf[:0]))
	c.writeArray(2 * e.n)
	e.each(func(f, v []byte) {
		c.writeBulk(f)
		c.writeBulk(v)
	})
}

// collect returns up to count (0: all) entries of s within [start, end].
func (s *Stream) collect(start, end streamID, count int64, rev bool) []streamEntry {
	var out []streamEntry
	s.scan(start, end, rev, func(e *streamEntry) bool {
		out = append(out, *e)
		return count == 0 || int64(len(out)) < count
	})
	return out
}

// writeEntries writes an array of entries.
func (c *client) writeEntries(es []streamEntry) {
	c.writeArray(len(es))
	for i := range es {
		c.writeEntry(&es[i])
	}
}

// xrange answers XRANGE and XREVRANGE.
func (c *client) xrange(args [][]byte, rev bool) {
	startArg, endArg := args[2], args[3]
	if rev {
		startArg, endArg = endArg, startArg
	}
	start, end, err := streamid.ParseStartEnd(startArg, endArg)
	if err != nil {
		c.writeStreamError(err)
		return
	}
	count := int64(-1)
	for j := 4; j < len(args); j++ {
		if !strings.EqualFold(string(args[j]), "count") || j+1 >= len(args) {
			c.writeError(errSyntax)
			return
		}
		n, ok := parseCanonicalInt(args[j+1])
		if !ok {
			c.writeError(errNotInteger)
			return
		}
		count = max(n, 0)
		j++
	}
	_, _, s, err := c.db.streamIn(args[1])
	switch {
	case err != nil:
		c.writeStreamError(err)
	case s == nil:
		c.writeArray(0)
	case count == 0:
		c.writeNullArray()
	default:
		c.writeEntries(s.collect(start, end, max(count, 0), rev))
	}
}

func cmdXLen(c *client, args [][]byte) {
	_, _, s, err := c.db.streamIn(args[1])
	n := 0
	if s != nil {
		n = int(s.length)
	}
	c.writeLen(n, err)
}

func cmdXDel(c *client, args [][]byte) {
	sh, _, s, err := c.db.streamIn(args[1])
	if s == nil || err != nil {
		c.writeLen(0, err)
		return
	}
	ids := make([]streamID, len(args)-2)
	for i, a := range args[2:] {
		if ids[i], _, err = streamid.Parse(a, streamid.Spec{Strict: true}); err != nil {
			c.writeStreamError(err)
			return
		}
	}
	n := 0
	for _, id := range ids {
		if s.deleteID(id) {
			n++
		}
	}
	if n > 0 {
		c.db.signal(sh, args[1])
		c.db.logArgs(args)
		c.db.notify(notifyStream, "xdel", args[1])
	}
	c.writeInt(int64(n))
}

func cmdXTrim(c *client, args [][]byte) {
	a, err := parseTrim(args, false, c.rec.loading, c.db.encodings())
	if err != nil {
		c.writeStreamError(err)
		return
	}
	sh, _, s, err := c.db.streamIn(args[1])
	if s == nil || err != nil {
		c.writeLen(0, err)
		return
	}
	n := s.trim(&a.trim)
	if n > 0 {
		c.db.signal(sh, args[1])
		if c.db.logging() {
			c.db.logTrim(args[1], s)
		}
		c.db.notify(notifyStream, "xtrim", args[1])
	}
	c.writeInt(n)
}

func cmdXSetID(c *client, args [][]byte) {
	id, _, err := streamid.Parse(args[2], streamid.Spec{Strict: true})
	if err != nil {
		c.writeStreamError(err)
		return
	}
	added := int64(-1)
	var maxDel streamID
	for i := 3; i < len(args); i += 2 {
		opt := string(args[i])
		switch {
		case strings.EqualFold(opt, "entriesadded") && i+1 < len(args):
			n, ok := parseCanonicalInt(args[i+1])
			if !ok {
				c.writeError(errNotInteger)
				return
			}
			if n < 0 {
				c.writeError("ERR entries_added must be positive")
				return
			}
			added = n
		case strings.EqualFold(opt, "maxdeletedid") && i+1 < len(args):
			if maxDel, _, err = streamid.Parse(args[i+1], streamid.Spec{Strict: true}); err != nil {
				c.writeStreamError(err)
				return
			}
			if id.Cmp(maxDel) < 0 {
				c.writeError("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id")
				return
			}
		default:
			c.writeError(errSyntax)
			return
		}
	}
	s, ok := c.existingStream(args[1])
	if !ok {
		return
	}
	if s.length > 0 {
		if id.Cmp(s.edge(false)) < 0 {
			c.writeError("ERR The ID specified in XSETID is smaller than the target stream top item")
			return
		}
		if added != -1 && s.length > added {
			c.writeError("ERR The entries_added specified in XSETID is smaller than the target stream length")
			return
		}
	}
	s.lastID = id
	if added != -1 {
		s.entriesAdded = added
	}
	if !maxDel.IsZero() {
		s.maxDeleted = maxDel
	}
	c.db.logArgs(args)
	c.db.notify(notifyStream, "xsetid", args[1])
	c.writeOK()
}

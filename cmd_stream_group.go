// cmd_stream_group.go holds the consumer group commands: XGROUP (CREATE,
// SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP), XACK, XPENDING,
// XCLAIM and XAUTOCLAIM, with Redis 7's replies and argument checks in its
// order. Claims are logged as Redis propagates them: one XCLAIM ... FORCE
// JUSTID per entry whose ownership changed or whose entry is gone.
package main

import (
	"errors"
	"strings"

	"nosql/internal/streamid"
)

func xgroupCommand() *command {
	w := flagWrite
	cmd := container("xgroup", -2, w, []subcommand{
		{name: "create", arity: -5, flags: w | flagDenyOOM, fn: cmdXGroup},
		{name: "setid", arity: -5, flags: w, fn: cmdXGroup},
		{name: "destroy", arity: 4, flags: w, fn: cmdXGroup},
		{name: "createconsumer", arity: 5, flags: w | flagDenyOOM, fn: cmdXGroup},
		{name: "delconsumer", arity: 5, flags: w, fn: cmdXGroup},
		{name: "help", arity: 2, fn: cmdXGroupHelp},
	})
	cmd.keys = subcommandKey
	return cmd
}

func cmdXGroupHelp(c *client, args [][]byte) {
	c.writeHelp("XGROUP",
		"CREATE <key> <groupname> <id|$> [option]",
		"    Create a new consumer group. Options are:",
		"    * MKSTREAM",
		"      Create the empty stream if it does not exist.",
		"    * ENTRIESREAD entries_read",
		"      Set the group's entries_read counter (internal use).",
		"CREATECONSUMER <key> <groupname> <consumer>",
		"    Create a new consumer in the specified group.",
		"DELCONSUMER <key> <groupname> <consumer>",
		"    Remove the specified consumer.",
		"DESTROY <key> <groupname>",
		"    Remove the specified group.",
		"SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
		"    Set the current group ID and entries_read counter.")
}

// xgroupOpts parses XGROUP CREATE's and SETID's options.
func (c *client) xgroupOpts(args [][]byte, sub string) (mkstream bool, entriesRead int64, ok bool) {
	entriesRead = invalidEntriesRead
	for i := 5; i < len(args); {
		switch o := string(args[i]); {
		case sub == "create" && strings.EqualFold(o, "mkstream"):
			mkstream = true
			i++
		case (sub == "create" || sub == "setid") && strings.EqualFold(o, "entriesread") && i+1 < len(args):
			n, good := parseCanonicalInt(args[i+1])
			if !good {
				c.writeError(errNotInteger)
				return
			}
			if n < 0 && n != invalidEntriesRead {
				c.writeError("ERR value for ENTRIESREAD must be positive or -1")
				return
			}
			entriesRead = n
			i += 2
		default:
			c.subcommandSyntaxError(args)
			return
		}
	}
	return mkstream, entriesRead, true
}

// cmdXGroup runs XGROUP's subcommands but HELP, as Redis's xgroupCommand.
func cmdXGroup(c *client, args [][]byte) {
	sub := strings.ToLower(string(args[1]))
	mkstream, entriesRead, ok := c.xgroupOpts(args, sub)
	if !ok {
		return
	}
	key, name := args[2], args[3]
	_, t, s, err := c.db.streamIn(key)
	if err != nil {
		c.writeStreamError(err)
		return
	}
	var g *streamGroup
	if !mkstream {
		if s == nil {
			c.writeError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use " +
				"the MKSTREAM option to create an empty stream automatically.")
			return
		}
		if g = s.group(name); g == nil && sub != "create" && sub != "destroy" {
			c.writeError("NOGROUP No such consumer group '" + string(name) + "' for key name '" + string(key) + "'")
			return
		}
	}
	switch {
	case sub == "create" && len(args) <= 8:
		c.xgroupCreate(args, t, s, entriesRead)
	case sub == "setid" && (len(args) == 5 || len(args) == 7):
		id := s.lastID
		if string(args[4]) != "$" {
			if id, _, err = streamid.Parse(args[4], streamid.Spec{}); err != nil {
				c.writeStreamError(err)
				return
			}
		}
		g.lastID, g.entriesRead = id, entriesRead
		if c.db.logging() {
			c.db.logGroupID(key, g)
		}
		c.db.notify(notifyStream, "xgroup-setid", key)
		c.writeOK()
	case sub == "destroy":
		if g == nil || !s.destroyGroup(name) {
			c.writeInt(0)
			return
		}
		c.db.logArgs(args)
		c.db.notify(notifyStream, "xgroup-destroy", key)
		c.streamGroupGone(key)
		c.writeInt(1)
	case sub == "createconsumer":
		if g.createConsumer(args[4], c.db.time()) == nil {
			c.writeInt(0)
			return
		}
		c.db.logArgs(args)
		c.db.notify(notifyStream, "xgroup-createconsumer", key)
		c.writeInt(1)
	case sub == "delconsumer":
		n := g.deleteConsumer(args[4])
		if n >= 0 {
			c.db.logArgs(args)
			c.db.notify(notifyStream, "xgroup-delconsumer", key)
		}
		c.writeInt(int64(max(n, 0)))
	default:
		c.subcommandSyntaxError(args)
	}
}

// xgroupCreate answers XGROUP CREATE, creating the stream for MKSTREAM.
func (c *client) xgroupCreate(args [][]byte, t *table, s *Stream, entriesRead int64) {
	var id streamID
	switch {
	case string(args[4]) != "$":
		var err error
		if id, _, err = streamid.Parse(args[4], streamid.Spec{Strict: true}); err != nil {
			c.writeStreamError(err)
			return
		}
	case s != nil:
		id = s.lastID
	}
	key := args[2]
	if s == nil {
		s = c.db.newStream(t, key)
		sh, _ := c.db.table(key)
		c.db.signal(sh, key)
	}
	if !s.createGroup(args[3], id, entriesRead) {
		c.writeError("BUSYGROUP Consumer Group name already exists")
		return
	}
	c.db.log("XGROUP", "CREATE", string(key), string(args[3]), id.String(), "MKSTREAM", "ENTRIESREAD", formatInt(entriesRead))
	c.db.notify(notifyStream, "xgroup-create", key)
	c.writeOK()
}

// groupOf returns key's stream and its group name, or answers the NOGROUP
// error (ok false).
func (c *client) groupOf(key, name []byte) (*Stream, *streamGroup, bool) {
	_, _, s, err := c.db.streamIn(key)
	if err != nil {
		c.writeStreamError(err)
		return nil, nil, false
	}
	var g *streamGroup
	if s != nil {
		g = s.group(name)
	}
	if g == nil {
		c.writeError("NOGROUP No such key '" + string(key) + "' or consumer group '" + string(name) + "'")
		return nil, nil, false
	}
	return s, g, true
}

func cmdXAck(c *client, args [][]byte) {
	_, _, s, err := c.db.streamIn(args[1])
	if err != nil {
		c.writeStreamError(err)
		return
	}
	var g *streamGroup
	if s != nil {
		g = s.group(args[2])
	}
	if g == nil {
		c.writeInt(0)
		return
	}
	ids := make([]streamID, len(args)-3)
	for i, a := range args[3:] {
		if ids[i], _, err = streamid.Parse(a, streamid.Spec{Strict: true}); err != nil {
			c.writeStreamError(err)
			return
		}
	}
	n := 0
	for _, id := range ids {
		if g.ack(id) {
			n++
		}
	}
	if n > 0 {
		c.db.logArgs(args)
	}
	c.writeInt(int64(n))
}

// xpendingArgs is XPENDING's extended form.
type xpendingArgs struct {
	minIdle    int64
	start, end streamID
	count      int64
	consumer   []byte
}

// parseXPending parses XPENDING's extended form (args past the group).
func parseXPending(args [][]byte) (xpendingArgs, error) {
	var a xpendingArgs
	i := 3
	if strings.EqualFold(string(args[3]), "idle") {
		n, ok := parseCanonicalInt(args[4])
		if !ok {
			return a, errors.New(errNotInteger)
		}
		if len(args) < 8 {
			return a, errors.New(errSyntax)
		}
		a.minIdle, i = n, 5
	}
	n, ok := parseCanonicalInt(args[i+2])
	if !ok {
		return a, errors.New(errNotInteger)
	}
	a.count = max(n, 0)
	var err error
	if a.start, a.end, err = streamid.ParseStartEnd(args[i], args[i+1]); err != nil {
		return a, err
	}
	if i+3 < len(args) {
		a.consumer = args[i+3]
	}
	return a, nil
}

func cmdXPending(c *client, args [][]byte) {
	if len(args) != 3 && (len(args) < 6 || len(args) > 9) {
		c.writeError(errSyntax)
		return
	}
	var a xpendingArgs
	if len(args) >= 6 {
		var err error
		if a, err = parseXPending(args); err != nil {
			c.writeStreamError(err)
			return
		}
	}
	_, g, ok := c.groupOf(args[1], args[2])
	if !ok {
		return
	}
	if len(args) == 3 {
		c.writePendingSummary(g)
		return
	}
	pel := g.pelIDs
	if a.consumer != nil {
		cons := g.consumer(a.consumer, 0)
		if cons == nil {
			c.writeArray(0)
			return
		}
		pel = cons.pel
	}
	now := c.db.time()
	var out []streamID
	for _, id := range pel.from(a.start) {
		if int64(len(out)) >= a.count || id.Cmp(a.end) > 0 {
			break
		}
		if a.minIdle != 0 && now-g.pel[id].time < a.minIdle {
			continue
		}
		out = append(out, id)
	}
	c.writeArray(len(out))
	for _, id := range out {
		n := g.pel[id]
		c.writeArray(4)
		c.writeBulkString(id.String())
		c.writeBulkString(n.consumer.name)
		c.writeInt(max(now-n.time, 0))
		c.writeInt(n.count)
	}
}

// writePendingSummary answers XPENDING key group.
func (c *client) writePendingSummary(g *streamGroup) {
	c.writeArray(4)
	c.writeInt(int64(len(g.pelIDs)))
	if len(g.pelIDs) == 0 {
		c.writeNull()
		c.writeNull()
		c.writeNullArray()
		return
	}
	c.writeBulkString(g.pelIDs[0].String())
	c.writeBulkString(g.pelIDs[len(g.pelIDs)-1].String())
	n := 0
	for _, cons := range g.consumers {
		if len(cons.pel) > 0 {
			n++
		}
	}
	c.writeArray(n)
	for _, cons := range g.consumers {
		if len(cons.pel) > 0 {
			c.writeArray(2)
			c.writeBulkString(cons.name)
			c.writeBulkString(formatInt(int64(len(cons.pel))))
		}
	}
}

// xclaimOpts is what XCLAIM's options asked.
type xclaimOpts struct {
	deliveryTime int64 // -1: not given
	retryCount   int64 // -1: not given
	force        bool
	justID       bool
	lastID       streamID
}

// parseXClaimOpts parses the options after XCLAIM's IDs.
func parseXClaimOpts(args [][]byte, now int64) (xclaimOpts, error) {
	o := xclaimOpts{deliveryTime: -1, retryCount: -1}
	for j := 0; j < len(args); j++ {
		more := len(args) - 1 - j
		opt := string(args[j])
		num := func(what string) (int64, error) {
			j++
			n, ok := parseCanonicalInt(args[j])
			if !ok {
				return 0, errors.New("ERR Invalid " + what + " option argument for XCLAIM")
			}
			return n, nil
		}
		var err error
		switch {
		case strings.EqualFold(opt, "force"):
			o.force = true
		case strings.EqualFold(opt, "justid"):
			o.justID = true
		case strings.EqualFold(opt, "idle") && more > 0:
			var n int64
			n, err = num("IDLE")
			o.deliveryTime = now - n
		case strings.EqualFold(opt, "time") && more > 0:
			o.deliveryTime, err = num("TIME")
		case strings.EqualFold(opt, "retrycount") && more > 0:
			o.retryCount, err = num("RETRYCOUNT")
		case strings.EqualFold(opt, "lastid") && more > 0:
			j++
			o.lastID, _, err = streamid.Parse(args[j], streamid.Spec{Strict: true})
		default:
			return o, errors.New("ERR Unrecognized XCLAIM option '" + opt + "'")
		}
		if err != nil {
			return o, err
		}
	}
	if o.deliveryTime < 0 || o.deliveryTime > now {
		o.deliveryTime = now
	}
	return o, nil
}

func cmdXClaim(c *client, args [][]byte) {
	key := args[1]
	s, g, ok := c.groupOf(key, args[2])
	if !ok {
		return
	}
	minIdle, good := parseCanonicalInt(args[4])
	if !good {
		c.writeError("ERR Invalid min-idle-time argument for XCLAIM")
		return
	}
	var ids []streamID
	j := 5
	for ; j < len(args); j++ {
		id, _, err := streamid.Parse(args[j], streamid.Spec{Strict: true})
		if err != nil {
			break
		}
		ids = append(ids, id)
	}
	now := c.db.time()
	o, err := parseXClaimOpts(args[j:], now)
	if err != nil {
		c.writeStreamError(err)
		return
	}
	logLast := false
	if o.lastID.Cmp(g.lastID) > 0 {
		g.lastID, logLast = o.lastID, true
	}
	var cons *streamConsumer
	var out []streamEntry
	for _, id := range ids {
		n, pending := g.pel[id]
		e, exists := s.find(id)
		if !exists {
			if pending {
				c.db.logClaim(key, g, id, n)
				logLast = false
				g.ack(id)
			}
			continue
		}
		if !pending && !o.force {
			continue
		}
		if pending && minIdle > 0 && now-n.time < minIdle {
			continue
		}
		if cons == nil {
			cons = c.streamConsumer(key, g, args[3], now)
		}
		n = g.assign(id, cons)
		n.time = o.deliveryTime
		switch {
		case o.retryCount >= 0:
			n.count = o.retryCount
		case !o.justID:
			n.count++
		}
		out = append(out, e)
		c.db.logClaim(key, g, id, n)
		logLast = false
	}
	if logLast {
		c.db.logGroupID(key, g)
	}
	c.writeClaimed(out, o.justID)
}

// writeClaimed writes the entries claimed, or their IDs only.
func (c *client) writeClaimed(es []streamEntry, justID bool) {
	if !justID {
		c.writeEntries(es)
		return
	}
	c.writeArray(len(es))
	for i := range es {
		c.writeBulkString(es[i].id.String())
	}
}

// parseXAutoClaim parses XAUTOCLAIM's arguments past the consumer.
func parseXAutoClaim(args [][]byte) (minIdle int64, start streamID, count int64, justID bool, err error) {
	minIdle, ok := parseCanonicalInt(args[4])
	if !ok {
		return 0, start, 0, false, errors.New("ERR Invalid min-idle-time argument for XAUTOCLAIM")
	}
	start, ex, err := streamid.ParseRange(args[5], 0)
	if err != nil {
		return
	}
	if ex {
		if start, ok = start.Next(); !ok {
			return 0, start, 0, false, errors.New("ERR invalid start ID for the interval")
		}
	}
	count = 100
	for j := 6; j < len(args); j++ {
		switch o := string(args[j]); {
		case strings.EqualFold(o, "count") && j+1 < len(args):
			n, good := parseCanonicalInt(args[j+1])
			if !good || n < 1 || n > maxInt64/16 {
				return 0, start, 0, false, errors.New("ERR COUNT must be > 0")
			}
			count = n
			j++
		case strings.EqualFold(o, "justid"):
			justID = true
		default:
			return 0, start, 0, false, errors.New(errSyntax)
		}
	}
	return max(minIdle, 0), start, count, justID, nil
}

func cmdXAutoClaim(c *client, args [][]byte) {
	minIdle, cursor, count, justID, err := parseXAutoClaim(args)
	if err != nil {
		c.writeStreamError(err)
		return
	}
	key := args[1]
	s, g, ok := c.groupOf(key, args[2])
	if !ok {
		return
	}
	now := c.db.time()
	attempts := count * 10
	var cons *streamConsumer
	var out []streamEntry
	var deleted []streamID
	for ; attempts > 0 && count > 0; attempts-- {
		rest := g.pelIDs.from(cursor)
		if len(rest) == 0 {
			break
		}
		id := rest[0]
		var more bool
		if cursor, more = id.Next(); !more {
			attempts = 1 // the last possible ID: nothing can follow
			cursor = streamid.Max()
		}
		n := g.pel[id]
		e, exists := s.find(id)
		if !exists {
			c.db.logClaim(key, g, id, n)
			g.ack(id)
			deleted = append(deleted, id)
			count--
			continue
		}
		if minIdle > 0 && now-n.time < minIdle {
			continue
		}
		if cons == nil {
			cons = c.streamConsumer(key, g, args[3], now)
		}
		g.assign(id, cons)
		n.time = now
		if !justID {
			n.count++
		}
		out = append(out, e)
		count--
		c.db.logClaim(key, g, id, n)
	}
	next := streamID{}
	if rest := g.pelIDs.from(cursor); len(rest) > 0 {
		next = rest[0]
	}
	c.writeArray(3)
	c.writeBulkString(next.String())
	c.writeClaimed(out, justID)
	c.writeArray(len(deleted))
	for _, id := range deleted {
		c.writeBulkString(id.String())
	}
}

// cmd_xinfo.go holds XINFO: STREAM [FULL [COUNT n]], GROUPS, CONSUMERS
// and HELP, with Redis 7.0's fields (maps under RESP3). radix-tree-keys
// counts the stream's blocks, which are cut where Redis cuts its nodes;
// radix-tree-nodes is an estimate, as nosql has no radix tree.
package main

import (
	"encoding/binary"
	"strings"

	"nosql/internal/streamid"
)

func xinfoCommand() *command {
	r := flagReadonly
	cmd := container("xinfo", -2, r, []subcommand{
		{name: "consumers", arity: 4, flags: r, fn: cmdXInfo},
		{name: "groups", arity: 3, flags: r, fn: cmdXInfo},
		{name: "stream", arity: -3, flags: r, fn: cmdXInfo},
		{name: "help", arity: 2, fn: func(c *client, _ [][]byte) {
			c.writeHelp("XINFO",
				"CONSUMERS <key> <groupname>",
				"    Show consumers of <groupname>.",
				"GROUPS <key>",
				"    Show the stream consumer groups.",
				"STREAM <key> [FULL [COUNT <count>]",
				"    Show information about the stream.")
		}},
	})
	cmd.keys = subcommandKey
	return cmd
}

func cmdXInfo(c *client, args [][]byte) {
	s, ok := c.existingStream(args[2])
	if !ok {
		return
	}
	switch strings.ToLower(string(args[1])) {
	case "consumers":
		g := s.group(args[3])
		if g == nil {
			c.writeError("NOGROUP No such consumer group '" + string(args[3]) + "' for key name '" + string(args[2]) + "'")
			return
		}
		now := c.db.time()
		c.writeArray(len(g.consumers))
		for _, cons := range g.consumers {
			c.writeMap(3)
			c.writeBulkString("name")
			c.writeBulkString(cons.name)
			c.writeBulkString("pending")
			c.writeInt(int64(len(cons.pel)))
			c.writeBulkString("idle")
			c.writeInt(max(now-cons.seen, 0))
		}
	case "groups":
		c.writeArray(len(s.groups))
		for _, g := range s.groups {
			c.writeMap(6)
			c.writeBulkString("name")
			c.writeBulkString(g.name)
			c.writeBulkString("consumers")
			c.writeInt(int64(len(g.consumers)))
			c.writeBulkString("pending")
			c.writeInt(int64(len(g.pelIDs)))
			c.writeGroupCounters(s, g)
		}
	default:
		c.xinfoStream(args, s)
	}
}

// writeGroupCounters writes a group's last-delivered-id, entries-read and
// lag fields.
func (c *client) writeGroupCounters(s *Stream, g *streamGroup) {
	c.writeBulkString("last-delivered-id")
	c.writeBulkString(g.lastID.String())
	c.writeBulkString("entries-read")
	if g.entriesRead != invalidEntriesRead {
		c.writeInt(g.entriesRead)
	} else {
		c.writeNull()
	}
	c.writeBulkString("lag")
	if lag, ok := s.lag(g); ok {
		c.writeInt(lag)
	} else {
		c.writeNull()
	}
}

// radixNodes counts the nodes of the radix tree Redis hangs the same
// blocks from (keyed by their first IDs, 16 bytes big-endian): a
// compressed node per shared run, a branching node where keys part, and
// a leaf per key.
func (s *Stream) radixNodes() int64 {
	keys := make([][16]byte, len(s.blocks))
	for i, b := range s.blocks {
		binary.BigEndian.PutUint64(keys[i][:8], b.first.Ms)
		binary.BigEndian.PutUint64(keys[i][8:], b.first.Seq)
	}
	if len(keys) == 0 {
		return 1
	}
	return radixCount(keys, 0)
}

// radixCount counts the nodes below (and including) the node reached
// after depth bytes by the sorted keys.
func radixCount(keys [][16]byte, depth int) int64 {
	if depth == 16 {
		return 1
	}
	if len(keys) == 1 {
		return 2
	}
	lcp := depth
	for lcp < 16 && keys[0][lcp] == keys[len(keys)-1][lcp] {
		lcp++
	}
	n := int64(1) // the branching node
	if lcp > depth {
		n++ // the compressed node before it
	}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j][lcp] == keys[i][lcp] {
			j++
		}
		n += radixCount(keys[i:j], lcp+1)
		i = j
	}
	return n
}

// xinfoStream answers XINFO STREAM key [FULL [COUNT n]].
func (c *client) xinfoStream(args [][]byte, s *Stream) {
	opts := args[3:]
	full, count := len(opts) > 0, int64(10)
	if full {
		if len(opts) != 1 && len(opts) != 3 || !strings.EqualFold(string(opts[0]), "full") ||
			len(opts) == 3 && !strings.EqualFold(string(opts[1]), "count") {
			c.subcommandSyntaxError(args)
			return
		}
		if len(opts) == 3 {
			n, ok := parseCanonicalInt(opts[2])
			if !ok {
				c.writeError(errNotInteger)
				return
			}
			if count = n; n < 0 {
				count = 10
			}
		}
	}
	if full {
		c.writeMap(9)
	} else {
		c.writeMap(10)
	}
	c.writeBulkString("length")
	c.writeInt(s.length)
	c.writeBulkString("radix-tree-keys")
	c.writeInt(int64(len(s.blocks)))
	c.writeBulkString("radix-tree-nodes")
	c.writeInt(s.radixNodes())
	for _, f := range []struct {
		name string
		id   streamID
	}{{"last-generated-id", s.lastID}, {"max-deleted-entry-id", s.maxDeleted}} {
		c.writeBulkString(f.name)
		c.writeBulkString(f.id.String())
	}
	c.writeBulkString("entries-added")
	c.writeInt(s.entriesAdded)
	c.writeBulkString("recorded-first-entry-id")
	c.writeBulkString(s.firstID.String())
	if !full {
		c.writeBulkString("groups")
		c.writeInt(int64(len(s.groups)))
		for _, rev := range []bool{false, true} {
			if rev {
				c.writeBulkString("last-entry")
			} else {
				c.writeBulkString("first-entry")
			}
			if es := s.collect(streamID{}, streamid.Max(), 1, rev); len(es) > 0 {
				c.writeEntry(&es[0])
			} else {
				c.writeNull()
			}
		}
		return
	}
	c.writeBulkString("entries")
	c.writeEntries(s.collect(streamID{}, streamid.Max(), count, false))
	c.writeBulkString("groups")
	c.writeArray(len(s.groups))
	for _, g := range s.groups {
		c.xinfoFullGroup(s, g, count)
	}
}

// capIDs returns the first count IDs (0: all).
func capIDs(ids idSet, count int64) idSet {
	if count > 0 && int64(len(ids)) > count {
		return ids[:count]
	}
	return ids
}

// xinfoFullGroup writes one group of XINFO STREAM FULL.
func (c *client) xinfoFullGroup(s *Stream, g *streamGroup, count int64) {
	c.writeMap(7)
	c.writeBulkString("name")
	c.writeBulkString(g.name)
	c.writeGroupCounters(s, g)
	c.writeBulkString("pel-count")
	c.writeInt(int64(len(g.pelIDs)))
	c.writeFullPending(g, g.pelIDs, count, true)
	c.writeBulkString("consumers")
	c.writeArray(len(g.consumers))
	for _, cons := range g.consumers {
		c.writeMap(4)
		c.writeBulkString("name")
		c.writeBulkString(cons.name)
		c.writeBulkString("seen-time")
		c.writeInt(cons.seen)
		c.writeBulkString("pel-count")
		c.writeInt(int64(len(cons.pel)))
		c.writeFullPending(g, cons.pel, count, false)
	}
}

// writeFullPending writes XINFO STREAM FULL's "pending" field: the first
// count (0: all) of ids, g's pending entries, each as [id, consumer
// (when withConsumer), delivery time, delivery count].
func (c *client) writeFullPending(g *streamGroup, ids idSet, count int64, withConsumer bool) {
	c.writeBulkString("pending")
	pel := capIDs(ids, count)
	c.writeArray(len(pel))
	for _, id := range pel {
		n := g.pel[id]
		if withConsumer {
			c.writeArray(4)
			c.writeBulkString(id.String())
			c.writeBulkString(n.consumer.name)
		} else {
			c.writeArray(3)
			c.writeBulkString(id.String())
		}
		c.writeInt(n.time)
		c.writeInt(n.count)
	}
}

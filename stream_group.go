// stream_group.go holds a stream's consumer groups: each group's last
// delivered ID and read counter, its pending entries list (PEL: entries
// delivered and not yet acknowledged, each owned by a consumer, with its
// delivery time and count) and its consumers, each with its own PEL.
// Groups and consumers are kept sorted by name and PELs by ID, the order
// in which Redis's radix trees list them.
package main

import (
	"slices"
	"strings"

	"nosql/internal/streamid"
)

// invalidEntriesRead marks a group's read counter as unknown.
const invalidEntriesRead = -1

// streamNACK is one pending entry.
type streamNACK struct {
	time     int64 // last delivery, Unix ms
	count    int64 // deliveries
	consumer *streamConsumer
}

// streamConsumer is one consumer of a group.
type streamConsumer struct {
	name string
	seen int64 // last time it read or claimed, Unix ms
	pel  idSet
}

// streamGroup is one consumer group.
type streamGroup struct {
	name        string
	lastID      streamID
	entriesRead int64
	pel         map[streamID]*streamNACK
	pelIDs      idSet
	consumers   []*streamConsumer // sorted by name
}

// idSet is a sorted set of IDs.
type idSet []streamID

// search returns where id is or would go.
func (s idSet) search(id streamID) (int, bool) {
	return slices.BinarySearchFunc(s, id, streamID.Cmp)
}

// add inserts id (not there yet).
func (s *idSet) add(id streamID) {
	if n := len(*s); n == 0 || (*s)[n-1].Cmp(id) < 0 {
		*s = append(*s, id)
		return
	}
	i, _ := s.search(id)
	*s = slices.Insert(*s, i, id)
}

// remove deletes id if there.
func (s *idSet) remove(id streamID) {
	if i, ok := s.search(id); ok {
		*s = slices.Delete(*s, i, i+1)
	}
}

// from returns the IDs >= id.
func (s idSet) from(id streamID) idSet {
	i, _ := s.search(id)
	return s[i:]
}

// group returns the group named name, or nil.
func (s *Stream) group(name []byte) *streamGroup {
	i, ok := slices.BinarySearchFunc(s.groups, string(name), func(g *streamGroup, n string) int { return strings.Compare(g.name, n) })
	if !ok {
		return nil
	}
	return s.groups[i]
}

// createGroup adds a group; false if one has that name.
func (s *Stream) createGroup(name []byte, last streamID, entriesRead int64) bool {
	i, ok := slices.BinarySearchFunc(s.groups, string(name), func(g *streamGroup, n string) int { return strings.Compare(g.name, n) })
	if ok {
		return false
	}
	g := &streamGroup{name: string(name), lastID: last, entriesRead: entriesRead, pel: make(map[streamID]*streamNACK)}
	s.groups = slices.Insert(s.groups, i, g)
	return true
}

// destroyGroup deletes a group; false if there is none by that name.
func (s *Stream) destroyGroup(name []byte) bool {
	i, ok := slices.BinarySearchFunc(s.groups, string(name), func(g *streamGroup, n string) int { return strings.Compare(g.name, n) })
	if ok {
		s.groups = slices.Delete(s.groups, i, i+1)
	}
	return ok
}

// consumerIndex finds a consumer by name.
func (g *streamGroup) consumerIndex(name string) (int, bool) {
	return slices.BinarySearchFunc(g.consumers, name, func(c *streamConsumer, n string) int { return strings.Compare(c.name, n) })
}

// consumer returns the consumer named name, or nil; seen is set to now
// unless now is 0.
func (g *streamGroup) consumer(name []byte, now int64) *streamConsumer {
	i, ok := g.consumerIndex(string(name))
	if !ok {
		return nil
	}
	if now != 0 {
		g.consumers[i].seen = now
	}
	return g.consumers[i]
}

// createConsumer adds a consumer; nil if one has that name.
func (g *streamGroup) createConsumer(name []byte, now int64) *streamConsumer {
	i, ok := g.consumerIndex(string(name))
	if ok {
		return nil
	}
	c := &streamConsumer{name: string(name), seen: now}
	g.consumers = slices.Insert(g.consumers, i, c)
	return c
}

// consumerFor returns the consumer named name, created if needed, and
// whether it was created.
func (g *streamGroup) consumerFor(name []byte, now int64) (*streamConsumer, bool) {
	if c := g.consumer(name, now); c != nil {
		return c, false
	}
	return g.createConsumer(name, now), true
}

// deleteConsumer deletes a consumer and its pending entries, returning how
// many it had; -1 if there is no such consumer.
func (g *streamGroup) deleteConsumer(name []byte) int {
	i, ok := g.consumerIndex(string(name))
	if !ok {
		return -1
	}
	c := g.consumers[i]
	for _, id := range c.pel {
		delete(g.pel, id)
		g.pelIDs.remove(id)
	}
	g.consumers = slices.Delete(g.consumers, i, i+1)
	return len(c.pel)
}

// ack removes id from the PELs; false if it was not pending.
func (g *streamGroup) ack(id streamID) bool {
	n, ok := g.pel[id]
	if !ok {
		return false
	}
	delete(g.pel, id)
	g.pelIDs.remove(id)
	n.consumer.pel.remove(id)
	return true
}

// assign makes c own the pending entry id (created if missing).
func (g *streamGroup) assign(id streamID, c *streamConsumer) *streamNACK {
	n, ok := g.pel[id]
	if !ok {
		n = &streamNACK{}
		g.pel[id] = n
		g.pelIDs.add(id)
	}
	if n.consumer != c {
		if n.consumer != nil {
			n.consumer.pel.remove(id)
		}
		n.consumer = c
		c.pel.add(id)
	}
	return n
}

// clone returns an independent copy of g.
func (g *streamGroup) clone() *streamGroup {
	out := &streamGroup{name: g.name, lastID: g.lastID, entriesRead: g.entriesRead,
		pel: make(map[streamID]*streamNACK, len(g.pel)), pelIDs: slices.Clone(g.pelIDs)}
	for _, c := range g.consumers {
		nc := &streamConsumer{name: c.name, seen: c.seen, pel: slices.Clone(c.pel)}
		out.consumers = append(out.consumers, nc)
		for _, id := range c.pel {
			n := *g.pel[id]
			n.consumer = nc
			out.pel[id] = &n
		}
	}
	return out
}

// rewrite emits XGROUP CREATE, then per consumer XGROUP CREATECONSUMER or
// an XCLAIM per pending entry, as Redis's rewriteStreamObject does.
func (g *streamGroup) rewrite(key string, emit func(args ...string) error) error {
	if err := emit("XGROUP", "CREATE", key, g.name, g.lastID.String(), "ENTRIESREAD", formatInt(g.entriesRead)); err != nil {
		return err
	}
	for _, c := range g.consumers {
		if len(c.pel) == 0 {
			if err := emit("XGROUP", "CREATECONSUMER", key, g.name, c.name); err != nil {
				return err
			}
			continue
		}
		for _, id := range c.pel {
			n := g.pel[id]
			if err := emit("XCLAIM", key, g.name, c.name, "0", id.String(), "TIME", formatInt(n.time),
				"RETRYCOUNT", formatInt(n.count), "JUSTID", "FORCE"); err != nil {
				return err
			}
		}
	}
	return nil
}

// lag returns the group's lag (entries not yet delivered) and whether it
// is known, as Redis's streamReplyWithCGLag computes it.
func (s *Stream) lag(g *streamGroup) (int64, bool) {
	if s.entriesAdded == 0 {
		return 0, true
	}
	if g.entriesRead != invalidEntriesRead && !s.hasTombstones(g.lastID, streamid.Max()) {
		return s.entriesAdded - g.entriesRead, true
	}
	if r := s.estimateRead(g.lastID); r != invalidEntriesRead {
		return s.entriesAdded - r, true
	}
	return 0, false
}

// hasTombstones reports whether an XDEL may have deleted entries within
// [start, end] (streamRangeHasTombstones).
func (s *Stream) hasTombstones(start, end streamID) bool {
	if s.length == 0 || s.maxDeleted.IsZero() || s.firstID.Cmp(s.maxDeleted) > 0 {
		return false
	}
	return start.Cmp(s.maxDeleted) <= 0 && s.maxDeleted.Cmp(end) <= 0
}

// estimateRead returns the read counter of id, or invalidEntriesRead when
// it cannot be known (streamEstimateDistanceFromFirstEverEntry).
func (s *Stream) estimateRead(id streamID) int64 {
	if s.entriesAdded == 0 {
		return 0
	}
	if s.length == 0 && id.Cmp(s.lastID) < 1 {
		return s.entriesAdded
	}
	switch cmpLast := id.Cmp(s.lastID); {
	case cmpLast == 0:
		return s.entriesAdded
	case cmpLast > 0:
		return invalidEntriesRead
	}
	if s.maxDeleted.IsZero() || s.maxDeleted.Cmp(s.firstID) < 0 {
		switch id.Cmp(s.firstID) {
		case -1:
			return s.entriesAdded - s.length
		case 0:
			return s.entriesAdded - s.length + 1
		}
	}
	return invalidEntriesRead
}

// delivered moves g's last delivered ID forward to id (an entry handed
// out), keeping its read counter as Redis does.
func (s *Stream) delivered(g *streamGroup, id streamID) bool {
	if id.Cmp(g.lastID) <= 0 {
		return false
	}
	if g.entriesRead != invalidEntriesRead && !s.hasTombstones(id, streamid.Max()) {
		g.entriesRead++
	} else if s.entriesAdded != 0 {
		g.entriesRead = s.estimateRead(id)
	}
	g.lastID = id
	return true
}

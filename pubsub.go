// pubsub.go holds publish/subscribe's registry, which the Server owns:
// the subscribers of each channel, pattern and shard channel, and what
// each client listens on. PUBLISH hands every receiver its message through
// the receiver's mailbox (mailbox.go), so it never waits on a slow
// subscriber: one past its client-output-buffer-limit is disconnected
// there. A client's subscriptions end with its connection. One lock guards
// the registry, so that every subscriber sees publishes in one order and
// the messages of one publish together, as in Redis.
package main

import (
	"cmp"
	"slices"
	"strconv"
	"sync"

	"nosql/internal/glob"
)

// subKind is what a subscription listens on.
type subKind int

const (
	subChannel subKind = iota // SUBSCRIBE: one channel
	subPattern                // PSUBSCRIBE: the channels a glob pattern matches
	subShard                  // SSUBSCRIBE: one shard channel
)

// subKinds names each kind's confirmations and messages.
var subKinds = [...]struct{ sub, unsub, message string }{
	subChannel: {"subscribe", "unsubscribe", "message"},
	subPattern: {"psubscribe", "punsubscribe", "pmessage"},
	subShard:   {"ssubscribe", "sunsubscribe", "smessage"},
}

// pubsubHub is the registry; mu guards it and every client's
// subscriptions (which only the client's own goroutine changes).
type pubsubHub struct {
	mu   sync.Mutex
	subs [len(subKinds)]map[string]map[*client]struct{} // by kind: name → subscribers
}

// subscriptions are what one client listens on, by kind: each name with
// the order it was subscribed in (UNSUBSCRIBE without names goes in it).
type subscriptions struct {
	names [len(subKinds)]map[string]uint64
	seq   uint64
}

// count is the number a confirmation of kind reports: channels and
// patterns together, or shard channels, as in Redis.
func (s *subscriptions) count(kind subKind) int {
	if kind == subShard {
		return len(s.names[subShard])
	}
	return len(s.names[subChannel]) + len(s.names[subPattern])
}

// total is the number of subscriptions of every kind.
func (s *subscriptions) total() int { return s.count(subChannel) + s.count(subShard) }

// inPubsub reports whether the client has a subscription (Redis's pubsub
// context). Only its own goroutine may ask.
func (c *client) inPubsub() bool { return c.subs != nil && c.subs.total() > 0 }

// add records c's subscription to name; false if it had it. h.mu is held.
func (h *pubsubHub) add(c *client, kind subKind, name string) bool {
	mine := &c.subs.names[kind]
	if _, ok := (*mine)[name]; ok {
		return false
	}
	if *mine == nil {
		*mine = make(map[string]uint64)
	}
	c.subs.seq++
	(*mine)[name] = c.subs.seq
	if h.subs[kind] == nil {
		h.subs[kind] = make(map[string]map[*client]struct{})
	}
	set := h.subs[kind][name]
	if set == nil {
		set = make(map[*client]struct{})
		h.subs[kind][name] = set
	}
	set[c] = struct{}{}
	return true
}

// remove forgets c's subscription to name; false if it had none. A name
// left without subscribers is forgotten. h.mu is held.
func (h *pubsubHub) remove(c *client, kind subKind, name string) bool {
	if _, ok := c.subs.names[kind][name]; !ok {
		return false
	}
	delete(c.subs.names[kind], name)
	set := h.subs[kind][name]
	delete(set, c)
	if len(set) == 0 {
		delete(h.subs[kind], name)
	}
	return true
}

// subscribe subscribes the client to each name, confirming each (one
// already subscribed too), as SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE do.
func (c *client) subscribe(kind subKind, names [][]byte) {
	h := c.joinPubsub()
	if c.subs.total() == 0 {
		c.enablePush(classPubsub) // before any publisher can find it
	}
	for _, n := range names {
		h.mu.Lock()
		h.add(c, kind, string(n))
		count := c.subs.count(kind)
		h.mu.Unlock()
		c.writeSubReply(subKinds[kind].sub, string(n), true, count)
	}
}

// unsubscribe unsubscribes the client from each name, or from every name
// of kind when none is given (in the order they were subscribed),
// confirming each; with nothing to unsubscribe from, it confirms with a
// null name, as Redis does.
func (c *client) unsubscribe(kind subKind, names [][]byte) {
	h := c.joinPubsub()
	all := len(names) == 0
	var list []string
	if all {
		list = c.subs.sorted(kind)
	} else {
		list = make([]string, len(names))
		for i, n := range names {
			list[i] = string(n)
		}
	}
	for _, n := range list {
		h.mu.Lock()
		h.remove(c, kind, n)
		count := c.subs.count(kind)
		h.mu.Unlock()
		c.writeSubReply(subKinds[kind].unsub, n, true, count)
	}
	if all && len(list) == 0 {
		c.writeSubReply(subKinds[kind].unsub, "", false, c.subs.count(kind))
	}
	c.endPubsubClass()
}

// joinPubsub gives the client its subscriptions, empty, if it has none
// yet, and returns the registry.
func (c *client) joinPubsub() *pubsubHub {
	h := &c.srv.pubsub
	if c.subs == nil {
		h.mu.Lock() // CLIENT LIST reads it from other goroutines
		c.subs = &subscriptions{}
		h.mu.Unlock()
	}
	return h
}

// endPubsubClass makes a client left without subscriptions a normal
// client again, for its output limit, as Redis's client type is.
func (c *client) endPubsubClass() {
	if c.q.class == classPubsub && !c.inPubsub() {
		c.enablePush(classNormal)
	}
}

// sorted returns the names of kind the client listens on, in the order
// it subscribed to them.
func (s *subscriptions) sorted(kind subKind) []string {
	m := s.names[kind]
	list := make([]string, 0, len(m))
	for n := range m {
		list = append(list, n)
	}
	slices.SortFunc(list, func(a, b string) int { return cmp.Compare(m[a], m[b]) })
	return list
}

// leavePubsub drops every subscription of the client, unconfirmed (its
// connection ended, or RESET).
func (c *client) leavePubsub() {
	if c.subs == nil {
		return
	}
	h := &c.srv.pubsub
	h.mu.Lock()
	for kind := range subKinds {
		for n := range c.subs.names[kind] {
			h.remove(c, subKind(kind), n)
		}
	}
	h.mu.Unlock()
}

// writeSubReply writes a subscription's confirmation: kind, the name (or
// a null), and the client's count; a push under RESP3, as in Redis. The
// messages pushed to the client before go first: once a client reads that
// it unsubscribed, no message of that subscription follows.
func (c *client) writeSubReply(kind, name string, named bool, count int) {
	c.asPush(func() {
		c.writePushes()
		c.writePushHeader(3)
		c.writeBulkString(kind)
		if named {
			c.writeBulkString(name)
		} else {
			c.writeNull()
		}
		c.writeInt(int64(count))
	})
}

// writePushHeader writes the header of an out-of-band reply of n
// elements: RESP3's push, RESP2's array.
func (c *client) writePushHeader(n int) {
	if c.resp == 3 {
		c.writeHeader('>', n)
		return
	}
	c.writeArray(n)
}

// publish sends msg on channel to its subscribers of kind (subChannel or
// subShard) and, for a channel, to the subscribers of each pattern
// matching it, and returns the number of receivers as Redis counts them:
// one per subscription that matched.
func (c *client) publish(kind subKind, channel, msg []byte) int {
	h := &c.srv.pubsub
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	if subs := h.subs[kind][string(channel)]; len(subs) > 0 {
		frame := pushFrame(subKinds[kind].message, channel, msg)
		for sub := range subs {
			c.deliver(sub, frame)
		}
		n += len(subs)
	}
	if kind != subChannel || len(h.subs[subPattern]) == 0 {
		return n
	}
	ch := string(channel)
	for pat, subs := range h.subs[subPattern] {
		if glob.Match(pat, ch) {
			frame := pushFrame("pmessage", []byte(pat), channel, msg)
			for sub := range subs {
				c.deliver(sub, frame)
			}
			n += len(subs)
		}
	}
	return n
}

// deliver hands a message to a subscriber. A client publishing to itself
// gets it at once, before its PUBLISH's reply as in Redis (after the
// messages others pushed to it before), except inside EXEC, whose reply
// it would break: it then follows that reply.
func (c *client) deliver(sub *client, frame string) {
	if sub == c && !c.execing {
		c.asPush(func() {
			c.writePushes()
			c.writePushed(frame)
		})
		return
	}
	sub.pushMessage(frame)
}

// pushFrame encodes a message as RESP2's array of bulk strings: its kind
// then its fields (the pattern, if any, the channel and the message).
func pushFrame(kind string, fields ...[]byte) string {
	size := 2*maxHeader + len(kind)
	for _, f := range fields {
		size += maxHeader + len(f)
	}
	b := make([]byte, 0, size)
	b = append(b, '*')
	b = strconv.AppendInt(b, int64(1+len(fields)), 10)
	b = append(b, '\r', '\n')
	b = appendBulk(b, []byte(kind))
	for _, f := range fields {
		b = appendBulk(b, f)
	}
	return bytesString(b) // never changed again
}

// appendBulk appends p as a RESP bulk string.
func appendBulk(b, p []byte) []byte {
	b = append(b, '$')
	b = strconv.AppendInt(b, int64(len(p)), 10)
	b = append(b, '\r', '\n')
	b = append(b, p...)
	return append(b, '\r', '\n')
}

// subscriberCounts returns the client's numbers of channels, patterns and
// shard channels, for CLIENT LIST; any goroutine may ask.
func (c *client) subscriberCounts() (sub, psub, ssub int) {
	h := &c.srv.pubsub
	h.mu.Lock()
	defer h.mu.Unlock()
	if c.subs == nil {
		return 0, 0, 0
	}
	return len(c.subs.names[subChannel]), len(c.subs.names[subPattern]), len(c.subs.names[subShard])
}

// pubsubCounts returns the numbers of channels, patterns and shard
// channels with subscribers, for INFO.
func (s *Server) pubsubCounts() (channels, patterns, shard int) {
	h := &s.pubsub
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs[subChannel]), len(h.subs[subPattern]), len(h.subs[subShard])
}

// channelNames returns the names of kind with subscribers that match
// pattern (nil: all), sorted.
func (s *Server) channelNames(kind subKind, pattern []byte) []string {
	h := &s.pubsub
	pat := string(pattern)
	h.mu.Lock()
	var names []string
	for n := range h.subs[kind] {
		if pattern == nil || glob.Match(pat, n) {
			names = append(names, n)
		}
	}
	h.mu.Unlock()
	slices.Sort(names)
	return names
}

// numSub returns the number of subscribers of each name of kind.
func (s *Server) numSub(kind subKind, names [][]byte) []int {
	h := &s.pubsub
	h.mu.Lock()
	defer h.mu.Unlock()
	counts := make([]int, len(names))
	for i, n := range names {
		counts[i] = len(h.subs[kind][string(n)])
	}
	return counts
}

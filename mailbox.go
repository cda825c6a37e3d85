// mailbox.go holds what other goroutines may hand a client while its
// connection's goroutine serves it: messages pushed to it (pub/sub), and
// the end of a wait a command asked for (block.go). The connection's
// goroutine stays the only one to read and write the socket: a pusher only
// queues, and when the connection is in a read, interrupts that read with a
// past deadline (kick), the one way to wake a goroutine blocked in
// net.Conn.Read. The connection then writes what was pushed between two
// replies, never inside one. A connection pays for none of this until its
// client takes pushes (enablePush) or blocks.
package main

import (
	"errors"
	"net"
	"os"
	"runtime"
	"sync"
	"time"
)

// longAgo is a deadline that has passed: setting it interrupts a read.
var longAgo = time.Unix(1, 0)

// waitState is how far a blocked command's wait has got.
type waitState uint8

const (
	notWaiting       waitState = iota
	waiting                    // blocked, until one of the states below
	woken                      // a waker handed the command what it waited for
	timedOut                   // its timeout passed
	unblockedTimeout           // CLIENT UNBLOCK [TIMEOUT]: answered as if timed out
	unblockedError             // CLIENT UNBLOCK ERROR: answered with -UNBLOCKED
)

// mailbox is a client's side door, guarded by mu; see the file comment.
type mailbox struct {
	mu        sync.Mutex
	nc        net.Conn    // what kick interrupts; nil before serve and for the log's replay
	msgs      []string    // pushed, not yet taken, oldest first
	spare     []string    // the taker's emptied slice, reused
	bytes     int64       // the size of msgs, also in the server's queued output
	backlog   int64       // the connection's own output while it writes it
	softSince time.Time   // since when bytes+backlog are past the soft limit
	class     outputClass // whose client-output-buffer-limit applies
	takes     bool        // the client takes pushes (enablePush)
	reading   bool        // the connection is in a read: kick it to hand it something
	kicked    bool        // that read was interrupted: its deadline has passed
	closed    bool        // the connection ended or passed its limit: pushes are dropped
	wait      waitState
}

// open lets pushes and kicks reach the connection nc.
func (m *mailbox) open(nc net.Conn) {
	m.mu.Lock()
	m.nc = nc
	m.mu.Unlock()
}

// enablePush makes the client take pushed messages, counted against the
// output limit of class (pubsub for a subscriber, as in Redis). It must
// run on the client's own goroutine (a command's handler) before the
// client is made known to pushers. Taking pushes is never undone (a
// client that no longer subscribes just receives nothing); a call with
// another class changes the limits that apply.
func (c *client) enablePush(class outputClass) {
	c.pushable, c.q.class = true, class
	c.mbox.mu.Lock()
	c.mbox.class, c.mbox.takes = class, true
	c.mbox.mu.Unlock()
}

// pushMessage hands the client msg, one whole encoded reply in RESP2 (a
// pub/sub message: an array, which a RESP3 client is sent as a push),
// from any goroutine. The connection writes pushes in the order pushed,
// between replies, queueing a long one by reference, so that one message
// may go to many clients. A client whose
// pushes take its output past a limit is disconnected, as Redis does; it
// then drops msg and reports false, as it does for a client gone or one
// that never called enablePush.
func (c *client) pushMessage(msg string) bool {
	m := &c.mbox
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed || !m.takes || m.nc == nil {
		return false
	}
	m.msgs = append(m.msgs, msg)
	m.bytes += int64(len(msg))
	c.srv.outQueued.Add(int64(len(msg)))
	pending := m.bytes + m.backlog
	if which := c.srv.pastLimit(c.srv.set.outputLimit(m.class), pending, &m.softSince); which != "" {
		c.srv.log.Warn("closing client that reached the output buffer limit",
			"client", c.peer(), "limit", which, "pending_bytes", pending)
		m.drop(c.srv)
		m.nc.Close() // its goroutine's read or write fails: it ends
		return false
	}
	m.kick()
	return true
}

// kick interrupts the connection's read, if it is in one, so that it
// comes for what it was handed. m.mu is held.
func (m *mailbox) kick() {
	if m.reading && !m.kicked {
		m.kicked = true
		m.nc.SetReadDeadline(longAgo)
	}
}

// drop discards the messages not taken and refuses any more (the
// connection ends). m.mu is held.
func (m *mailbox) drop(s *Server) {
	s.outQueued.Add(-m.bytes)
	clear(m.msgs)
	m.msgs, m.bytes, m.closed = m.msgs[:0], 0, true
}

// close ends the mailbox with its connection: pushes and wakes fail from
// now on.
func (m *mailbox) close(s *Server) {
	m.mu.Lock()
	m.drop(s)
	m.wait = notWaiting
	m.mu.Unlock()
}

// take returns the messages pushed since the last take (valid until the
// next take) and empties the mailbox.
func (m *mailbox) take(s *Server) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	msgs := m.msgs
	clear(m.spare)
	m.msgs, m.spare = m.spare[:0], msgs
	s.outQueued.Add(-m.bytes)
	m.bytes = 0
	return msgs
}

// setBacklog tells pushers how much of the connection's own output is
// pending, so a push is checked against the client's whole output.
func (m *mailbox) setBacklog(n int64) {
	m.mu.Lock()
	m.backlog = n
	m.mu.Unlock()
}

// settleWait bounds how long one CLIENT LIST waits for writes to finish.
const settleWait = 10 * time.Millisecond

// settle gives a write of the connection's own output in progress until
// end to finish: its peer may already hold the bytes (Redis, one thread,
// would have counted them sent), so CLIENT LIST waits that long before it
// counts them pending; a write that stays blocked is shown.
func (m *mailbox) settle(end time.Time) {
	for {
		m.mu.Lock()
		writing := m.backlog > 0
		m.mu.Unlock()
		if !writing || time.Now().After(end) {
			return
		}
		runtime.Gosched()
	}
}

// enterRead is called by the connection before a read, its deadline
// armed: it marks the connection as reading (so kicks reach it) and
// reports read true, unless messages wait or its wait has ended (ended
// true), which it must see to first.
func (m *mailbox) enterRead() (read, ended bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.wait > waiting {
		return false, true
	}
	if len(m.msgs) > 0 {
		return false, false
	}
	m.reading = true
	return true, false
}

// leaveRead is called by the connection after the read, and reports
// whether it was kicked: its deadline has then passed and must be set again.
func (m *mailbox) leaveRead() (kicked bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	kicked = m.kicked
	m.reading, m.kicked = false, false
	return kicked
}

// flushPushes is flush for a client that takes pushes: the messages pushed
// so far join the output after the replies already there, and pushers
// see the output pending while it is written.
func (c *conn) flushPushes() error {
	c.writePushes()
	if c.q.over {
		return errOutputLimit
	}
	c.mbox.setBacklog(c.pendingOut())
	err := c.flushReplies()
	c.mbox.setBacklog(0)
	return err
}

// writePushes moves the messages pushed so far into the output.
func (c *client) writePushes() {
	for _, msg := range c.mbox.take(c.srv) {
		c.writePushed(msg)
	}
}

// writePushed writes one pushed message. To a RESP3 client a pushed
// array goes as RESP3's push type, Redis's for every pushed array.
func (c *client) writePushed(msg string) {
	if c.resp == 3 && len(msg) > 0 && msg[0] == '*' {
		c.writeConst(">")
		msg = msg[1:]
	}
	putStored(c, msg) // stored strings and messages never change
}

// isDeadline reports whether err is a read deadline passing.
func isDeadline(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }

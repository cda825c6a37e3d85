// block.go lets a command wait (BLPOP and the other blocking commands):
// its handler calls block and returns; the connection then sends the
// replies already due, and waits, running nothing more the client sent,
// until a waker (another client's goroutine) wakes it, CLIENT UNBLOCK
// unblocks it, its timeout passes, or the client leaves. Pushed messages
// are still written meanwhile. While it waits the connection goes on
// reading, into its reader only, so that it sees the client leave (Redis
// then unblocks and frees it); the input is bounded by the query buffer
// limit, as Redis's is.
package main

import (
	"errors"
	"time"
)

// blockReq is a wait a command asked for.
type blockReq struct {
	deadline                 time.Time // zero: none
	onWake, onTimeout, onEnd func()
}

// block makes the client wait once the current command returns, until one
// of these, each running on the client's own goroutine:
//   - another goroutine calls wake: onWake writes the reply from what the
//     waker handed over (the waker does the command's work, as Redis serves
//     a blocked client in the context of the write that readied its key);
//   - timeout passes (0: never), or CLIENT UNBLOCK [TIMEOUT] (unblock
//     false): onTimeout writes the timeout reply;
//   - CLIENT UNBLOCK ERROR (unblock true): the reply is -UNBLOCKED;
//   - the client leaves or the server shuts down: no reply.
//
// onEnd (nil: none) runs first whichever way the wait ends: it forgets the
// client wherever wakers look for it. A waker may find the client from the
// moment block returns. The callbacks must not keep the command's
// arguments, whose buffer the wait reuses; a reply after onWake waits for
// the append-only file like a write's. The replay of the log and a
// transaction must not block (the command then answers as if timed out).
func (c *client) block(timeout time.Duration, onWake, onTimeout, onEnd func()) {
	b := &blockReq{onWake: onWake, onTimeout: onTimeout, onEnd: onEnd}
	if timeout > 0 {
		b.deadline = time.Now().Add(timeout)
	}
	c.blocked = b
	c.mbox.mu.Lock()
	c.mbox.wait = waiting
	c.mbox.mu.Unlock()
}

// wake ends the client's wait, from any goroutine: its onWake will run. It
// reports false if the client was not waiting (never blocked, or its wait
// already ended: woken, timed out, unblocked, gone); the waker then keeps
// what it had for the client, for another one.
func (c *client) wake() bool { return c.mbox.endWait(woken) }

// unblock ends the client's wait as CLIENT UNBLOCK does, with an error
// reply or as if it timed out; false if it was not waiting.
func (c *client) unblock(withError bool) bool {
	if withError {
		return c.mbox.endWait(unblockedError)
	}
	return c.mbox.endWait(unblockedTimeout)
}

// endWait moves a waiting client to state s and kicks its connection;
// false if it was not waiting. Only the first way to end a wait counts.
func (m *mailbox) endWait(s waitState) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.wait != waiting {
		return false
	}
	m.wait = s
	m.kick()
	return true
}

// finishWait returns how the wait ended and clears it.
func (m *mailbox) finishWait() waitState {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.wait
	m.wait = notWaiting
	return s
}

// await carries out the wait the command just run asked for, and writes
// its reply; false when the connection must end instead.
func (c *conn) await() bool {
	b := c.blocked
	c.blocked = nil
	ok := c.waitFor(b)
	s := c.mbox.finishWait()
	c.rearm = true // the wait set read deadlines of its own
	if b.onEnd != nil {
		b.onEnd()
	}
	if !ok {
		return false
	}
	switch s {
	case woken:
		b.onWake()
		c.wrote = true
	case timedOut, unblockedTimeout:
		b.onTimeout()
	case unblockedError:
		c.writeError("UNBLOCKED client unblocked via CLIENT UNBLOCK")
	}
	c.startBatch(time.Now())
	c.arrived = c.batchStart.UnixNano() // what follows the wait comes now
	return true
}

// waitFor sends the replies due and waits until the wait of b ends (true),
// or the connection must end first: the client left, its input passed the
// query buffer limit, a write failed, or the server is shutting down.
func (c *conn) waitFor(b *blockReq) bool {
	for {
		if c.q.over || c.flush() != nil {
			return false
		}
		c.nc.SetReadDeadline(b.deadline)
		if c.srv.closing.Load() { // after the deadline: Shutdown's wins
			return false
		}
		read, ended := c.mbox.enterRead()
		if ended {
			return true
		}
		if !read {
			continue // pushed messages: send them
		}
		c.releaseOut()
		err := c.rd.fill()
		kicked := c.mbox.leaveRead()
		switch {
		case err == nil && !c.rd.eof, kicked && isDeadline(err):
			continue
		case isDeadline(err) && !c.srv.closing.Load():
			if !b.deadline.IsZero() {
				c.mbox.endWait(timedOut) // unless a waker came first
			}
			continue
		case errors.Is(err, errQueryLimit):
			c.protocolError(err)
		}
		return false
	}
}

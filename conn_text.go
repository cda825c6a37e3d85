// conn_text.go holds what a connection does for line-framed clients besides
// framing: it sends the reader's telnet answers, and it answers a first
// message sent without a newline once nothing more has arrived for
// bareWait (the original clients send one message and wait).
package main

import (
	"errors"
	"os"
	"time"
)

// bareWait is how long a first message without a newline waits for more
// bytes before it is taken as complete.
const bareWait = 200 * time.Millisecond

// armReadDeadline runs before each read and sets the read deadline that
// applies, or clears one it set: a first semicolon request with no newline
// waits bareWait at most for more bytes (the shortest wait, as timeout is
// at least a second); otherwise an idle client may wait the timeout's
// seconds (limits.go). It must run before serve checks for shutdown, which
// wakes readers with a deadline of its own.
func (c *conn) armReadDeadline() {
	bare := c.rd.bareWaiting()
	secs := c.srv.set.timeout.Load()
	switch {
	case bare:
		c.nc.SetReadDeadline(time.Now().Add(bareWait))
	case secs > 0:
		c.nc.SetReadDeadline(time.Now().Add(time.Duration(secs) * time.Second))
	case c.bareArmed || c.idleArmed || c.rearm:
		c.nc.SetReadDeadline(time.Time{})
	}
	c.bareArmed, c.idleArmed, c.rearm = bare, !bare && secs > 0, false
}

// bareTimedOut reports whether a read failed only because armReadDeadline's
// deadline passed; the reader then takes the message as complete.
func (c *conn) bareTimedOut(err error) bool {
	if !c.bareArmed || !errors.Is(err, os.ErrDeadlineExceeded) || c.srv.closing.Load() {
		return false
	}
	c.rd.endBare()
	c.startBatch(time.Now())
	return true
}

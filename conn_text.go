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

// armBareWait runs before each read: while the reader waits for the rest
// of a first semicolon request with no newline, the read may wait bareWait
// at most; otherwise a deadline it set is cleared. It must run before serve
// checks for shutdown, which wakes readers with a deadline of its own.
func (c *conn) armBareWait() {
	wait := c.rd.bareWaiting()
	if wait {
		c.nc.SetReadDeadline(time.Now().Add(bareWait))
	} else if c.bareArmed {
		c.nc.SetReadDeadline(time.Time{})
	}
	c.bareArmed = wait
}

// bareTimedOut reports whether a read failed only because armBareWait's
// deadline passed; the reader then takes the message as complete.
func (c *conn) bareTimedOut(err error) bool {
	if !c.bareArmed || !errors.Is(err, os.ErrDeadlineExceeded) || c.srv.closing.Load() {
		return false
	}
	c.rd.endBare()
	c.batchStart, c.lastLap = time.Now(), 0
	return true
}

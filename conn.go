// conn.go serves one client connection: read what has arrived, answer
// every whole request into the output buffer (outbuf.go), and write it once
// input is drained (or it grows large), so pipelined requests cost one write.
// Its goroutine alone reads and writes the socket; other goroutines reach it
// through the client's mailbox (mailbox.go), and a command may make it wait
// (block.go).
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"
)

var errTooManyFiles = syscall.EMFILE

const (
	flushAt      = 64 << 10 // write replies early past this many bytes
	tooLongDrain = time.Second
)

// conn is one client connection.
type conn struct {
	*client // what its commands see: the replies, the protocol, the name
	nc      net.Conn
	rd      *reader
	stamps  stampedReader // what rd reads: the connection, with arrival times

	wrote     bool // the batch ran writes: its replies wait for the log
	inText    bool // the request being served is a semicolon request
	idleArmed bool // the read deadline is the idle timeout's
	bareArmed bool // the read deadline is a bare first message's wait
	rearm     bool // the read deadline was set by a kick or a wait
}

// serve answers requests until the client leaves, a protocol error, or
// shutdown.
func (c *conn) serve() {
	defer c.srv.removeConn(c)
	defer c.srv.pause.passTurn(c.client) // it may have left with its turn to run
	defer c.nc.Close()
	defer c.mbox.close(c.srv)
	defer c.dropOutput()
	defer c.unwatch(false) // after contain: a panic has released its locks
	defer c.releaseWoken() // ... and must not leave the clients it woke waiting
	defer c.contain()
	c.mbox.open(c.nc)
	for {
		f, err := c.rd.next()
		c.out = c.rd.appendTelnet(c.out)
		if err != nil {
			c.protocolError(err)
			return
		}
		c.inText = f == frameText
		switch f {
		case frameText:
			c.serveText()
		case frameRESP, frameInline:
			if c.dispatch(c.rd.args) {
				c.wrote = true
			}
		case frameNone:
			if c.flush() != nil || c.closeAfter || c.rd.eof {
				return
			}
			c.armReadDeadline() // before the check: Shutdown's deadline wins
			if c.srv.closing.Load() {
				return
			}
			if c.pushable {
				if read, _ := c.mbox.enterRead(); !read {
					continue // messages were pushed: send them first
				}
			}
			c.releaseOut()
			err := c.rd.fill()
			if c.pushable && c.mbox.leaveRead() {
				c.rearm = true
				if isDeadline(err) {
					continue
				}
			}
			if err != nil {
				if c.bareTimedOut(err) {
					continue
				}
				if errors.Is(err, errQueryLimit) {
					c.protocolError(err)
				} else if errors.Is(err, os.ErrDeadlineExceeded) && c.idleArmed && !c.srv.closing.Load() {
					c.srv.log.Debug("closing idle client", "client", c.peer())
				} else if !errors.Is(err, os.ErrDeadlineExceeded) {
					c.srv.log.Debug("read failed", "client", c.peer(), "err", err)
				}
				return
			}
			c.startBatch(time.Now())
			c.arrived = c.stamps.arrived()
			c.fresh = true
			c.info.seen.Store(c.batchStart.Unix())
			if c.rd.waiting {
				// a request arriving in many reads lets other clients run
				// between them, as an event loop serves each ready client
				runtime.Gosched()
			}
			continue
		}
		if len(c.serving.later) > 0 {
			c.serveDeferred()
		}
		for c.blocked != nil { // a command run after a wait may wait again
			if !c.await() {
				return
			}
		}
		c.showState()
		if c.hangUp || c.q.over { // close at once, sending nothing
			return
		}
		if c.closeAfter {
			c.flush()
			return
		}
		if c.q.queued >= flushAt && c.flush() != nil {
			return
		}
	}
}

// serveText answers a semicolon request, unless a pause holds it.
func (c *conn) serveText() {
	if cmd, _, _ := bytes.Cut(c.rd.line, []byte{';'}); isHTTPCommand(trimField(cmd)) {
		c.crossProtocolAttack()
		return
	}
	if c.srv.pause.kind.Load() != pauseOff && c.pauseText(c.rd.line) {
		return
	}
	c.answerText(c.rd.line)
}

// answerText answers a semicolon request into the current block, which a
// long response may grow past its size.
func (c *conn) answerText(line []byte) {
	c.room(textRoom)
	var write bool
	c.out, write = c.client.serveText(line, c.out)
	if cap(c.out) > outBlockSize {
		c.nextBlock()
	}
	if write {
		c.wrote = true
	}
	c.lap()
	c.srv.stats.commands.Add(1)
}

// contain ends a connection whose request panicked, so that one bad
// request never ends the server: the panic is logged with its stack, the
// client is told and disconnected, and every other client goes on. The
// locks the request held are released by their deferred unlocks.
func (c *conn) contain() {
	p := recover()
	if p == nil {
		return
	}
	c.srv.log.Error("panic while serving a request; closing the client",
		"client", c.peer(), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	defer func() { recover() }() // a client that cannot be written to is closed anyway
	if c.inText {
		putOut(c.client, "False;ERROR: internal error\n")
	} else {
		c.writeError("ERR internal error")
	}
	c.flush()
}

// lap returns the time since the end of the previous request (or since
// the batch was read), which is how long this request took.
func (c *client) lap() time.Duration {
	now := time.Since(c.batchStart)
	d := now - c.lastLap
	c.lastLap = now
	return d
}

// startBatch notes that a batch of requests was read at now: the start of
// its commands' timings and their LRU clock.
func (c *client) startBatch(now time.Time) {
	c.batchStart, c.lastLap, c.batchLRU = now, 0, lruKnown|lruClock(now.Unix())
}

// flush writes buffered replies, and the messages pushed since the last
// flush after them.
func (c *conn) flush() error {
	c.countStats()
	if c.pushable {
		return c.flushPushes()
	}
	return c.flushReplies()
}

// flushReplies writes buffered replies, after the append-only file holds
// every write they acknowledge (as the fsync policy requires). While the
// file cannot be written the replies wait, as the writer retries; if it is
// closed first, the connection ends with no reply.
func (c *conn) flushReplies() error {
	if c.wrote {
		if err := c.srv.waitDurable(); err != nil {
			c.srv.log.Warn("closing client unanswered: the append-only file closed before storing its writes", "client", c.peer())
			return err
		}
		c.wrote = false
	}
	return c.writeOut()
}

// protocolError answers a request that could not be framed and ends the
// connection. A too-long semicolon line is answered in that protocol, after
// which the client's input is discarded for up to a second so it reads the
// error rather than a reset. A request past the query buffer limit is not
// answered, as in Redis.
func (c *conn) protocolError(err error) {
	if errors.Is(err, errQueryLimit) {
		c.srv.log.Warn("closing client that reached the query buffer limit", "client", c.peer())
		return
	}
	var pe *protoError
	if !errors.As(err, &pe) {
		return
	}
	c.srv.log.Debug("protocol error", "client", c.peer(), "err", pe.msg)
	if pe.text {
		putOut(c.client, "False;"+pe.msg+"\n")
	} else {
		c.writeError("ERR " + pe.msg)
	}
	if c.flush() != nil {
		return
	}
	if tc, ok := c.nc.(*net.TCPConn); ok {
		tc.CloseWrite()
		tc.SetReadDeadline(time.Now().Add(tooLongDrain))
		io.Copy(io.Discard, tc)
	}
}

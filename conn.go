// conn.go serves one client connection: read what has arrived, answer
// every whole request into an output buffer, and write the buffer once
// input is drained (or it grows large), so pipelined requests cost one write.
package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"
	"syscall"
	"time"
)

var errTooManyFiles = syscall.EMFILE

const (
	flushAt       = 64 << 10 // write replies early past this many bytes
	maxKeptOutBuf = 256 << 10
	tooLongDrain  = time.Second
)

// conn is one client connection.
type conn struct {
	srv     *Server
	nc      net.Conn
	rd      *reader
	out     []byte
	id      int64
	created time.Time
	name    string // CLIENT SETNAME
	lastCmd string

	writes     []replySpan // where in out the replies to those writes are
	closeAfter bool        // close once replies are written (QUIT, SHUTDOWN)
	inText     bool        // the request being served is a semicolon request
	hangUp     bool        // close at once, unanswered (a cross-protocol attack)
	authed     bool        // AUTH succeeded, or no password was set when it connected
	idleArmed  bool        // the read deadline is the idle timeout's
	bareArmed  bool        // the read deadline is a bare first message's wait

	// timing for INFO commandstats with one clock read per command: the
	// time since the batch was read, at the end of the last request
	batchStart time.Time
	lastLap    time.Duration
	strs       []string // reusable scratch for list replies
}

// serve answers requests until the client leaves, a protocol error, or
// shutdown.
func (c *conn) serve() {
	defer c.srv.removeConn(c)
	defer c.nc.Close()
	defer c.contain()
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
			var write bool
			start := len(c.out)
			c.out, write = c.srv.serveText(c.rd.line, c.out, !c.authRequired())
			c.noteWrite(start, write, true)
			c.lap()
			c.srv.stats.commands.Add(1)
		case frameRESP, frameInline:
			start := len(c.out)
			c.noteWrite(start, c.dispatch(c.rd.args), false)
		case frameNone:
			if c.flush() != nil || c.closeAfter || c.rd.eof {
				return
			}
			c.armReadDeadline() // before the check: Shutdown's deadline wins
			if c.srv.closing.Load() {
				return
			}
			if err := c.rd.fill(); err != nil {
				if c.bareTimedOut(err) {
					continue
				}
				if errors.Is(err, errQueryLimit) {
					c.protocolError(err)
				} else if errors.Is(err, os.ErrDeadlineExceeded) && c.idleArmed && !c.srv.closing.Load() {
					c.srv.log.Debug("closing idle client", "client", c.nc.RemoteAddr().String())
				} else if !errors.Is(err, os.ErrDeadlineExceeded) {
					c.srv.log.Debug("read failed", "client", c.nc.RemoteAddr().String(), "err", err)
				}
				return
			}
			c.batchStart, c.lastLap = time.Now(), 0
			continue
		}
		if c.hangUp {
			return
		}
		if c.closeAfter {
			c.flush()
			return
		}
		if len(c.out) >= flushAt && c.flush() != nil {
			return
		}
	}
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
		"client", c.nc.RemoteAddr().String(), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	if c.inText {
		c.out = append(c.out, "False;ERROR: internal error\n"...)
	} else {
		c.writeError("ERR internal error")
	}
	defer func() { recover() }() // a client that cannot be written to is closed anyway
	c.flush()
}

// lap returns the time since the end of the previous request (or since
// the batch was read), which is how long this request took.
func (c *conn) lap() time.Duration {
	now := time.Since(c.batchStart)
	d := now - c.lastLap
	c.lastLap = now
	return d
}

// flush writes buffered replies, after the append-only file holds every
// write they acknowledge (as the fsync policy requires).
func (c *conn) flush() error {
	if len(c.writes) > 0 {
		if err := c.srv.waitDurable(); err != nil {
			c.refuseUnstored(err) // no acknowledgement of what is not stored
		}
	}
	c.writes = c.writes[:0]
	if len(c.out) == 0 {
		return nil
	}
	_, err := c.nc.Write(c.out)
	if cap(c.out) > maxKeptOutBuf {
		c.out = nil
	} else {
		c.out = c.out[:0]
	}
	return err
}

// protocolError answers a request that could not be framed and ends the
// connection. A too-long semicolon line is answered in that protocol, after
// which the client's input is discarded for up to a second so it reads the
// error rather than a reset. A client past the query buffer limit is
// closed without a reply, with a warning logged.
func (c *conn) protocolError(err error) {
	if errors.Is(err, errQueryLimit) {
		c.srv.log.Warn("closing client that reached the query buffer limit", "client", c.nc.RemoteAddr().String())
		return
	}
	var pe *protoError
	if !errors.As(err, &pe) {
		return
	}
	c.srv.log.Debug("protocol error", "client", c.nc.RemoteAddr().String(), "err", pe.msg)
	if pe.text {
		c.out = append(c.out, "False;"+pe.msg+"\n"...)
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

// arrival.go tells when a request arrived. Each connection runs on a
// goroutine of its own, so two requests that arrive microseconds apart on
// two connections may be read, and run, in either order; where the order
// matters to clients (the queue of clients blocked on a key, served first
// come first served), the time the kernel received the bytes decides it,
// as the order Redis's single thread reads them in does. Where the kernel
// cannot tell (another system, a connection that is not TCP), the time the
// read returned stands in for it.
package main

import (
	"io"
	"net"
	"runtime"
	"time"
)

// stampedReader reads a connection and remembers when the bytes of its
// last read arrived, in Unix nanoseconds.
type stampedReader interface {
	io.Reader
	arrived() int64
}

// plainReader stamps a read with the time it returned.
type plainReader struct {
	io.Reader
	at int64
}

// Read reads from the wrapped reader, noting when bytes arrived.
func (p *plainReader) Read(b []byte) (int, error) {
	n, err := p.Reader.Read(b)
	if n > 0 {
		p.at = time.Now().UnixNano()
	}
	return n, err
}

func (p *plainReader) arrived() int64 { return p.at }

// newStampedReader reads nc, with the kernel's receive times where the
// system gives them (arrival_linux.go).
func newStampedReader(nc net.Conn) stampedReader {
	if r := kernelStamped(nc); r != nil {
		return r
	}
	return &plainReader{Reader: nc}
}

// Connections run on goroutines of their own, and the poller may wake
// those of requests that arrived together in any order (often newest
// first). Where that order shows, between a blocking request and a write
// that would serve it, or a (un)subscription and a publish, nosql
// restores the order they arrived in: such a request (flagOrdered, or an
// EXEC with watched keys, whose outcome a later write may change) marks
// itself (orderedAt) from the moment it is read until it has run (queued,
// if it blocks, in arrival order), and a write or publish that arrived
// after one waits (earlierWait at most) until it has run. A connection
// that read a batch lets the others that woke with it read theirs (a
// scheduler turn) before its first request, once the server has seen
// such a command: they then mark themselves in time.

// earlierWait bounds how long a write waits for earlier ordered requests.
const earlierWait = 10 * time.Millisecond

// markOrdered marks c as running an ordered command that arrived with
// its batch, and reports whether it did. An EXEC with watched keys is
// ordered too: whether it fails depends on the writes before it.
func (c *client) markOrdered(cmd *command) bool {
	if cmd == nil || c.arrived == 0 {
		return false
	}
	if cmd.flags&flagOrdered == 0 && (len(c.watching) == 0 || cmd.name != "exec") {
		return false
	}
	c.orderedAt.Store(c.arrived)
	c.srv.orderedInflight.Add(1)
	c.srv.orderedSeen.Store(true)
	return true
}

// unmarkOrdered ends what markOrdered began: the command has run.
func (c *client) unmarkOrdered() {
	c.orderedAt.Store(0)
	c.srv.orderedInflight.Add(-1)
}

// freshYields is how many turns yieldFresh gives.
const freshYields = 1

// yieldFresh gives the other goroutines a turn before the first request
// of a batch, once the server has seen an ordered command.
func (c *client) yieldFresh() {
	if c.fresh {
		c.fresh = false
		for i := 0; i < freshYields && c.srv.orderedSeen.Load(); i++ {
			runtime.Gosched()
		}
	}
}

// awaitEarlierOrdered waits, holding no lock, until the ordered requests
// that arrived before c's batch have run, or earlierWait passed.
func (c *client) awaitEarlierOrdered() {
	if c.arrived == 0 {
		return
	}
	type mark struct {
		c  *client
		at int64
	}
	var buf [8]mark
	earlier := buf[:0]
	s := c.srv
	s.mu.Lock()
	for o := range s.conns {
		if at := o.orderedAt.Load(); o.client != c && at != 0 && at < c.arrived {
			earlier = append(earlier, mark{o.client, at})
		}
	}
	s.mu.Unlock()
	end := time.Now().Add(earlierWait)
	for i := 0; i < len(earlier) && time.Now().Before(end); {
		if earlier[i].c.orderedAt.Load() != earlier[i].at {
			i++
			continue
		}
		runtime.Gosched()
	}
}

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

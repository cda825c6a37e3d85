// outbuf.go holds a connection's pending output. Replies are written into
// fixed-size blocks taken from a pool the server owns; a block that fills
// joins a queue, and flush writes the queue with writev (net.Buffers),
// letting each block go once written. A reply of any size so grows one
// block at a time, nothing already buffered is copied again, and its
// resident memory stays within a few percent of its size. Each time a
// block fills, the client-output-buffer-limit is checked (outlimit.go).
package main

import (
	"errors"
	"net"
	"os"
	"runtime"
	"time"
	"unsafe"
)

const (
	outBlockSize = 16 << 10                   // a Go size class: no memory lost to rounding
	maxHeader    = 24                         // room for the longest header: "$-9223372036854775808\r\n"
	textRoom     = 256                        // room made before a semicolon reply
	shortReply   = 512                        // a bulk reply this short is never split across blocks
	writeChunk   = 64                         // queued blocks per writev (1 MiB)
	keptBlocks   = 2 * flushAt / outBlockSize // blocks a flush gives back to the pool; the GC takes the rest
	yieldEvery   = 64                         // a reply being built yields the processor every this many blocks
	refMin       = 64 << 10                   // a stored string this long is queued by reference, not copied
)

// outBlock is the memory of one output block.
type outBlock [outBlockSize]byte

// outQueue is the output a connection has buffered beyond its current
// block (conn.out), and its limit state. The limits apply to the queue, as
// Redis's apply to the reply list beyond its 16 KiB client buffer.
type outQueue struct {
	full      [][]byte    // full blocks, oldest first
	queued    int64       // bytes in full
	class     outputClass // whose client-output-buffer-limit applies
	over      bool        // past a limit: output is discarded; closed after this command
	dropped   int64       // output dropped unsent (at a limit, or a failed write)
	softSince time.Time   // since when the output has been past the soft limit
	vecs      [][]byte    // reused backing of iov
	iov       net.Buffers // what writev is writing
}

// errOutputLimit ends a connection whose output passed its limit.
var errOutputLimit = errors.New("client output buffer limit reached")

// newBlock returns an empty block from the pool.
func (s *Server) newBlock() []byte {
	if b, ok := s.blocks.Get().(*outBlock); ok {
		return b[:0]
	}
	return new(outBlock)[:0]
}

// freeBlock gives a block back to the pool (a block a text reply grew is
// left to the GC).
func (s *Server) freeBlock(b []byte) {
	if cap(b) == outBlockSize {
		s.blocks.Put((*outBlock)(b[:outBlockSize]))
	}
}

// room makes sure the current block has n bytes free (n ≤ outBlockSize),
// so the append that follows never reallocates it.
func (c *client) room(n int) {
	if cap(c.out)-len(c.out) < n {
		c.nextBlock()
	}
}

// nextBlock queues the current block, if it holds anything, checks the
// limits, and starts a new block. Past a limit, output is discarded: the
// current block is emptied and reused; so is a discarding writer's.
func (c *client) nextBlock() {
	if c.q.over || c.discard {
		if cap(c.out) != outBlockSize {
			c.out = c.srv.newBlock()
		}
		c.out = c.out[:0]
		return
	}
	if len(c.out) > 0 {
		c.enqueue(c.out)
		c.out = nil
		c.checkOutputLimit()
		if len(c.q.full)%yieldEvery == 0 {
			runtime.Gosched() // a long reply lets other clients run
		}
	}
	c.out = c.srv.newBlock()
}

// enqueue adds b to the queue, counting it in the connection's and the
// server's queued output.
func (c *client) enqueue(b []byte) {
	c.q.full = append(c.q.full, b)
	c.q.queued += int64(len(b))
	c.srv.outQueued.Add(int64(len(b)))
}

// dequeued counts n queued bytes as written or dropped.
func (c *client) dequeued(n int64) {
	c.q.queued -= n
	c.srv.outQueued.Add(-n)
}

// putStored appends a string from the store to the output. The strings the
// store hands out for replies never change (a packed string never does; a
// raw one's bytes are copied before the next write, rawstring.go), so a
// long one is queued by reference rather than copied: a big value sent to
// many clients at once is held once.
func putStored(c *client, s string) {
	if len(s) < refMin {
		putOut(c, s)
		return
	}
	c.nextBlock()
	if c.q.over {
		return
	}
	c.enqueue(unsafe.Slice(unsafe.StringData(s), len(s)))
	c.checkOutputLimit()
}

// putOut appends p to the output, across as many blocks as it needs.
func putOut[T string | []byte](c *client, p T) {
	for {
		n := copy(c.out[len(c.out):cap(c.out)], p)
		c.out = c.out[:len(c.out)+n]
		p = p[n:]
		if len(p) == 0 {
			return
		}
		c.nextBlock()
	}
}

// pendingOut is the number of bytes buffered for the client.
func (c *client) pendingOut() int64 { return c.q.queued + int64(len(c.out)) }

// resetOut drops all buffered output, keeping the current block.
func (c *client) resetOut() {
	c.dequeued(c.q.queued)
	clear(c.q.full)
	c.q.full = c.q.full[:0]
	c.out = c.out[:0]
}

// releaseOut gives the (empty) current block back to the pool while the
// connection waits for input, so an idle connection holds none.
func (c *client) releaseOut() {
	if len(c.out) == 0 && len(c.q.full) == 0 {
		c.srv.freeBlock(c.out)
		c.out = nil
	}
}

// writeOut writes the buffered output: the current block alone with one
// write (the common case), else every block with writev, a chunk at a time.
func (c *conn) writeOut() error {
	if len(c.q.full) == 0 {
		if len(c.out) == 0 {
			return nil
		}
		_, err := c.nc.Write(c.out)
		c.out = c.out[:0]
		return err
	}
	if len(c.out) > 0 {
		c.enqueue(c.out)
	}
	c.out = nil
	err := c.writeQueue(c.srv.set.outputLimit(c.q.class))
	if err != nil {
		c.q.dropped = max(c.q.dropped, c.q.queued) // unsent: see dropOutput
	}
	c.resetOut()
	c.q.softSince = time.Time{}
	return err
}

// writeQueue writes the queued blocks, keptBlocks of them going back to
// the pool and the others left to the GC as soon as they are written.
func (c *conn) writeQueue(lim outputLimit) error {
	kept := 0
	for i := 0; i < len(c.q.full); i += writeChunk {
		end := min(i+writeChunk, len(c.q.full))
		c.q.vecs = append(c.q.vecs[:0], c.q.full[i:end]...)
		c.q.iov = c.q.vecs
		err := c.writeVecs(lim)
		clear(c.q.vecs)
		for j := i; j < end; j++ {
			if kept < keptBlocks {
				c.srv.freeBlock(c.q.full[j])
				kept++
			}
			c.dequeued(int64(len(c.q.full[j])))
			c.q.full[j] = nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeVecs writes c.q.iov. While the output pending is past the soft
// limit, the write has a deadline soft-seconds after it got there: a client
// that has not read enough by then is disconnected.
func (c *conn) writeVecs(lim outputLimit) error {
	pending := c.q.queued
	for {
		deadline := c.softDeadline(lim, pending)
		if !deadline.IsZero() {
			c.nc.SetWriteDeadline(deadline)
		}
		n, err := c.q.iov.WriteTo(c.nc)
		pending -= n
		if !deadline.IsZero() {
			c.nc.SetWriteDeadline(time.Time{})
		}
		if err == nil || !errors.Is(err, os.ErrDeadlineExceeded) {
			return err
		}
		if c.softDeadline(lim, pending).IsZero() {
			continue // under the soft limit now
		}
		c.outputLimitReached("soft", pending)
		return errOutputLimit
	}
}

// resp.go writes RESP2 replies into a connection's output buffer.
package main

import "strconv"

// writeSimple writes a simple string reply: +s.
func (c *conn) writeSimple(s string) {
	c.room(1)
	c.out = append(c.out, '+')
	putOut(c, s)
	c.crlf()
}

// writeOK writes +OK.
func (c *conn) writeOK() { c.writeConst("+OK\r\n") }

// writeError writes an error reply; msg starts with its code (ERR,
// WRONGTYPE, ...). CR and LF in msg become spaces, as Redis ensures. It
// marks the command as failed (INFO commandstats).
func (c *conn) writeError(msg string) {
	c.failed = true
	c.room(min(len(msg)+3, outBlockSize))
	c.out = append(c.out, '-')
	for i := 0; i < len(msg); i++ {
		b := msg[i]
		if b == '\r' || b == '\n' {
			b = ' '
		}
		if len(c.out) == cap(c.out) {
			c.nextBlock()
		}
		c.out = append(c.out, b)
	}
	c.crlf()
}

// writeInt writes an integer reply.
func (c *conn) writeInt(n int64) {
	c.room(maxHeader)
	c.out = append(c.out, ':')
	c.out = strconv.AppendInt(c.out, n, 10)
	c.out = append(c.out, '\r', '\n')
}

// writeBulk writes a bulk string reply.
func (c *conn) writeBulk(b []byte) { writeBulkOf(c, b) }

// writeBulkString writes a bulk string reply from a string.
func (c *conn) writeBulkString(s string) { writeBulkOf(c, s) }

// writeBulkStored writes a bulk string reply of a string that never
// changes, as the store's strings never do: a long one is queued by
// reference (putStored), not copied.
func (c *conn) writeBulkStored(v string) {
	if len(v) < refMin {
		writeBulkOf(c, v)
		return
	}
	c.room(maxHeader)
	c.out = append(c.out, '$')
	c.out = strconv.AppendInt(c.out, int64(len(v)), 10)
	c.out = append(c.out, '\r', '\n')
	putStored(c, v)
	c.crlf()
}

// writeBulkOf writes a bulk string reply: a short one whole into the
// current block (starting a new one if it lacks room), a longer one from
// where the block is, across as many blocks as it takes.
func writeBulkOf[T string | []byte](c *conn, p T) {
	if n := maxHeader + len(p) + 2; n <= shortReply {
		c.room(n)
	} else {
		c.room(maxHeader)
	}
	c.out = append(c.out, '$')
	c.out = strconv.AppendInt(c.out, int64(len(p)), 10)
	c.out = append(c.out, '\r', '\n')
	if cap(c.out)-len(c.out) >= len(p)+2 {
		c.out = append(c.out, p...)
		c.out = append(c.out, '\r', '\n')
		return
	}
	putOut(c, p)
	c.crlf()
}

// writeNull writes the RESP2 null bulk string.
func (c *conn) writeNull() { c.writeConst("$-1\r\n") }

// writeNullArray writes the RESP2 null array.
func (c *conn) writeNullArray() { c.writeConst("*-1\r\n") }

// writeConst writes a short fixed reply.
func (c *conn) writeConst(s string) {
	c.room(len(s))
	c.out = append(c.out, s...)
}

// crlf ends a reply.
func (c *conn) crlf() {
	c.room(2)
	c.out = append(c.out, '\r', '\n')
}

// writeArray writes the header of an array of n elements.
func (c *conn) writeArray(n int) {
	c.room(maxHeader)
	c.out = append(c.out, '*')
	c.out = strconv.AppendInt(c.out, int64(n), 10)
	c.out = append(c.out, '\r', '\n')
}

// writeBulks writes an array of bulk strings.
func (c *conn) writeBulks(items []string) {
	c.writeArray(len(items))
	for _, s := range items {
		c.writeBulkString(s)
	}
}

// Common Redis error replies.
const (
	errWrongType  = "WRONGTYPE Operation against a key holding the wrong kind of value"
	errNotInteger = "ERR value is not an integer or out of range"
	errSyntax     = "ERR syntax error"
	errOverflow   = "ERR increment or decrement would overflow"
	errNoKey      = "ERR no such key"
)

// writeStoreError writes the Redis reply for a store error.
func (c *conn) writeStoreError(err error) {
	switch err {
	case ErrWrongType:
		c.writeError(errWrongType)
	case ErrNotInteger:
		c.writeError(errNotInteger)
	case ErrOverflow:
		c.writeError(errOverflow)
	case ErrNoKey:
		c.writeError(errNoKey)
	default:
		c.writeError("ERR " + err.Error())
	}
}

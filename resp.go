// resp.go writes RESP2 replies into a connection's output buffer.
package main

import "strconv"

// writeSimple writes a simple string reply: +s.
func (c *conn) writeSimple(s string) {
	c.out = append(c.out, '+')
	c.out = append(c.out, s...)
	c.out = append(c.out, '\r', '\n')
}

// writeOK writes +OK.
func (c *conn) writeOK() { c.out = append(c.out, "+OK\r\n"...) }

// writeError writes an error reply; msg starts with its code (ERR,
// WRONGTYPE, ...). CR and LF in msg become spaces, as Redis ensures.
func (c *conn) writeError(msg string) {
	c.out = append(c.out, '-')
	for i := 0; i < len(msg); i++ {
		b := msg[i]
		if b == '\r' || b == '\n' {
			b = ' '
		}
		c.out = append(c.out, b)
	}
	c.out = append(c.out, '\r', '\n')
}

// writeInt writes an integer reply.
func (c *conn) writeInt(n int64) {
	c.out = append(c.out, ':')
	c.out = strconv.AppendInt(c.out, n, 10)
	c.out = append(c.out, '\r', '\n')
}

// writeBulk writes a bulk string reply.
func (c *conn) writeBulk(b []byte) {
	c.out = append(c.out, '$')
	c.out = strconv.AppendInt(c.out, int64(len(b)), 10)
	c.out = append(c.out, '\r', '\n')
	c.out = append(c.out, b...)
	c.out = append(c.out, '\r', '\n')
}

// writeBulkString writes a bulk string reply from a string.
func (c *conn) writeBulkString(s string) {
	c.out = append(c.out, '$')
	c.out = strconv.AppendInt(c.out, int64(len(s)), 10)
	c.out = append(c.out, '\r', '\n')
	c.out = append(c.out, s...)
	c.out = append(c.out, '\r', '\n')
}

// writeNull writes the RESP2 null bulk string.
func (c *conn) writeNull() { c.out = append(c.out, "$-1\r\n"...) }

// writeNullArray writes the RESP2 null array.
func (c *conn) writeNullArray() { c.out = append(c.out, "*-1\r\n"...) }

// writeArray writes the header of an array of n elements.
func (c *conn) writeArray(n int) {
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

// resp.go writes replies into a client's output buffer, in the protocol the
// client speaks: RESP2, or RESP3 after HELLO 3, where nulls, maps, sets and
// verbatim strings have types of their own.
package main

import "strconv"

// writeSimple writes a simple string reply: +s.
func (c *client) writeSimple(s string) {
	c.room(1)
	c.out = append(c.out, '+')
	putOut(c, s)
	c.crlf()
}

// writeOK writes +OK.
func (c *client) writeOK() { c.writeConst("+OK\r\n") }

// writeError writes an error reply; msg starts with its code (ERR,
// WRONGTYPE, ...). CR and LF in msg become spaces, as Redis ensures. It
// marks the command as failed (INFO commandstats) and counts the error
// (INFO errorstats) unless the reply is discarded (the log's replay).
func (c *client) writeError(msg string) {
	c.failed, c.errMsg = true, msg
	if !c.discard {
		c.srv.stats.countError(msg)
	}
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
func (c *client) writeInt(n int64) {
	c.room(maxHeader)
	c.out = append(c.out, ':')
	c.out = strconv.AppendInt(c.out, n, 10)
	c.out = append(c.out, '\r', '\n')
}

// writeBulk writes a bulk string reply.
func (c *client) writeBulk(b []byte) { writeBulkOf(c, b) }

// writeBulkString writes a bulk string reply from a string.
func (c *client) writeBulkString(s string) { writeBulkOf(c, s) }

// writeBulkStored writes a bulk string reply of a string that never
// changes, as the strings the store hands out for replies (Value.keep)
// never do: a long one is queued by reference (putStored), not copied.
func (c *client) writeBulkStored(v string) {
	if len(v) < refMin {
		writeBulkOf(c, v)
		return
	}
	c.room(maxHeader)
	c.bulkHeader(len(v))
	putStored(c, v)
	c.crlf()
}

// bulkHeader writes "$n\r\n"; the caller has made room for it.
func (c *client) bulkHeader(n int) {
	c.out = append(c.out, '$')
	c.out = strconv.AppendInt(c.out, int64(n), 10)
	c.out = append(c.out, '\r', '\n')
}

// writeBulkOf writes a bulk string reply: a short one whole into the
// current block (starting a new one if it lacks room), a longer one from
// where the block is, across as many blocks as it takes.
func writeBulkOf[T string | []byte](c *client, p T) {
	if n := maxHeader + len(p) + 2; n <= shortReply {
		c.room(n)
	} else {
		c.room(maxHeader)
	}
	c.bulkHeader(len(p))
	if cap(c.out)-len(c.out) >= len(p)+2 {
		c.out = append(c.out, p...)
		c.out = append(c.out, '\r', '\n')
		return
	}
	putOut(c, p)
	c.crlf()
}

// writeNull writes a null: RESP3's null, RESP2's null bulk string.
func (c *client) writeNull() {
	if c.resp == 3 {
		c.writeConst("_\r\n")
		return
	}
	c.writeConst("$-1\r\n")
}

// writeNullArray writes a null where RESP2 has the null array.
func (c *client) writeNullArray() {
	if c.resp == 3 {
		c.writeConst("_\r\n")
		return
	}
	c.writeConst("*-1\r\n")
}

// writeConst writes a short fixed reply.
func (c *client) writeConst(s string) {
	c.room(len(s))
	c.out = append(c.out, s...)
}

// crlf ends a reply.
func (c *client) crlf() {
	c.room(2)
	c.out = append(c.out, '\r', '\n')
}

// writeArray writes the header of an array of n elements.
func (c *client) writeArray(n int) { c.writeHeader('*', n) }

// writeMap writes the header of a map of n pairs, each a key then its
// value: RESP3's map, RESP2's array of 2n elements.
func (c *client) writeMap(n int) {
	if c.resp == 3 {
		c.writeHeader('%', n)
		return
	}
	c.writeHeader('*', 2*n)
}

// writeSet writes the header of a set of n elements (RESP2: an array).
func (c *client) writeSet(n int) {
	if c.resp == 3 {
		c.writeHeader('~', n)
		return
	}
	c.writeHeader('*', n)
}

// writeHeader writes an aggregate's type byte and length.
func (c *client) writeHeader(kind byte, n int) {
	c.room(maxHeader)
	c.out = append(c.out, kind)
	c.out = strconv.AppendInt(c.out, int64(n), 10)
	c.out = append(c.out, '\r', '\n')
}

// writeVerbatim writes text as RESP3's verbatim string of format "txt"
// (INFO, CLIENT INFO, CLIENT LIST), a bulk string under RESP2.
func (c *client) writeVerbatim(text []byte) {
	if c.resp != 3 {
		c.writeBulk(text)
		return
	}
	c.room(maxHeader + 4)
	c.out = append(c.out, '=')
	c.out = strconv.AppendInt(c.out, int64(len(text)+4), 10)
	c.out = append(c.out, "\r\ntxt:"...)
	putOut(c, text)
	c.crlf()
}

// writeBulks writes an array of bulk strings.
func (c *client) writeBulks(items []string) {
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
func (c *client) writeStoreError(err error) {
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

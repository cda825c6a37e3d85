// bench_reply.go holds how `nosql bench` counts and checks replies as
// they arrive, in pieces cut anywhere: semicolon-protocol lines, each of
// which must start with "True;", and RESP replies, none of which may be an
// error. Nothing is copied but the first error reply.
package main

import "bytes"

const (
	okPrefix   = "True;"
	maxErrKept = 256 // bytes of the first error reply kept for the report
)

// replyState is a client's progress through its replies.
type replyState struct {
	// the current semicolon-protocol line, or the first line of a RESP reply
	linePos int  // text: bytes of okPrefix matched at the start of the line
	bad     bool // the reply is an error
	kind    byte // RESP: the current reply's type byte; 0 between replies
	num     int64
	neg     bool
	skip    int64 // RESP: bytes of bulk string (and its CRLF) still to come

	keep    bool   // the reply is the first error: its text goes to errLine
	errLine []byte // the first error reply, as far as kept
	errors  int64
	first   string // the first error reply
}

// replies reads reply bytes and returns how many replies they complete.
func (c *loadClient) replies(data []byte) int {
	if c.resp {
		return c.scanRESP(data)
	}
	return c.scan(data)
}

// scan reads semicolon-protocol reply bytes and returns how many reply
// lines they complete, counting each that does not start with okPrefix as
// an error.
func (c *replyState) scan(data []byte) int {
	lines := 0
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			c.take(data)
			break
		}
		c.take(data[:i])
		c.endLine()
		lines++
		data = data[i+1:]
	}
	return lines
}

// take checks a piece of the current reply line.
func (c *replyState) take(seg []byte) {
	if c.bad {
		c.keepErr(seg)
		return
	}
	if c.linePos == len(okPrefix) {
		return
	}
	n := min(len(okPrefix)-c.linePos, len(seg))
	if string(seg[:n]) == okPrefix[c.linePos:c.linePos+n] {
		c.linePos += n
		return
	}
	c.bad = true
	c.startErr(okPrefix[:c.linePos])
	c.keepErr(seg)
}

// endLine counts the reply line just ended.
func (c *replyState) endLine() {
	if !c.bad && c.linePos < len(okPrefix) {
		c.bad = true
		c.startErr(okPrefix[:c.linePos])
	}
	c.endReply()
	c.linePos = 0
}

// startErr begins an error reply with what was seen of it so far; the
// first one of the run is kept.
func (c *replyState) startErr(seen string) {
	if c.errors == 0 {
		c.keep = true
		c.errLine = append(c.errLine[:0], seen...)
	}
}

// keepErr adds a piece of the first error reply.
func (c *replyState) keepErr(seg []byte) {
	if c.keep && len(c.errLine) < maxErrKept {
		c.errLine = append(c.errLine, seg[:min(len(seg), maxErrKept-len(c.errLine))]...)
	}
}

// endReply counts an error reply when the reply just ended was one.
func (c *replyState) endReply() {
	if c.bad {
		if c.keep {
			c.first = string(bytes.TrimSuffix(c.errLine, []byte{'\r'}))
		}
		c.errors++
	}
	c.bad, c.keep = false, false
}

// scanRESP reads RESP reply bytes and returns how many replies they
// complete, counting error replies. Only the replies of the commands
// `nosql bench -resp` sends are expected: simple strings, errors, integers
// and bulk strings; any other type counts as an error.
func (c *replyState) scanRESP(data []byte) int {
	replies := 0
	for len(data) > 0 {
		switch {
		case c.skip > 0: // the body of a bulk string
			n := min(c.skip, int64(len(data)))
			c.skip -= n
			data = data[n:]
			if c.skip == 0 {
				c.endReply()
				replies++
			}
		case c.kind == 0: // a reply's type byte
			c.kind, c.num, c.neg = data[0], 0, false
			switch c.kind {
			case '+', ':', '$':
			default:
				c.bad = true
				c.startErr("")
				c.keepErr(data[:1])
			}
			data = data[1:]
		default: // the rest of the first line
			i := bytes.IndexByte(data, '\n')
			seg := data
			if i >= 0 {
				seg = data[:i]
			}
			if c.kind == '$' {
				c.bulkLen(seg)
			}
			c.keepErr(seg)
			if i < 0 {
				return replies
			}
			data = data[i+1:]
			if c.kind == '$' && !c.neg && !c.bad {
				c.skip = c.num + 2
			} else {
				c.endReply()
				replies++
			}
			c.kind = 0
		}
	}
	return replies
}

// bulkLen reads a piece of a bulk string's length line.
func (c *replyState) bulkLen(seg []byte) {
	for _, b := range seg {
		switch {
		case b >= '0' && b <= '9' && c.num < 1<<40:
			c.num = c.num*10 + int64(b-'0')
		case b == '-':
			c.neg = true
		case b == '\r':
		default:
			if !c.bad {
				c.bad = true
				c.startErr("$")
			}
		}
	}
}

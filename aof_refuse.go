// aof_refuse.go holds what a connection does when the append-only file
// could not store the writes of a batch: the replies already buffered for
// those writes would acknowledge what is not stored, so each becomes an
// error in its protocol before anything is sent.
package main

// replySpan is where one write command's reply lies in conn.out.
type replySpan struct {
	start, end int
	text       bool // semicolon protocol
}

// noteWrite remembers the reply starting at start if its request was a
// write.
func (c *conn) noteWrite(start int, write, text bool) {
	if write {
		c.writes = append(c.writes, replySpan{start, len(c.out), text})
	}
}

// refuseUnstored replaces the replies to the batch's writes with err:
// "-MISCONF ..." over RESP, "False;ERROR: ..." over text. Replies that are
// errors already (the write did nothing) are kept.
func (c *conn) refuseUnstored(err error) {
	msg := err.Error()
	if e := c.srv.writeError(); e != nil {
		msg = e.Error()
	}
	out := make([]byte, 0, len(c.out)+len(c.writes)*(len(msg)+16))
	prev := 0
	for _, sp := range c.writes {
		out = append(out, c.out[prev:sp.start]...)
		reply := c.out[sp.start:sp.end]
		switch {
		case sp.text:
			out = append(out, "False;ERROR: "...)
			out = append(out, msg...)
			out = append(out, '\n')
		case len(reply) > 0 && reply[0] == '-':
			out = append(out, reply...)
		default:
			out = append(out, "-MISCONF "...)
			out = append(out, msg...)
			out = append(out, "\r\n"...)
		}
		prev = sp.end
	}
	c.out = append(out, c.out[prev:]...)
	c.srv.log.Warn("writes refused: the append-only file could not store them", "client", c.nc.RemoteAddr().String(), "writes", len(c.writes), "err", msg)
}

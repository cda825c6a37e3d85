// reply_mode.go holds CLIENT REPLY ON | OFF | SKIP: a client may silence
// the replies to its commands, all of them (OFF) or the next one's (SKIP),
// as in Redis. A silenced command writes into a scratch output, dropped
// when it returns; what it pushes (a subscription's confirmation, a
// message it published to itself) still reaches the client, as Redis's
// pushes do. Semicolon requests are always answered.
package main

import "strings"

// cmdClientReply serves CLIENT REPLY ON|OFF|SKIP. ON is answered (it ends
// the silence its own command began in); OFF and SKIP are not.
func cmdClientReply(c *client, args [][]byte) {
	switch strings.ToLower(string(args[2])) {
	case "on":
		c.replyOff, c.skipNext = false, false
		c.unsilence()
		c.writeOK()
	case "off":
		c.replyOff = true
	case "skip":
		c.skipNext = !c.replyOff
	default:
		c.writeError(errSyntax)
	}
}

// runQuiet runs a command whose reply is silenced (CLIENT REPLY OFF, or
// SKIP before it), as run does.
func (c *client) runQuiet(cmd *command, args [][]byte) bool {
	c.skipNext = false // SKIP silences one command
	c.silence()
	write := c.run(cmd, args)
	c.unsilence()
	return write
}

// silencedOut is the output set aside while a command is silenced.
type silencedOut struct {
	out    []byte
	full   [][]byte
	queued int64
	on     bool
}

// silence sets the client's output aside; what is written from now on
// goes to a scratch output.
func (c *client) silence() {
	c.quiet = silencedOut{c.out, c.q.full, c.q.queued, true}
	c.out, c.q.full, c.q.queued = nil, nil, 0
}

// unsilence drops the scratch output and restores the client's own.
func (c *client) unsilence() {
	if !c.quiet.on {
		return
	}
	c.resetOut()
	c.srv.freeBlock(c.out)
	c.out, c.q.full, c.q.queued = c.quiet.out, c.quiet.full, c.quiet.queued
	c.quiet = silencedOut{}
}

// asPush runs write, which writes a push, into the client's own output
// even while its command is silenced.
func (c *client) asPush(write func()) {
	if !c.quiet.on {
		write()
		return
	}
	c.swapQuiet()
	write()
	c.swapQuiet()
}

// swapQuiet exchanges the scratch output and the client's own.
func (c *client) swapQuiet() {
	q := &c.quiet
	c.out, q.out = q.out, c.out
	c.q.full, q.full = q.full, c.q.full
	c.q.queued, q.queued = q.queued, c.q.queued
}

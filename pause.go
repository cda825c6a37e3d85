// pause.go holds CLIENT PAUSE and UNPAUSE as Redis 7.0 has them. While a
// pause is in force, a command it holds (every command for ALL; for WRITE,
// those that write or may write: flagWrite, flagMayReplicate, or an EXEC
// whose transaction holds one) waits once checked, before it would be
// queued or run, as a blocked command waits (block.go): its connection
// runs nothing more of what the client sent, and a client that leaves is
// forgotten. When the pause ends (UNPAUSE or its time) the paused commands
// run in the order they were paused, one client's turn after another's;
// a command a new pause holds waits again. Monitors are never paused, and
// no key expires while paused (expireHeld), as in Redis.
package main

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// pauseKind is what a pause holds; a stricter pause has a larger kind.
type pauseKind = int32

const (
	pauseOff   pauseKind = iota
	pauseWrite           // writes and commands that may write
	pauseAll             // every command
)

// turnWait is how long a released client has to take its turn before the
// next one is released anyway (a client whose socket is not writable may
// not get to its command for a long time).
const turnWait = 2 * time.Second

// pauser is the server's client pause.
type pauser struct {
	kind atomic.Int32 // the pause in force: read before every command

	mu        sync.Mutex
	end       int64       // when it ends, in Unix milliseconds
	timer     *time.Timer // ends it then
	queue     []*client   // clients paused, in the order they paused
	releasing []*client   // released clients whose turn has not come
	turn      *client     // the released client running its command
	guard     *time.Timer // passes the turn on if it is not taken
}

// pauseClients starts a pause of kind until endMs, or extends the one in
// force: the stricter kind and the later end win, as in Redis.
func (s *Server) pauseClients(kind pauseKind, endMs int64) {
	p := &s.pause
	p.mu.Lock()
	defer p.mu.Unlock()
	if cur := p.kind.Load(); cur != pauseOff {
		kind, endMs = max(kind, cur), max(endMs, p.end)
	}
	p.end = endMs
	p.kind.Store(kind)
	s.store.expiryHeld.Store(true)
	p.update(s)
}

// unpauseClients ends the pause; the commands it held run, in order.
func (s *Server) unpauseClients() {
	p := &s.pause
	p.mu.Lock()
	defer p.mu.Unlock()
	p.end = 0
	p.update(s)
}

// update ends the pause if its time has come, and otherwise sets the timer
// that ends it. p.mu is held.
func (p *pauser) update(s *Server) {
	if p.timer != nil {
		p.timer.Stop()
		p.timer = nil
	}
	now := time.Now().UnixMilli()
	if p.kind.Load() == pauseOff {
		return
	}
	if p.end < now {
		p.kind.Store(pauseOff)
		s.store.expiryHeld.Store(false)
		p.releasing = append(p.releasing, p.queue...)
		clear(p.queue)
		p.queue = p.queue[:0]
		if p.turn == nil {
			p.wakeNext()
		}
		return
	}
	wait := time.Duration(min(p.end-now+1, math.MaxInt64/int64(time.Millisecond))) * time.Millisecond
	p.timer = time.AfterFunc(wait, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.update(s)
	})
}

// wakeNext gives the turn to the first released client still waiting.
// p.mu is held.
func (p *pauser) wakeNext() {
	if p.guard != nil {
		p.guard.Stop()
		p.guard = nil
	}
	for len(p.releasing) > 0 {
		c := p.releasing[0]
		p.releasing[0] = nil
		p.releasing = p.releasing[1:]
		if c.wake() {
			p.turn = c
			p.guard = time.AfterFunc(turnWait, func() { p.passTurn(c) })
			return
		}
	}
	p.turn = nil
	p.releasing = nil
}

// passTurn lets the next released client run, once c has run its command
// or left.
func (p *pauser) passTurn(c *client) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.turn == c {
		p.wakeNext()
	}
}

// leave forgets c, whose wait or connection ended.
func (p *pauser) leave(c *client) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if i := slices.Index(p.queue, c); i >= 0 {
		p.queue = slices.Delete(p.queue, i, i+1)
	}
	if i := slices.Index(p.releasing, c); i >= 0 {
		p.releasing = slices.Delete(p.releasing, i, i+1)
	}
}

// waiting returns the number of clients a pause holds, for INFO's
// blocked_clients.
func (p *pauser) waiting() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue) + len(p.releasing)
}

// pausedBy reports whether the pause in force holds cmd, run with args.
func (c *client) pausedBy(cmd *command, args [][]byte) bool {
	switch c.srv.pause.kind.Load() {
	case pauseOff:
		return false
	case pauseAll:
		return !c.monitor
	}
	const writes = flagWrite | flagMayReplicate
	return !c.monitor && (c.srv.runFlags(cmd, args)&writes != 0 || cmd.name == "exec" && c.multi && c.queuedFlags(writes))
}

// queuedFlags reports whether a queued command has one of flags.
func (c *client) queuedFlags(flags cmdFlags) bool {
	for _, q := range c.queue {
		if c.srv.runFlags(q.cmd, q.args)&flags != 0 {
			return true
		}
	}
	return false
}

// pauseCommand makes the client wait with cmd (its arguments copied) until
// the pause ends, then run it; false if the pause has already ended.
func (c *client) pauseCommand(cmd *command, args [][]byte) bool {
	args, quiet := copyArgs(args), c.quiet.on
	return c.pauseWith(func() {
		if quiet { // CLIENT REPLY OFF or SKIP silenced it
			c.silence()
			defer c.unsilence()
		}
		c.run(cmd, args)
	})
}

// pauseWith queues the client with what it runs once the pause ends, or
// reports false if the pause has ended. A wait ended by CLIENT UNBLOCK
// runs it at once (it may pause again).
func (c *client) pauseWith(resume func()) bool {
	p := &c.srv.pause
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.kind.Load() == pauseOff {
		return false
	}
	p.queue = append(p.queue, c)
	c.block(0, func() {
		resume()
		p.passTurn(c)
	}, resume, func() { p.leave(c) })
	return true
}

// copyArgs copies a command's arguments into one buffer (the reader's are
// reused while a client waits).
func copyArgs(args [][]byte) [][]byte {
	buf := make([]byte, 0, argvMem(args))
	cp := make([][]byte, len(args))
	for i, a := range args {
		buf = append(buf, a...)
		cp[i] = buf[len(buf)-len(a):]
	}
	return cp
}

// pauseText makes a semicolon request a pause holds wait, as pauseCommand
// does; false if it may run now.
func (c *conn) pauseText(line []byte) bool {
	h, known := textHandlers[string(upperInto(make([]byte, 0, 16), parseText(line).Command))]
	kind := c.srv.pause.kind.Load()
	if !known || c.monitor || c.authRequired() || c.multi || kind == pauseOff || kind == pauseWrite && !h.write {
		return false
	}
	line = append([]byte(nil), line...)
	return c.pauseWith(func() {
		if !c.pauseText(line) {
			c.answerText(line)
		}
	})
}

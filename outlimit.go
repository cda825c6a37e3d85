// outlimit.go holds client-output-buffer-limit, with Redis's syntax and
// meaning: per client class a hard limit, and a soft limit with a number
// of seconds. A client whose pending output reaches its hard limit, or
// stays at or past its soft limit for longer than the soft seconds, is
// disconnected, and the rest of its output discarded. The normal class
// applies to nosql's clients, and the pubsub class to a client that takes
// pushes as a subscriber (mailbox.go); replicas are kept for CONFIG GET.
package main

import (
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// outputClass is a client class of client-output-buffer-limit.
type outputClass int

const (
	classNormal outputClass = iota
	classReplica
	classPubsub
)

// outputClassNames are the classes as CONFIG GET names them (Redis calls
// replicas "slave" there).
var outputClassNames = [...]string{"normal", "slave", "pubsub"}

// outputLimit is one class's limits; 0 is no limit.
type outputLimit struct {
	hard, soft  uint64
	softSeconds int64
}

// outputLimits are the limits of every class.
type outputLimits [len(outputClassNames)]outputLimit

// defaultOutputLimits are Redis's defaults, except that normal clients
// have a hard limit of 1gb (Redis has none): one reply may not hold the
// server's memory without bound.
var defaultOutputLimits = outputLimits{
	classNormal:  {hard: 1 << 30},
	classReplica: {hard: 256 << 20, soft: 64 << 20, softSeconds: 60},
	classPubsub:  {hard: 32 << 20, soft: 8 << 20, softSeconds: 60},
}

// outputLimit returns the limits of a class.
func (s *settings) outputLimit(class outputClass) outputLimit {
	return s.outputLimits()[class]
}

// outputLimits returns the limits of every class.
func (s *settings) outputLimits() *outputLimits {
	if l := s.outLimits.Load(); l != nil {
		return l
	}
	return &defaultOutputLimits
}

// checkOutputLimits checks a client-output-buffer-limit value for CONFIG
// SET.
func checkOutputLimits(v string) (int64, string) {
	_, msg := parseOutputLimits(defaultOutputLimits, v)
	return 0, msg
}

// setOutputLimits applies a client-output-buffer-limit value (already
// checked) over the current limits.
func (s *settings) setOutputLimits(v string) {
	for {
		old, cur := s.outLimits.Load(), defaultOutputLimits
		if old != nil {
			cur = *old
		}
		next, _ := parseOutputLimits(cur, v)
		if s.outLimits.CompareAndSwap(old, &next) {
			return
		}
	}
}

// String formats the limits as CONFIG GET does.
func (l *outputLimits) String() string {
	var b []byte
	for i, c := range l {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, outputClassNames[i]...)
		b = append(b, ' ')
		b = strconv.AppendUint(b, c.hard, 10)
		b = append(b, ' ')
		b = strconv.AppendUint(b, c.soft, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, c.softSeconds, 10)
	}
	return string(b)
}

// parseOutputLimits applies v, "<class> <hard> <soft> <soft-seconds>"
// repeated, over base, as Redis does: all or nothing, returning Redis's
// error text. Memory values take Redis's units (1gb, 64mb, 1k).
func parseOutputLimits(base outputLimits, v string) (outputLimits, string) {
	if v == "" {
		return base, ""
	}
	f := strings.Split(v, " ")
	if len(f)%4 != 0 {
		return base, "Wrong number of arguments in buffer limit configuration."
	}
	next := base
	for i := 0; i < len(f); i += 4 {
		class, ok := parseOutputClass(f[i])
		if !ok {
			return base, "Invalid client class specified in buffer limit configuration."
		}
		hard, okHard := parseMemoryU(f[i+1])
		soft, okSoft := parseMemoryU(f[i+2])
		secs, okSecs := strtoll(f[i+3])
		if !okHard || !okSoft || !okSecs || secs < 0 || secs > 1<<31-1 {
			return base, "Error in hard, soft or soft_seconds setting in buffer limit configuration."
		}
		next[class] = outputLimit{hard: hard, soft: soft, softSeconds: secs}
	}
	return next, ""
}

// parseOutputClass reads a class name as Redis does: replica and slave
// are one class; master is refused.
func parseOutputClass(name string) (outputClass, bool) {
	switch strings.ToLower(name) {
	case "normal":
		return classNormal, true
	case "replica", "slave":
		return classReplica, true
	case "pubsub":
		return classPubsub, true
	}
	return 0, false
}

// checkOutputLimit checks the queued output against the client's class's
// limits, as Redis does each time output is added.
func (c *client) checkOutputLimit() {
	lim := c.srv.set.outputLimit(c.q.class)
	if which := c.srv.pastLimit(lim, c.q.queued, &c.q.softSince); which != "" {
		c.outputLimitReached(which, c.q.queued)
		c.resetOut()
	}
}

// pastLimit returns the limit a client with pending bytes of output is
// past ("server-wide", "hard" or "soft"), or "" for none; since notes
// when the output got past the soft limit (zero: it is not).
func (s *Server) pastLimit(lim outputLimit, pending int64, since *time.Time) string {
	switch {
	case s.outQueued.Load() > s.outBudget:
		return "server-wide"
	case lim.hard > 0 && uint64(pending) >= lim.hard:
		return "hard"
	case lim.soft > 0 && uint64(pending) >= lim.soft:
		now := time.Now()
		if since.IsZero() {
			*since = now
		} else if now.Sub(*since) > time.Duration(lim.softSeconds)*time.Second {
			return "soft"
		}
	default:
		*since = time.Time{}
	}
	return ""
}

// softDeadline returns when a client with pending bytes unsent passes its
// soft limit for longer than allowed, noting when it got past it; zero
// when it is under the soft limit.
func (c *conn) softDeadline(lim outputLimit, pending int64) time.Time {
	if lim.soft == 0 || uint64(pending) < lim.soft {
		c.q.softSince = time.Time{}
		return time.Time{}
	}
	if c.q.softSince.IsZero() {
		c.q.softSince = time.Now()
	}
	return c.q.softSince.Add(time.Duration(lim.softSeconds) * time.Second)
}

// outputLimitReached logs the client and marks the connection: its output
// is discarded and it is closed after the current command.
func (c *client) outputLimitReached(which string, pending int64) {
	c.srv.log.Warn("closing client that reached the output buffer limit",
		"client", c.peer(), "limit", which, "pending_bytes", pending)
	c.q.over, c.q.dropped = true, pending
}

// dropOutput lets the output of a closing connection go; the memory of a
// large output (dropped at a limit, or left unsent) is returned to the OS.
func (c *client) dropOutput() {
	dropped := max(c.q.dropped, c.pendingOut())
	c.resetOut()
	c.srv.freeBlock(c.out)
	c.out = nil
	if dropped >= returnMemoryAt {
		go c.srv.returnMemory()
	}
}

// returnMemoryAt is the output dropped with a connection past which its
// memory is returned to the OS at once.
const returnMemoryAt = 64 << 20

// returnMemory hands the memory a disconnected client's output held back
// to the OS at once (a forced GC and scavenge) rather than within minutes.
// One runs at a time; a call made meanwhile makes it run once more.
func (s *Server) returnMemory() {
	s.freeMu.Lock()
	if s.freeing {
		s.again = true
		s.freeMu.Unlock()
		return
	}
	s.freeing = true
	s.freeMu.Unlock()
	for {
		debug.FreeOSMemory()
		s.freeMu.Lock()
		if !s.again {
			s.freeing = false
			s.freeMu.Unlock()
			return
		}
		s.again = false
		s.freeMu.Unlock()
	}
}

// monitor.go holds MONITOR: a connection that sends it is then sent every
// command the server runs, from every client, one line each in Redis's
// format ("+1700000000.123456 [0 127.0.0.1:5555] "SET" "k" "v""), as Redis
// 7.0 feeds monitors from call(): after the command ran (so a rejected
// command is not shown, a queued one is shown when EXEC runs it, and
// SELECT shows the new database), except administrative commands, with
// AUTH's and HELLO AUTH's credentials shown as "(redacted)". A semicolon
// request is shown as its command and fields. The lines reach each monitor
// through its mailbox (mailbox.go), so a monitor that does not read is
// bounded by its output limit (the normal class, as Redis counts monitors)
// and never slows the clients it watches; with no monitor the feed costs
// one atomic load per command.
package main

import (
	"bytes"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// monitors is the server's set of monitoring clients.
type monitors struct {
	n   atomic.Int32 // len(set): call reads it to skip the feed
	mu  sync.Mutex   // guards set, and orders the lines: every monitor gets them in one order
	set []*client
}

// cmdMonitor serves MONITOR. As in Redis, a second MONITOR is ignored,
// unanswered, and MONITOR inside a transaction is refused.
func cmdMonitor(c *client, args [][]byte) {
	switch {
	case c.execing:
		c.writeError("ERR MONITOR isn't allowed for DENY BLOCKING client")
	case c.monitor:
	default:
		if !c.pushable { // a subscriber keeps the pubsub class, as in Redis
			c.enablePush(classNormal)
		}
		c.monitor = true
		c.info.monitor.Store(true)
		m := &c.srv.monitors
		m.mu.Lock()
		m.set = append(m.set, c)
		m.n.Store(int32(len(m.set)))
		m.mu.Unlock()
		c.writeOK()
	}
}

// stopMonitor ends MONITOR for the client (RESET).
func (c *client) stopMonitor() {
	if !c.monitor {
		return
	}
	c.monitor = false
	c.info.monitor.Store(false)
	m := &c.srv.monitors
	m.mu.Lock()
	defer m.mu.Unlock()
	if i := slices.Index(m.set, c); i >= 0 {
		m.set = slices.Delete(m.set, i, i+1)
	}
	m.n.Store(int32(len(m.set)))
}

// redact hides the arguments at positions from monitors (as Redis's
// redactClientCommandArgument); the feed of the running command uses and
// clears them.
func (c *client) redact(positions ...int) {
	c.redacted = append(c.redacted, positions...)
}

// feedMonitors sends the command the client just ran to every monitor,
// unless it is not shown: an administrative command, a subcommand that was
// refused as unknown or given the wrong number of arguments, or the log's
// replay.
func (c *client) feedMonitors(cmd *command, args [][]byte) {
	redacted := c.redacted
	c.redacted = nil
	if c.srv.monitors.n.Load() == 0 || c.rec.loading || !shownToMonitors(cmd, args) {
		return
	}
	addr := c.peer()
	if c.scriptCaller {
		addr = "lua"
	}
	c.srv.monitors.feed(c.db.n, addr, args, redacted)
}

// shownToMonitors reports whether a command that ran is shown.
func shownToMonitors(cmd *command, args [][]byte) bool {
	if cmd.flags&flagSkipMonitor != 0 { // EVAL shows itself before its script's commands
		return false
	}
	if cmd.subs == nil || len(args) < 2 {
		return cmd.flags&flagAdmin == 0
	}
	sub := findSubcommand(cmd.subs, args[1])
	return sub != nil && sub.flags&flagAdmin == 0 &&
		(sub.arity <= 0 || len(args) == sub.arity) && len(args) >= -sub.arity
}

// feedText sends a semicolon request that ran to every monitor: its
// command's name and the fields it was sent with.
func (c *client) feedText(r textRequest, line []byte) {
	fields := [][]byte{bytes.ToUpper(r.Command), r.Key, r.Value, r.Type}
	n := min(bytes.Count(line, []byte{';'})+1, len(fields))
	c.srv.monitors.feed(c.db.n, c.peer(), fields[:n], nil)
}

// feed sends one line to every monitor, forgetting those gone (their
// connection ended, or their output passed its limit).
func (m *monitors) feed(db int, addr string, args [][]byte, redacted []int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.set) == 0 {
		return
	}
	line := string(appendMonitorLine(nil, time.Now(), db, addr, args, redacted))
	kept := m.set[:0]
	for _, o := range m.set {
		if o.pushMessage(line) {
			kept = append(kept, o)
		}
	}
	clear(m.set[len(kept):])
	m.set = kept
	m.n.Store(int32(len(kept)))
}

// redactedArg is what a monitor sees of a redacted argument.
var redactedArg = []byte("(redacted)")

// appendMonitorLine appends a monitor's line for a command: a status reply
// holding the time in microseconds, the database and the client's
// address, and the arguments quoted as Redis's sdscatrepr quotes them.
func appendMonitorLine(dst []byte, now time.Time, db int, addr string, args [][]byte, redacted []int) []byte {
	dst = append(dst, '+')
	dst = strconv.AppendInt(dst, now.Unix(), 10)
	usec := strconv.AppendInt(nil, int64(now.Nanosecond()/1000)+1e6, 10)
	dst = append(append(dst, '.'), usec[1:]...) // six digits, zero-padded
	dst = append(dst, " ["...)
	dst = strconv.AppendInt(dst, int64(db), 10)
	dst = append(append(append(dst, ' '), addr...), "] "...)
	for i, a := range args {
		if i > 0 {
			dst = append(dst, ' ')
		}
		for _, r := range redacted {
			if r == i {
				a = redactedArg
			}
		}
		dst = appendRepr(dst, a)
	}
	return append(dst, "\r\n"...)
}

// appendRepr appends b quoted as Redis's sdscatrepr quotes it: in double
// quotes, with \\ \" \n \r \t \a \b escaped, other printable ASCII as is,
// and every other byte as \xhh.
func appendRepr(dst, b []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for _, ch := range b {
		switch ch {
		case '\\', '"':
			dst = append(dst, '\\', ch)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\a':
			dst = append(dst, '\\', 'a')
		case '\b':
			dst = append(dst, '\\', 'b')
		default:
			if ch >= ' ' && ch <= '~' {
				dst = append(dst, ch)
			} else {
				dst = append(dst, '\\', 'x', hex[ch>>4], hex[ch&15])
			}
		}
	}
	return append(dst, '"')
}

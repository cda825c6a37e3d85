// client_list.go holds CLIENT LIST and CLIENT INFO: one line per
// connection with every field Redis 7.0 prints, in its order. A client's
// own goroutine owns its state; what other connections' CLIENT LIST reads
// of it (its last command, when it last sent something, its database and
// transaction) it shows in atomics (shown) after each request, and its
// name, protocol and file descriptor are read under the server's lock.
package main

import (
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// shown is what CLIENT LIST on other connections reads of a client.
type shown struct {
	cmd      atomic.Pointer[string] // the last command's full name (client|list); nil: none or unknown
	seen     atomic.Int64           // when it last sent something, in Unix seconds
	db       atomic.Int64           // the selected database
	multi    atomic.Int64           // commands MULTI queued; -1 outside a transaction
	multiMem atomic.Int64           // their arguments' memory, as Redis counts it
	monitor  atomic.Bool            // MONITOR
	noEvict  atomic.Bool            // CLIENT NO-EVICT ON
	fd       int                    // the socket's descriptor; -1: none (set before the client is listed)

	// what was published last, kept by the client's goroutine
	lastDB, lastMulti int
}

// init sets what a new client shows.
func (s *shown) init(c *client) {
	s.seen.Store(c.created.Unix())
	s.multi.Store(-1)
	s.fd, s.lastMulti = -1, -1
}

// noteCommand records the command about to be checked as the client's
// last (Redis's lastcmd: set even if it is then refused), storing only a
// change.
func (c *client) noteCommand(cmd *command, args [][]byte) {
	if name := cmd.fullName(args); c.info.cmd.Load() != name {
		c.info.cmd.Store(name)
	}
}

// showState makes the client's database and transaction visible to other
// connections' CLIENT LIST; it runs on the client's goroutine after each
// request and costs two comparisons when nothing changed.
func (c *client) showState() {
	if c.db.n != c.info.lastDB {
		c.info.lastDB = c.db.n
		c.info.db.Store(int64(c.db.n))
	}
	m := -1
	if c.multi {
		m = len(c.queue)
	}
	if m == c.info.lastMulti {
		return
	}
	from, mem := c.info.lastMulti, c.info.multiMem.Load()
	if from < 0 || m < from { // a new transaction: count it from its start
		from, mem = 0, 0
	}
	for _, q := range c.queue[from:max(m, 0)] {
		mem += argvMem(q.args) + int64(len(q.args))*8 // Redis adds a pointer per argument
	}
	c.info.lastMulti = m
	c.info.multi.Store(int64(m))
	c.info.multiMem.Store(mem)
}

// argvMem is the memory of a command's arguments, as Redis's argv-mem.
func argvMem(args [][]byte) int64 {
	n := 0
	for _, a := range args {
		n += len(a)
	}
	return int64(n)
}

// fullName is the command's name as CLIENT LIST shows it: a subcommand's
// as container|sub; nil for an unknown command or subcommand.
func (cmd *command) fullName(args [][]byte) *string {
	switch {
	case cmd == nil:
		return nil
	case cmd.subs == nil || len(args) < 2:
		return &cmd.name
	}
	if sub := findSubcommand(cmd.subs, args[1]); sub != nil {
		return &sub.full
	}
	return nil
}

// flagsFor returns the flags of the command args run: a subcommand's own.
func (cmd *command) flagsFor(args [][]byte) cmdFlags {
	if cmd.subs != nil && len(args) >= 2 {
		if sub := findSubcommand(cmd.subs, args[1]); sub != nil {
			return sub.flags
		}
	}
	return cmd.flags
}

// connFD returns a connection's file descriptor, or -1.
func connFD(nc net.Conn) int {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return -1
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return -1
	}
	fd := -1
	raw.Control(func(f uintptr) { fd = int(f) })
	return fd
}

// clientType is a client's type for CLIENT LIST TYPE and CLIENT KILL
// TYPE: a subscriber is pubsub, every other client normal (a monitor too,
// as in Redis). nosql has no masters or replicas.
func (c *client) clientType() string {
	if sub, psub, ssub := c.subscriberCounts(); sub+psub+ssub > 0 {
		return "pubsub"
	}
	return "normal"
}

// parseClientType reads a client type as Redis does ("slave" and
// "replica" are one type); false for an unknown one.
func parseClientType(name []byte) (string, bool) {
	switch t := strings.ToLower(string(name)); t {
	case "normal", "master", "pubsub":
		return t, true
	case "replica", "slave":
		return "replica", true
	}
	return "", false
}

func cmdClientInfo(c *client, args [][]byte) {
	c.writeVerbatim(c.srv.clientLines(c, args, func(*conn) bool { return false }, c))
}

// cmdClientList serves CLIENT LIST [TYPE type] | [ID id ...]: one line
// per connection, as Redis formats them, in the order they connected
// (or the ids' order).
func cmdClientList(c *client, args [][]byte) {
	switch {
	case len(args) == 2:
		c.writeVerbatim(c.srv.clientLines(c, args, func(*conn) bool { return true }, nil))
	case len(args) == 4 && strings.EqualFold(string(args[2]), "type"):
		typ, ok := parseClientType(args[3])
		if !ok {
			c.writeError("ERR Unknown client type '" + string(args[3]) + "'")
			return
		}
		c.writeVerbatim(c.srv.clientLines(c, args, func(o *conn) bool { return o.clientType() == typ }, nil))
	case len(args) > 3 && strings.EqualFold(string(args[2]), "id"):
		var out []byte
		for _, a := range args[3:] {
			id, ok := parseCanonicalInt(a)
			if !ok {
				c.writeError("ERR Invalid client ID")
				return
			}
			out = append(out, c.srv.clientLines(c, args, func(o *conn) bool { return o.id == id }, nil)...)
		}
		c.writeVerbatim(out)
	default:
		c.writeError(errSyntax)
	}
}

// clientLines returns the CLIENT LIST lines of the connections match
// picks, by id, and of only, if it is not nil (CLIENT INFO); me is the
// client asking, whose running command is args.
func (s *Server) clientLines(me *client, args [][]byte, match func(*conn) bool, only *client) []byte {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	var picked []*conn
	for o := range s.conns {
		if o.client == only || match(o) {
			picked = append(picked, o)
		}
	}
	sortConnsByID(picked)
	var out []byte
	for _, o := range picked {
		out = append(o.appendClientInfo(out, now, me, args), '\n')
	}
	if only != nil && len(picked) == 0 { // not a connection: the log's replay
		out = append(only.appendInfoFields(out, now, clientUsage{}), '\n')
	}
	return out
}

// sortConnsByID sorts a few connections by id (insertion sort: CLIENT
// LIST is rare and the list is usually short).
func sortConnsByID(cs []*conn) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].id < cs[j-1].id; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// clientUsage is a client's buffers as CLIENT LIST shows them.
type clientUsage struct {
	qbuf, qbufFree, argvMem int64 // its input (the client asking only)
	obl, oll, omem          int64 // its output: current block, queued blocks or messages, their bytes
	events                  string
	blocked                 bool // waiting (BLPOP, CLIENT PAUSE)
}

// baseClientMem is what a connection takes besides its buffers.
const baseClientMem = int64(unsafe.Sizeof(conn{}) + unsafe.Sizeof(client{}) + unsafe.Sizeof(reader{}))

// appendClientInfo appends o's CLIENT LIST line, without its newline. The
// caller holds the server's lock. The client asking (me, running args)
// shows its own buffers; another shows the output it has pending.
func (o *conn) appendClientInfo(dst []byte, now time.Time, me *client, args [][]byte) []byte {
	u := clientUsage{events: "r"}
	if o.client == me {
		u.qbuf, u.qbufFree, u.argvMem = int64(o.rd.w), int64(len(o.rd.buf)-o.rd.w), argvMem(args)
		u.obl, u.oll, u.omem = int64(len(o.out)), int64(len(o.q.full)), o.q.queued
	} else {
		m := &o.mbox
		m.settle(now.Add(settleWait)) // now: when the listing began, so it waits settleWait at most
		m.mu.Lock()
		u.oll, u.omem, u.blocked = int64(len(m.msgs)), m.bytes+m.backlog, m.wait == waiting
		m.mu.Unlock()
		if u.omem > 0 {
			u.events = "rw"
		}
	}
	return o.appendInfoFields(dst, now, u)
}

// appendInfoFields appends c's fields, in Redis 7.0's order.
func (c *client) appendInfoFields(dst []byte, now time.Time, u clientUsage) []byte {
	multi := c.info.multi.Load()
	multiMem := c.info.multiMem.Load()
	in := u.qbuf + u.qbufFree
	if in == 0 { // another client's: its reader keeps at least this
		in = minReadBuf
	}
	totMem := baseClientMem + in + u.argvMem + multiMem + u.omem
	num := func(name string, v int64) {
		dst = append(dst, name...)
		dst = strconv.AppendInt(dst, v, 10)
	}
	num("id=", c.id)
	dst = append(dst, " addr="...)
	dst = append(dst, c.peer()...)
	dst = append(dst, " laddr="...)
	dst = append(dst, addrString(c.laddr)...)
	num(" fd=", int64(c.info.fd))
	dst = append(dst, " name="...)
	dst = append(dst, c.name...)
	num(" age=", now.Unix()-c.created.Unix())
	num(" idle=", now.Unix()-c.info.seen.Load())
	dst = append(dst, " flags="...)
	dst = c.appendFlags(dst, multi >= 0, u.blocked)
	num(" db=", c.info.db.Load())
	sub, psub, ssub := c.subscriberCounts()
	num(" sub=", int64(sub))
	num(" psub=", int64(psub))
	num(" ssub=", int64(ssub))
	num(" multi=", multi)
	num(" qbuf=", u.qbuf)
	num(" qbuf-free=", u.qbufFree)
	num(" argv-mem=", u.argvMem)
	num(" multi-mem=", multiMem)
	num(" rbs=", outBlockSize)
	num(" rbp=", outBlockSize)
	num(" obl=", u.obl)
	num(" oll=", u.oll)
	num(" omem=", u.omem)
	num(" tot-mem=", totMem)
	dst = append(dst, " events="...)
	dst = append(dst, u.events...)
	dst = append(dst, " cmd="...)
	if name := c.info.cmd.Load(); name != nil {
		dst = append(dst, *name...)
	} else {
		dst = append(dst, "NULL"...)
	}
	dst = append(dst, " user=default redir=-1"...)
	num(" resp=", int64(c.resp))
	return dst
}

// appendFlags appends the client's flags as Redis letters them: O
// monitor, P subscriber, x in MULTI, b blocked, d a watched key changed,
// e no-evict; N for none.
func (c *client) appendFlags(dst []byte, multi, blocked bool) []byte {
	start := len(dst)
	sub, psub, ssub := c.subscriberCounts()
	for _, f := range [...]struct {
		on     bool
		letter byte
	}{
		{c.info.monitor.Load(), 'O'},
		{sub+psub+ssub > 0, 'P'},
		{multi, 'x'},
		{blocked, 'b'},
		{c.dirtyCAS.Load(), 'd'},
		{c.info.noEvict.Load(), 'e'},
	} {
		if f.on {
			dst = append(dst, f.letter)
		}
	}
	if len(dst) == start {
		dst = append(dst, 'N')
	}
	return dst
}

func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

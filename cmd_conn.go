// cmd_conn.go holds the connection commands: PING, ECHO, QUIT, SELECT,
// HELLO, AUTH and CLIENT. nosql has one database, one user ("default",
// whose password is requirepass; with none set it accepts any password, as
// Redis's does) and speaks RESP2 and RESP3.
package main

import (
	"net"
	"strconv"
	"strings"
	"time"
)

func cmdPing(c *client, args [][]byte) {
	switch len(args) {
	case 1:
		c.writeSimple("PONG")
	case 2:
		c.writeBulk(args[1])
	default:
		c.wrongArgs("ping")
	}
}

func cmdEcho(c *client, args [][]byte) { c.writeBulk(args[1]) }

func cmdQuit(c *client, args [][]byte) {
	c.writeOK()
	c.closeAfter = true
}

// nosqlVersion is nosql's own version, reported by HELLO and INFO.
const nosqlVersion = "1.0.0"

// cmdHello serves HELLO [protover [AUTH username password] [SETNAME
// name]]: protocol 2 or 3. As in Redis, the options take effect in order
// as they are read (a name is set even if a later option fails), and the
// reply needs the client authenticated by then; the protocol changes only
// then, and the reply is in the new one.
func cmdHello(c *client, args [][]byte) {
	ver := int64(c.resp)
	if len(args) >= 2 {
		var ok bool
		ver, ok = parseCanonicalInt(args[1])
		switch {
		case !ok:
			c.writeError("ERR Protocol version is not an integer or out of range")
			return
		case ver != 2 && ver != 3:
			c.writeError("NOPROTO unsupported protocol version")
			return
		}
	}
	for j := 2; j < len(args); j++ {
		more := len(args) - 1 - j
		opt := string(args[j])
		switch {
		case strings.EqualFold(opt, "auth") && more >= 2:
			if !c.authenticate(args[j+1], args[j+2]) {
				c.writeError(errWrongPass)
				return
			}
			j += 2
		case strings.EqualFold(opt, "setname") && more >= 1:
			if !validClientAttr(args[j+1]) {
				c.writeError(errClientName)
				return
			}
			c.setName(args[j+1])
			j++
		default:
			c.writeError("ERR Syntax error in HELLO option '" + opt + "'")
			return
		}
	}
	if c.authRequired() {
		c.writeError(errHelloAuth)
		return
	}
	c.srv.mu.Lock() // CLIENT LIST on other connections reads it
	c.resp = int(ver)
	c.srv.mu.Unlock()
	c.writeMap(7)
	c.writeBulkString("server")
	c.writeBulkString("nosql")
	c.writeBulkString("version")
	c.writeBulkString(nosqlVersion)
	c.writeBulkString("proto")
	c.writeInt(ver)
	c.writeBulkString("id")
	c.writeInt(c.id)
	c.writeBulkString("mode")
	c.writeBulkString("standalone")
	c.writeBulkString("role")
	c.writeBulkString("master")
	c.writeBulkString("modules")
	c.writeArray(0)
}

const (
	errWrongPass  = "WRONGPASS invalid username-password pair or user is disabled."
	errClientName = "ERR Client names cannot contain spaces, newlines or special characters."
)

// cmdAuth serves AUTH [username] password. With no password configured,
// Redis refuses the one-argument form and lets the default user in with
// any password. A failed AUTH leaves an authenticated client so.
func cmdAuth(c *client, args [][]byte) {
	switch {
	case len(args) > 3:
		c.writeError(errSyntax)
	case len(args) == 2 && !c.srv.hasPassword():
		c.writeError(errAuthNoPass)
	case len(args) == 2 && c.authenticate([]byte("default"), args[1]),
		len(args) == 3 && c.authenticate(args[1], args[2]):
		c.writeOK()
	default:
		c.writeError(errWrongPass)
	}
}

func clientSubcommands() []subcommand {
	return []subcommand{
		{name: "id", arity: 2, flags: flagNoScript, fn: cmdClientID},
		{name: "getname", arity: 2, flags: flagNoScript, fn: cmdClientGetName},
		{name: "setname", arity: 3, flags: flagNoScript, fn: cmdClientSetName},
		{name: "setinfo", arity: 4, flags: flagNoScript, fn: cmdClientSetInfo},
		{name: "info", arity: 2, flags: flagNoScript, fn: cmdClientInfo},
		{name: "list", arity: -2, flags: flagAdmin | flagNoScript, fn: cmdClientList},
		{name: "unblock", arity: -3, flags: flagAdmin | flagNoScript, fn: cmdClientUnblock},
		{name: "help", arity: 2, fn: cmdClientHelp},
	}
}

func cmdClientID(c *client, args [][]byte) { c.writeInt(c.id) }

// cmdClientGetName answers the connection's name, or null when it has none.
func cmdClientGetName(c *client, args [][]byte) {
	if c.name == "" {
		c.writeNull()
		return
	}
	c.writeBulkString(c.name)
}

func cmdClientSetName(c *client, args [][]byte) {
	if !validClientAttr(args[2]) {
		c.writeError(errClientName)
		return
	}
	c.setName(args[2])
	c.writeOK()
}

// setName sets the connection's name (empty: no name). It holds the
// server's lock because CLIENT LIST on other connections reads the name.
func (c *client) setName(name []byte) {
	c.srv.mu.Lock()
	c.name = string(name)
	c.srv.mu.Unlock()
}

// validClientAttr reports whether b may be a client name or library
// attribute: printable ASCII without spaces, so CLIENT LIST stays parsable.
func validClientAttr(b []byte) bool {
	for _, ch := range b {
		if ch < '!' || ch > '~' {
			return false
		}
	}
	return true
}

// cmdClientSetInfo serves CLIENT SETINFO LIB-NAME|LIB-VER value (Redis
// 7.2), which client libraries send when they connect. The value is
// checked as Redis checks it, and not kept.
func cmdClientSetInfo(c *client, args [][]byte) {
	attr := string(args[2])
	if !strings.EqualFold(attr, "lib-name") && !strings.EqualFold(attr, "lib-ver") {
		c.writeError("ERR Unrecognized option '" + attr + "'")
		return
	}
	if !validClientAttr(args[3]) {
		c.writeError("ERR " + attr + " cannot contain spaces, newlines or special characters.")
		return
	}
	c.writeOK()
}

func cmdClientInfo(c *client, args [][]byte) {
	c.srv.mu.Lock()
	line := c.appendClientInfo(nil, time.Now())
	c.srv.mu.Unlock()
	c.writeVerbatim(append(line, '\n'))
}

// cmdClientList serves CLIENT LIST [TYPE type] | [ID id ...]: one line
// per connection, as Redis formats them. Every nosql client is of type
// normal.
func cmdClientList(c *client, args [][]byte) {
	var ids []int64
	all := true
	switch {
	case len(args) == 2:
	case len(args) > 3 && strings.EqualFold(string(args[2]), "type"):
		switch strings.ToLower(string(args[3])) {
		case "normal":
		case "master", "replica", "slave", "pubsub":
			all = false
		default:
			c.writeError("ERR Unknown client type '" + string(args[3]) + "'")
			return
		}
	case len(args) > 3 && strings.EqualFold(string(args[2]), "id"):
		for _, a := range args[3:] {
			id, ok := parseCanonicalInt(a)
			if !ok {
				c.writeError("ERR Invalid client ID")
				return
			}
			ids = append(ids, id)
		}
		all = false
	default:
		c.writeError(errSyntax)
		return
	}
	c.writeVerbatim(c.srv.clientList(all, ids))
}

// clientList returns the CLIENT LIST lines of every connection (all) or of
// those with the given ids, in the order given.
func (s *Server) clientList(all bool, ids []int64) []byte {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []byte
	if all {
		conns := make([]*conn, 0, len(s.conns))
		for c := range s.conns {
			conns = append(conns, c)
		}
		sortConnsByID(conns)
		for _, c := range conns {
			out = append(c.appendClientInfo(out, now), '\n')
		}
		return out
	}
	for _, id := range ids {
		for c := range s.conns {
			if c.id == id {
				out = append(c.appendClientInfo(out, now), '\n')
				break
			}
		}
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

// appendClientInfo appends c's CLIENT LIST line, without its newline. The
// caller holds the server's lock (for the name). nosql does not track
// per-connection activity, buffers or the last command, so those fields
// are left out.
func (c *client) appendClientInfo(dst []byte, now time.Time) []byte {
	dst = append(dst, "id="...)
	dst = strconv.AppendInt(dst, c.id, 10)
	dst = append(dst, " addr="...)
	dst = append(dst, c.peer()...)
	dst = append(dst, " laddr="...)
	dst = append(dst, addrString(c.laddr)...)
	dst = append(dst, " name="...)
	dst = append(dst, c.name...)
	dst = append(dst, " age="...)
	dst = strconv.AppendInt(dst, int64(now.Sub(c.created)/time.Second), 10)
	dst = append(dst, " flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 user=default redir=-1 resp="...)
	dst = strconv.AppendInt(dst, int64(c.resp), 10)
	return dst
}

func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

func cmdClientHelp(c *client, args [][]byte) {
	c.writeHelp("CLIENT",
		"GETNAME",
		"    Return the name of the current connection.",
		"ID",
		"    Return the ID of the current connection.",
		"INFO",
		"    Return information about the current client connection.",
		"LIST [options ...]",
		"    Return information about client connections. Options:",
		"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
		"      Return clients of specified type.",
		"    * ID <client-id> [<client-id> ...]",
		"      Return clients with the given ids.",
		"SETNAME <name>",
		"    Assign the name <name> to the current connection.",
		"SETINFO <LIB-NAME|LIB-VER> <value>",
		"    Set the client library name or version (checked, not kept).",
		"UNBLOCK <clientid> [TIMEOUT|ERROR]",
		"    Unblock the specified blocked client.")
}

// cmdClientUnblock serves CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 if the
// client was blocked, now answered as if timed out or with -UNBLOCKED.
func cmdClientUnblock(c *client, args [][]byte) {
	if len(args) > 4 {
		c.writeError("ERR unknown subcommand or wrong number of arguments for '" + clip(args[1], 128) + "'. Try CLIENT HELP.")
		return
	}
	withError := false
	if len(args) == 4 {
		switch strings.ToLower(string(args[3])) {
		case "timeout":
		case "error":
			withError = true
		default:
			c.writeError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
			return
		}
	}
	id, ok := parseCanonicalInt(args[2])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	if target := c.srv.clientByID(id); target != nil && target.unblock(withError) {
		c.writeInt(1)
		return
	}
	c.writeInt(0)
}

// clientByID finds a connected client by id; nil if none.
func (s *Server) clientByID(id int64) *client {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.id == id {
			return c.client
		}
	}
	return nil
}

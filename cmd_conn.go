// cmd_conn.go holds the connection commands: PING, ECHO, QUIT, RESET, SELECT,
// HELLO, AUTH and CLIENT. nosql has one database, one user ("default",
// whose password is requirepass; with none set it accepts any password, as
// Redis's does) and speaks RESP2 and RESP3.
package main

import "strings"

// cmdPing serves PING [message]; in the pubsub context (pubsubOnly) it
// answers as Redis does there, with the array ["pong", message or ""].
func cmdPing(c *client, args [][]byte) {
	switch {
	case len(args) > 2:
		c.wrongArgs("ping")
	case c.pubsubOnly():
		c.writeArray(2)
		c.writeBulkString("pong")
		if len(args) == 1 {
			c.writeBulkString("")
		} else {
			c.writeBulk(args[1])
		}
	case len(args) == 1:
		c.writeSimple("PONG")
	default:
		c.writeBulk(args[1])
	}
}

func cmdEcho(c *client, args [][]byte) { c.writeBulk(args[1]) }

// cmdQuit serves QUIT: the connection closes once answered. Its
// subscriptions end now, as Redis's do before it serves anyone else.
func cmdQuit(c *client, args [][]byte) {
	c.leavePubsub()
	c.writeOK()
	c.closeAfter = true
}

// cmdReset serves RESET: the connection goes back to how it started, as
// in Redis: its transaction discarded and its keys unwatched, every
// subscription dropped (unconfirmed), MONITOR ended, database 0, RESP2,
// no name, replies on, and authenticated only if no password is set.
func cmdReset(c *client, args [][]byte) {
	c.discardTx()
	c.unwatch(false)
	c.leavePubsub()
	c.endPubsubClass()
	c.stopMonitor()
	c.db.n = 0
	c.srv.mu.Lock() // CLIENT LIST on other connections reads them
	c.resp, c.name = 2, ""
	c.srv.mu.Unlock()
	c.authed = !c.srv.hasPassword()
	c.replyOff, c.skipNext = false, false
	c.unsilence()
	c.writeSimple("RESET")
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
			c.redact(j+1, j+2)
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
// any password. A failed AUTH leaves an authenticated client so. Monitors
// see its arguments redacted.
func cmdAuth(c *client, args [][]byte) {
	if len(args) <= 3 {
		c.redact(1, len(args)-1) // as Redis: the password, and the user name too
	}
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
		{name: "kill", arity: -3, flags: flagAdmin | flagNoScript, fn: cmdClientKill},
		{name: "pause", arity: -3, flags: flagAdmin | flagNoScript, fn: cmdClientPause},
		{name: "unpause", arity: 2, flags: flagAdmin | flagNoScript, fn: cmdClientUnpause},
		{name: "no-evict", arity: 3, flags: flagAdmin | flagNoScript, fn: cmdClientNoEvict},
		{name: "unblock", arity: -3, flags: flagAdmin | flagNoScript, fn: cmdClientUnblock},
		{name: "reply", arity: 3, flags: flagNoScript, fn: cmdClientReply},
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

func cmdClientHelp(c *client, args [][]byte) {
	c.writeHelp("CLIENT",
		"GETNAME",
		"    Return the name of the current connection.",
		"ID",
		"    Return the ID of the current connection.",
		"INFO",
		"    Return information about the current client connection.",
		"KILL <ip:port>",
		"    Kill connection made from <ip:port>.",
		"KILL <option> <value> [<option> <value> [...]]",
		"    Kill connections. Options are:",
		"    * ADDR (<ip:port>|<unixsocket>:0)",
		"      Kill connections made from the specified address",
		"    * LADDR (<ip:port>|<unixsocket>:0)",
		"      Kill connections made to specified local address",
		"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
		"      Kill connections by type.",
		"    * USER <username>",
		"      Kill connections authenticated by <username>.",
		"    * SKIPME (YES|NO)",
		"      Skip killing current connection (default: yes).",
		"LIST [options ...]",
		"    Return information about client connections. Options:",
		"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
		"      Return clients of specified type.",
		"    * ID <client-id> [<client-id> ...]",
		"      Return clients with the given ids.",
		"UNPAUSE",
		"    Stop the current client pause, resuming traffic.",
		"PAUSE <timeout> [WRITE|ALL]",
		"    Suspend all, or just write, clients for <timeout> milliseconds.",
		"REPLY (ON|OFF|SKIP)",
		"    Control the replies sent to the current connection.",
		"SETNAME <name>",
		"    Assign the name <name> to the current connection.",
		"SETINFO <LIB-NAME|LIB-VER> <value>",
		"    Set the client library name or version (checked, not kept).",
		"NO-EVICT (ON|OFF)",
		"    Protect current client connection from eviction.",
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

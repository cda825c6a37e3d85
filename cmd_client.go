// cmd_client.go holds the CLIENT subcommands that act on other clients or
// the whole server: KILL, PAUSE, UNPAUSE, and NO-EVICT, with Redis 7.0's
// options, replies and errors. (CLIENT LIST and INFO are in
// client_list.go; the others in cmd_conn.go.)
package main

import (
	"strings"
	"time"
)

// killFilter is what CLIENT KILL's options select; zero fields select all.
type killFilter struct {
	id          int64
	addr, laddr *string
	typ         string
	skipMe      bool
}

// matches reports whether o is selected; me is the client asking.
func (f *killFilter) matches(o *conn, me *client) bool {
	return (f.addr == nil || o.peer() == *f.addr) &&
		(f.laddr == nil || addrString(o.laddr) == *f.laddr) &&
		(f.typ == "" || o.clientType() == f.typ) &&
		(f.id == 0 || o.id == f.id) &&
		!(f.skipMe && o.client == me)
}

// cmdClientKill serves CLIENT KILL addr:port (the old form: OK, or an
// error if none matched; it may kill the caller) and CLIENT KILL with
// options ID, ADDR, LADDR, TYPE, USER and SKIPME (the number killed; the
// caller is skipped unless SKIPME no). The caller, if killed, is closed
// once answered; another client at once.
func cmdClientKill(c *client, args [][]byte) {
	f := killFilter{skipMe: true}
	if len(args) == 3 {
		addr := string(args[2])
		f.addr, f.skipMe = &addr, false
	} else if !parseKillFilter(c, args, &f) {
		return
	}
	n := c.srv.kill(c, &f)
	switch {
	case len(args) > 3:
		c.writeInt(int64(n))
	case n == 0:
		c.writeError("ERR No such client")
	default:
		c.writeOK()
	}
}

// parseKillFilter reads CLIENT KILL's options into f, or answers the
// first wrong one as Redis does and reports false.
func parseKillFilter(c *client, args [][]byte, f *killFilter) bool {
	for i := 2; i < len(args); i += 2 {
		if i+1 == len(args) {
			c.writeError(errSyntax)
			return false
		}
		v := args[i+1]
		switch strings.ToLower(string(args[i])) {
		case "id":
			id, ok := parseCanonicalInt(v)
			if !ok || id < 1 {
				c.writeError("ERR client-id should be greater than 0")
				return false
			}
			f.id = id
		case "type":
			typ, ok := parseClientType(v)
			if !ok {
				c.writeError("ERR Unknown client type '" + string(v) + "'")
				return false
			}
			f.typ = typ
		case "addr":
			addr := string(v)
			f.addr = &addr
		case "laddr":
			laddr := string(v)
			f.laddr = &laddr
		case "user": // every client is the default user's
			if string(v) != "default" {
				c.writeError("ERR No such user '" + string(v) + "'")
				return false
			}
		case "skipme":
			switch strings.ToLower(string(v)) {
			case "yes":
				f.skipMe = true
			case "no":
				f.skipMe = false
			default:
				c.writeError(errSyntax)
				return false
			}
		default:
			c.writeError(errSyntax)
			return false
		}
	}
	return true
}

// kill disconnects the connections f selects and returns how many. Each is
// forgotten at once (CLIENT LIST and connected_clients no longer count it)
// and its socket closed, which ends whatever it was doing; me, if
// selected, is closed once its reply is written.
func (s *Server) kill(me *client, f *killFilter) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for o := range s.conns {
		if !f.matches(o, me) {
			continue
		}
		n++
		if o.client == me {
			me.closeAfter = true
			continue
		}
		s.log.Info("client killed by CLIENT KILL", "client", o.peer(), "by", me.peer())
		delete(s.conns, o)
		o.nc.Close()
	}
	return n
}

// cmdClientPause serves CLIENT PAUSE timeout [WRITE|ALL]: timeout in
// milliseconds from now (0: a pause already over, which only makes one in
// force stricter).
func cmdClientPause(c *client, args [][]byte) {
	if len(args) > 4 {
		c.subcommandSyntaxError(args)
		return
	}
	kind := pauseAll
	if len(args) == 4 {
		switch strings.ToLower(string(args[3])) {
		case "write":
			kind = pauseWrite
		case "all":
		default:
			c.writeError("ERR CLIENT PAUSE mode must be WRITE or ALL")
			return
		}
	}
	ms, ok := parseCanonicalInt(args[2])
	switch {
	case !ok:
		c.writeError("ERR timeout is not an integer or out of range")
		return
	case ms < 0:
		c.writeError("ERR timeout is negative")
		return
	case ms > 0:
		ms += time.Now().UnixMilli() // as Redis, wrapping past the largest time (a pause then over)
	}
	c.srv.pauseClients(kind, ms)
	c.writeOK()
}

func cmdClientUnpause(c *client, args [][]byte) {
	c.srv.unpauseClients()
	c.writeOK()
}

// cmdClientNoEvict serves CLIENT NO-EVICT ON|OFF. nosql evicts no client
// for memory (its output limits apply to every one), so it only sets the
// flag CLIENT LIST shows.
func cmdClientNoEvict(c *client, args [][]byte) {
	switch strings.ToLower(string(args[2])) {
	case "on":
		c.info.noEvict.Store(true)
	case "off":
		c.info.noEvict.Store(false)
	default:
		c.writeError(errSyntax)
		return
	}
	c.writeOK()
}

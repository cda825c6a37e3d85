// auth.go holds access control: the password (requirepass) a client must
// give with AUTH or HELLO AUTH before running commands, and protected mode,
// which refuses clients from beyond loopback while no password is set.
package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
)

const (
	errNoAuth     = "NOAUTH Authentication required."
	errHelloAuth  = "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time"
	errAuthNoPass = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
	textNoAuth    = "ERROR: authentication required; send AUTH <password> first"

	// deniedMsg is Redis 7.0's protected-mode refusal, byte for byte:
	// clients and operators recognise it, and its advice holds for nosql
	// (CONFIG SET protected-mode no, --protected-mode no, a password).
	deniedMsg = "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n"
)

// password is the configured password and its SHA-256, which is what
// AUTH compares (in constant time, whatever the lengths).
type password struct {
	text string
	sum  [sha256.Size]byte
}

// setPassword sets requirepass; empty removes the password. Connections
// already authenticated stay so, as in Redis.
func (s *Server) setPassword(p string) {
	if p == "" {
		s.set.password.Store(nil)
		return
	}
	s.set.password.Store(&password{text: p, sum: sha256.Sum256([]byte(p))})
}

// passwordText returns requirepass, or "" when none is set.
func (s *Server) passwordText() string {
	if p := s.set.password.Load(); p != nil {
		return p.text
	}
	return ""
}

// hasPassword reports whether clients must authenticate.
func (s *Server) hasPassword() bool { return s.set.password.Load() != nil }

// authRequired reports whether c must authenticate before running commands.
func (c *client) authRequired() bool { return !c.authed && c.srv.hasPassword() }

// authenticate checks user and pass as the default user's credentials (any
// password is right while none is set) and, when they are right, marks c
// authenticated. A failure is logged with the client's address, never the
// credentials.
func (c *client) authenticate(user, pass []byte) bool {
	ok := string(user) == "default"
	if p := c.srv.set.password.Load(); p != nil {
		sum := sha256.Sum256(pass)
		ok = subtle.ConstantTimeCompare(sum[:], p.sum[:]) == 1 && ok
	}
	if !ok {
		c.srv.log.Warn("authentication failed", "client", c.peer())
		return false
	}
	c.authed = true
	return true
}

// protectedRefusal decides whether protected mode refuses a client from
// remote: only while it is on and no password is set, and only for
// addresses that are not loopback.
func protectedRefusal(remote net.Addr, passwordSet, protected bool) bool {
	return protected && !passwordSet && !isLoopback(remote)
}

// isLoopback reports whether a is a loopback TCP address (127.0.0.0/8,
// ::1) or a Unix socket.
func isLoopback(a net.Addr) bool {
	switch a := a.(type) {
	case *net.TCPAddr:
		return a.IP.IsLoopback()
	case *net.UnixAddr:
		return true
	}
	return false
}

// warnIfExposed warns at start when the server listens beyond loopback
// with no password set.
func (s *Server) warnIfExposed(a net.Addr) {
	if isLoopback(a) || s.hasPassword() {
		return
	}
	if s.set.protectedMode.Load() {
		s.log.Warn("listening beyond loopback with no password: protected mode refuses every client not on loopback; set -requirepass to serve them", "addr", a.String())
		return
	}
	s.log.Warn("listening beyond loopback with no password and protected mode off: any client that reaches this address can read, change and delete every key; set -requirepass", "addr", a.String())
}

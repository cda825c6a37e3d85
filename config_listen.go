// config_listen.go holds the port and bind parameters: CONFIG SET of
// either moves the listener as Redis does, listening on the new address
// before closing the old one (connections already made keep going); an
// address that cannot be listened on is refused with Redis's error and
// nothing changes. nosql listens on one TCP address.
package main

import (
	"net"
	"strconv"
	"strings"
)

// allAddresses is bind's value when nosql listens on every address
// (Redis's default).
const allAddresses = "* -::*"

// listenParams adds port and bind.
func listenParams(add func(configParam)) {
	add(configParam{name: "port", check: checkPort,
		get: func(s *Server) string { return strconv.Itoa(s.port()) },
		tryApply: func(s *Server, n int64, _ string) string {
			if msg := s.relisten(s.bindHost(), int(n)); msg != "" {
				return "Unable to listen on this port. Check server logs."
			}
			return ""
		}})
	add(configParam{name: "bind", check: checkBind, get: (*Server).bindText,
		tryApply: func(s *Server, _ int64, v string) string {
			if msg := s.relisten(bindHostOf(v), s.port()); msg != "" {
				return "Failed to bind to specified addresses."
			}
			return ""
		}})
}

// checkPort checks a port as Redis does; nosql refuses 0, which in Redis
// means no TCP listener and would leave nosql unreachable.
func checkPort(v string) (int64, string) {
	n, msg := integerValue(0, 65535)(v)
	if msg == "" && n == 0 {
		msg = "nosql listens on TCP only: port 0 would leave it unreachable"
	}
	return n, msg
}

// checkBind checks a bind value: Redis's limit of 16 addresses, and
// nosql's one address (or Redis's default, every address).
func checkBind(v string) (int64, string) {
	addrs := strings.Fields(v)
	switch {
	case len(addrs) > 16:
		return 0, "Too many bind addresses specified."
	case len(addrs) > 1 && strings.Join(addrs, " ") != allAddresses:
		return 0, "nosql listens on one address; give one, or '" + allAddresses + "' for every address"
	}
	return 0, ""
}

// bindHostOf is the host to listen on for a checked bind value: "" for
// every address.
func bindHostOf(v string) string {
	addrs := strings.Fields(v)
	if len(addrs) != 1 || addrs[0] == "*" {
		return ""
	}
	return addrs[0]
}

// bindHost returns the host the server listens on, "" for every address.
func (s *Server) bindHost() string {
	if a, ok := s.Addr().(*net.TCPAddr); ok && !a.IP.IsUnspecified() {
		return a.IP.String()
	}
	return ""
}

// bindText is bind's value: the address listened on, or allAddresses.
func (s *Server) bindText() string {
	if h := s.bindHost(); h != "" {
		return h
	}
	return allAddresses
}

// relisten moves the listener to host:port, unless it is there already.
// On another port it listens first and then closes the old listener; on
// the same port (another address) the old one must close first, and is
// opened again if the new address cannot be listened on. It returns why
// it could not listen ("" when it did). The accept loop picks the new
// listener up (Serve).
func (s *Server) relisten(host string, port int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.ln
	if old == nil || s.closing.Load() {
		return "the server is not listening"
	}
	cur, _ := old.Addr().(*net.TCPAddr)
	if cur != nil && cur.Port == port && sameHost(cur.IP, host) {
		return ""
	}
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	samePort := cur != nil && cur.Port == port
	if samePort {
		old.Close()
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		s.log.Warn("CONFIG SET: unable to listen", "addr", addr, "err", err)
		if samePort { // listen where it was again
			back, err := net.Listen("tcp", old.Addr().String())
			if err != nil {
				s.log.Error("CONFIG SET: unable to listen again on the old address", "addr", old.Addr().String(), "err", err)
				return err.Error()
			}
			stampListener(back)
			s.ln = back
		}
		return err.Error()
	}
	stampListener(ln)
	s.ln = ln
	if !samePort {
		old.Close()
	}
	s.log.Info("nosql listening", "addr", ln.Addr().String())
	return ""
}

// sameHost reports whether ip is the address host names ("" is every
// address).
func sameHost(ip net.IP, host string) bool {
	if host == "" {
		return ip.IsUnspecified()
	}
	h := net.ParseIP(host)
	return h != nil && h.Equal(ip)
}

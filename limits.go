// limits.go holds the connection limits: maxclients (and the open file
// limit raised to fit it), the idle timeout, TCP keep-alive, and the
// refusal of a client the server will not serve.
package main

import (
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
)

const (
	reservedFDs     = 32 // descriptors kept for files and the listener, as in Redis
	errMaxClients   = "-ERR max number of clients reached\r\n"
	maxKeepAliveSec = 32767       // Linux's largest TCP_KEEPIDLE
	refuseDrain     = time.Second // longest a refused client is kept to read its error
	refuseDrainMax  = 64 << 10    // most bytes read from it meanwhile
	maxDraining     = reservedFDs / 2
)

// fileLimit is the open file limit seen or set while fitting maxclients.
type fileLimit struct {
	cur    uint64 // the soft limit, after any raise
	setErr error  // why it could not be raised enough, if it could not
}

// fitMaxClients raises the soft open file limit toward the hard limit so
// that n clients and the reserve fit, and returns how many clients fit
// (n, or fewer when the limit cannot be raised enough).
func fitMaxClients(n int64) (int64, fileLimit) {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return n, fileLimit{setErr: err} // cannot tell: trust the operator
	}
	need := uint64(n) + reservedFDs
	lim := fileLimit{cur: rl.Cur}
	if rl.Cur >= need {
		return n, lim
	}
	raised := rl
	raised.Cur = min(need, rl.Max)
	if raised.Cur > rl.Cur {
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised); err != nil {
			lim.setErr = err
		} else {
			lim.cur = raised.Cur
		}
	}
	if lim.cur >= need {
		return n, lim
	}
	if lim.setErr == nil {
		lim.setErr = fmt.Errorf("the hard limit is %d", rl.Max)
	}
	return int64(lim.cur) - reservedFDs, lim
}

// applyMaxClients fits cfg's maxclients to the open file limit at start,
// lowering it with a warning (as Redis does) when it cannot fit.
func (s *Server) applyMaxClients(want int64) error {
	got, lim := fitMaxClients(want)
	if got < 1 {
		return fmt.Errorf("the open file limit (%d) is too low to serve clients; raise it (ulimit -n) to at least %d", lim.cur, want+reservedFDs)
	}
	if got < want {
		s.log.Warn("maxclients lowered to fit the open file limit; raise ulimit -n for more",
			"requested", want, "maxclients", got, "open_files", lim.cur, "err", lim.setErr)
	}
	s.set.maxClients.Store(got)
	return nil
}

// checkMaxClients checks a CONFIG SET maxclients value, raising the open
// file limit for it; it refuses a value that cannot fit, as Redis does.
func checkMaxClients(v string) (int64, string) {
	n, msg := integerValue(1, 1<<32-1)(v)
	if msg != "" {
		return n, msg
	}
	if got, _ := fitMaxClients(n); got < n {
		return n, "The operating system is not able to handle the specified number of clients, try with " + formatInt(got)
	}
	return n, ""
}

// refusal returns the error a new connection is refused with, or "" when
// it may be served: past maxclients, or from beyond loopback while
// protected mode is on and no password is set. Only the accept loop adds
// connections, so the count cannot pass maxclients after the check.
func (s *Server) refusal(nc net.Conn) string {
	s.mu.Lock()
	n := int64(len(s.conns))
	s.mu.Unlock()
	switch {
	case n >= s.set.maxClients.Load():
		s.stats.rejected.Add(1)
		s.log.Warn("refused a client: max number of clients reached", "client", addrString(nc.RemoteAddr()), "maxclients", s.set.maxClients.Load())
		return errMaxClients
	case protectedRefusal(nc.RemoteAddr(), s.hasPassword(), s.set.protectedMode.Load()):
		s.log.Warn("refused a non-loopback client: protected mode is on and no password is set", "client", addrString(nc.RemoteAddr()))
		return deniedMsg
	}
	return ""
}

// refuse writes msg raw, whatever protocol the client speaks (as Redis
// does), and closes the connection. (A new socket's send buffer is empty,
// so the write does not wait.) What the client sent is then read and
// dropped for a moment in the background, so that closing does not reset
// the connection before the client reads msg; at most maxDraining refused
// connections are kept so, each holding a descriptor, and past that they
// are closed at once.
func (s *Server) refuse(nc net.Conn, msg string) {
	nc.SetDeadline(time.Now().Add(refuseDrain))
	_, err := nc.Write([]byte(msg))
	tc, ok := nc.(*net.TCPConn)
	if err != nil || !ok {
		nc.Close()
		return
	}
	if s.draining.Add(1) > maxDraining {
		s.draining.Add(-1)
		nc.Close()
		return
	}
	go func() {
		defer s.draining.Add(-1)
		defer tc.Close()
		tc.CloseWrite()
		io.Copy(io.Discard, io.LimitReader(tc, refuseDrainMax))
	}()
}

// keepAliveConfig is what tcp-keepalive secs sets on a connection, as
// Redis sets it: probes after secs idle, every secs/3, three unanswered
// probes drop it; 0 turns keep-alive off.
func keepAliveConfig(secs int64) net.KeepAliveConfig {
	if secs <= 0 {
		return net.KeepAliveConfig{Enable: false}
	}
	idle := min(secs, maxKeepAliveSec)
	return net.KeepAliveConfig{Enable: true, Idle: time.Duration(idle) * time.Second,
		Interval: time.Duration(max(idle/3, 1)) * time.Second, Count: 3}
}

// setKeepAlive applies tcp-keepalive to an accepted TCP connection.
func (s *Server) setKeepAlive(nc net.Conn) {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return
	}
	if err := tc.SetKeepAliveConfig(keepAliveConfig(s.set.keepAlive.Load())); err != nil {
		s.log.Debug("cannot set TCP keep-alive", "client", addrString(nc.RemoteAddr()), "err", err)
	}
}

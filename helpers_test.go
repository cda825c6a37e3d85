// helpers_test.go holds what the end-to-end tests share: a Server started
// on a free loopback port, and a raw TCP client that reads replies of
// either protocol.
package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startServer starts a Server on 127.0.0.1:0 (persistence off unless a
// mutator turns it on) and shuts it down when the test ends.
func startServer(t testing.TB, mutate ...func(*Config)) *Server {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.AppendOnly = false
	cfg.Dir = t.TempDir()
	for _, m := range mutate {
		m(&cfg)
	}
	srv, err := NewServer(cfg)
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	go srv.Serve(ln)
	for srv.Addr() == nil {
		time.Sleep(time.Millisecond)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return srv
}

// tclient is a raw TCP client for tests.
type tclient struct {
	t  testing.TB
	nc net.Conn
	rd *bufio.Reader
}

// dial connects to addr and closes the connection when the test ends.
func dial(t testing.TB, addr string) *tclient {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(30 * time.Second))
	return &tclient{t: t, nc: nc, rd: bufio.NewReader(nc)}
}

// dialServer connects to srv.
func dialServer(t testing.TB, srv *Server) *tclient { return dial(t, srv.Addr().String()) }

// send writes raw bytes.
func (c *tclient) send(s string) {
	c.t.Helper()
	if _, err := c.nc.Write([]byte(s)); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// line reads one line, without its "\n".
func (c *tclient) line() string {
	c.t.Helper()
	s, err := c.rd.ReadString('\n')
	if err != nil {
		c.t.Fatalf("read line: %v (got %q)", err, s)
	}
	return strings.TrimSuffix(s, "\n")
}

// text sends one semicolon request and returns its response line.
func (c *tclient) text(req string) string {
	c.t.Helper()
	c.send(req + "\n")
	return c.line()
}

// do sends a command as a RESP array and returns the raw reply.
func (c *tclient) do(args ...string) string {
	c.t.Helper()
	c.send(encodeCommand(args...))
	return c.reply()
}

// reply reads one whole RESP reply and returns its raw bytes.
func (c *tclient) reply() string {
	c.t.Helper()
	s, err := readReply(c.rd)
	if err != nil {
		c.t.Fatalf("read reply: %v (got %q)", err, s)
	}
	return s
}

// encodeCommand encodes args as a RESP array of bulk strings.
func encodeCommand(args ...string) string {
	return string(appendCommand(nil, args...))
}

// readReply reads one RESP2 or RESP3 reply (of any depth, with the
// attributes before it) and returns it raw.
func readReply(rd *bufio.Reader) (string, error) {
	line, err := rd.ReadString('\n')
	if err != nil {
		return line, err
	}
	if len(line) < 3 || !strings.HasSuffix(line, "\r\n") {
		return line, fmt.Errorf("bad reply line %q", line)
	}
	switch line[0] {
	case '+', '-', ':', '_', ',', '#', '(':
		return line, nil
	case '$', '=', '!':
		n, err := strconv.Atoi(line[1 : len(line)-2])
		if err != nil || n < 0 {
			return line, err
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(rd, buf); err != nil {
			return line, err
		}
		return line + string(buf), nil
	case '*', '~', '>', '%', '|':
		n, err := strconv.Atoi(line[1 : len(line)-2])
		if err != nil {
			return line, err
		}
		if line[0] == '%' || line[0] == '|' {
			n *= 2 // pairs
		}
		if line[0] == '|' {
			n++ // the reply the attributes describe
		}
		var b strings.Builder
		b.WriteString(line)
		for i := 0; i < n; i++ {
			s, err := readReply(rd)
			b.WriteString(s)
			if err != nil {
				return b.String(), err
			}
		}
		return b.String(), nil
	}
	return line, fmt.Errorf("unknown reply type %q", line)
}

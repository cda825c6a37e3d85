// diff_auth_test.go compares nosql's replies with redis-server's for the
// password (both started with requirepass: NOAUTH, AUTH, HELLO AUTH) and
// for the access parameters' CONFIG GET and SET (both without one).
package main

import (
	"strings"
	"testing"
)

// TestDiffAuth runs sequences against both servers started with a password.
func TestDiffAuth(t *testing.T) {
	runDiffWith(t, []diffCase{
		{name: "noauth", cmds: [][]string{c("PING"), c("GET", "k"), c("SET", "k", "v"), c("CONFIG", "GET", "requirepass"), c("CLIENT", "ID"), c("FLUSHALL"), c("INFO")}},
		{name: "noauth-after-lookup-and-arity", cmds: [][]string{c("NOSUCH"), c("GET"), c("AUTH"), c("HELLO", "x"), c("HELLO", "4")}},
		{name: "auth-wrong", cmds: [][]string{c("AUTH", "wrong"), c("AUTH", "default", "wrong"), c("AUTH", "bob", "pw-1"), c("AUTH", "Default", "pw-1"), c("AUTH", "a", "b", "c"), c("AUTH", ""), c("PING")}},
		{name: "auth-right", cmds: [][]string{c("AUTH", "pw-1"), c("PING"), c("AUTH", "wrong"), c("SET", "k", "v"), c("GET", "k"), c("CONFIG", "GET", "requirepass"), c("AUTH", "default", "pw-1")}},
		{name: "hello-noauth", cmds: [][]string{c("HELLO"), c("HELLO", "2"), c("HELLO", "2", "SETNAME", "a b"), c("HELLO", "2", "SETNAME", "ok"), c("HELLO", "2", "AUTH", "default", "wrong"), c("HELLO", "2", "AUTH", "default"), c("HELLO", "2", "AUTH", "x", "pw-1"), c("PING")}},
		{name: "hello-auth-then", cmds: [][]string{c("HELLO", "2", "AUTH", "default", "pw-1", "SETNAME", "a b"), c("PING"), c("CLIENT", "GETNAME")}},
		{name: "config-set-requirepass", cmds: [][]string{c("AUTH", "pw-1"), c("CONFIG", "SET", "requirepass", "pw-2"), c("PING"), c("AUTH", "pw-1"), c("AUTH", "pw-2"), c("CONFIG", "SET", "requirepass", "pw-1"), c("CONFIG", "GET", "requirepass")}},
		{name: "hello-options-in-order", cmds: [][]string{c("HELLO", "2", "SETNAME", "early"), c("AUTH", "pw-1"), c("CLIENT", "GETNAME"), c("HELLO", "2", "SETNAME", "x2", "foo"), c("CLIENT", "GETNAME"), c("HELLO", "2", "SETNAME", "x3", "AUTH", "default", "bad"), c("CLIENT", "GETNAME")}},
		{name: "quit", cmds: [][]string{c("QUIT")}},
		{name: "noauth-transactions", cmds: [][]string{c("MULTI"), c("EXEC"), c("EXEC", "x"), c("DISCARD"), c("WATCH", "k"), c("UNWATCH"), c("AUTH", "pw-1"), c("MULTI"), c("SET", "k", "v"), c("EXEC")}},
	}, []string{"--requirepass", "pw-1"}, func(c *Config) { c.RequirePass = "pw-1" })
}

// TestDiffAuthHelloReply checks the one reply the sequences skip: HELLO
// AUTH with the right password answers HELLO's map, as Redis does (its
// server name and version differ).
func TestDiffAuthHelloReply(t *testing.T) {
	raddr := startRedis(t, "--requirepass", "pw-1")
	srv := startServer(t, func(c *Config) { c.RequirePass = "pw-1" })
	r, n := dial(t, raddr).do("HELLO", "2", "AUTH", "default", "pw-1"), dialServer(t, srv).do("HELLO", "2", "AUTH", "default", "pw-1")
	for name, got := range map[string]string{"redis": r, "nosql": n} {
		if !strings.HasPrefix(got, "*14\r\n$6\r\nserver\r\n") {
			t.Errorf("%s: HELLO 2 AUTH default pw-1 = %q", name, got)
		}
	}
}

// TestDiffAuthInline compares inline AUTH and the NOAUTH before it.
func TestDiffAuthInline(t *testing.T) {
	raddr := startRedis(t, "--requirepass", "pw-1")
	srv := startServer(t, func(c *Config) { c.RequirePass = "pw-1" })
	r, n := dial(t, raddr), dialServer(t, srv)
	for _, line := range []string{"PING", "AUTH nope", "AUTH pw-1", "PING"} {
		r.send(line + "\r\n")
		n.send(line + "\r\n")
		if want, got := r.reply(), n.reply(); want != got {
			t.Errorf("%q:\n redis: %q\n nosql: %q", line, want, got)
		}
	}
}

// TestDiffAccessConfig compares the access parameters' CONFIG replies.
func TestDiffAccessConfig(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "get", cmds: [][]string{c("CONFIG", "GET", "maxclients"), c("CONFIG", "GET", "timeout"), c("CONFIG", "GET", "tcp-keepalive"), c("CONFIG", "GET", "protected-mode"), c("CONFIG", "GET", "requirepass")}},
		{name: "set-errors", cmds: [][]string{c("CONFIG", "SET", "maxclients", "0"), c("CONFIG", "SET", "maxclients", "x"), c("CONFIG", "SET", "maxclients", "4294967296"), c("CONFIG", "SET", "timeout", "-1"), c("CONFIG", "SET", "timeout", "2147483648"), c("CONFIG", "SET", "tcp-keepalive", "x"), c("CONFIG", "SET", "tcp-keepalive", "-1"), c("CONFIG", "SET", "protected-mode", "maybe"), c("CONFIG", "SET", "protected-mode", "1")}},
		{name: "set-get", cmds: [][]string{c("CONFIG", "SET", "timeout", "100"), c("CONFIG", "GET", "timeout"), c("CONFIG", "SET", "timeout", "0"), c("CONFIG", "SET", "tcp-keepalive", "60"), c("CONFIG", "GET", "tcp-keepalive"), c("CONFIG", "SET", "tcp-keepalive", "300"), c("CONFIG", "SET", "protected-mode", "NO"), c("CONFIG", "GET", "protected-mode"), c("CONFIG", "SET", "protected-mode", "yes"), c("CONFIG", "SET", "maxclients", "500"), c("CONFIG", "GET", "maxclients"), c("CONFIG", "SET", "maxclients", "10000")}},
		{name: "hello-options-in-order", cmds: [][]string{c("HELLO", "2", "SETNAME", "x2", "foo"), c("CLIENT", "GETNAME"), c("HELLO", "2", "SETNAME", "x3", "AUTH", "nobody", "bad"), c("CLIENT", "GETNAME")}},
		{name: "set-requirepass-empty", cmds: [][]string{c("CONFIG", "SET", "requirepass", ""), c("CONFIG", "GET", "requirepass"), c("AUTH", "x")}},
	})
}

// diff_client_test.go compares the client-management commands with
// redis-server: CLIENT KILL, PAUSE, UNPAUSE and NO-EVICT's replies and
// errors, and CLIENT LIST / CLIENT INFO's fields (names and order, and the
// values that do not depend on the connection), RESP2 and RESP3.
package main

import (
	"regexp"
	"strings"
	"testing"
)

func TestDiffClient(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "kill-errors", cmds: [][]string{c("CLIENT", "KILL"), c("CLIENT", "KILL", "id", "10", "wrong_arg"), c("CLIENT", "KILL", "id", "str"),
			c("CLIENT", "KILL", "id", "-1"), c("CLIENT", "KILL", "id", "0"), c("CLIENT", "KILL", "id", "007"), c("CLIENT", "KILL", "type", "wrong_type"),
			c("CLIENT", "KILL", "user", "wrong_user"), c("CLIENT", "KILL", "skipme", "yes_or_no"), c("CLIENT", "KILL", "maxage", "5"),
			c("CLIENT", "KILL", "a", "b", "c"), c("CLIENT", "KILL", "ID", "1", "ID"), c("CLIENT", "KILL", "user", "Default", "id", "1")}},
		{name: "kill-none", cmds: [][]string{c("CLIENT", "KILL", "1.2.3.4:5"), c("client", "kill", "ID", "999999"), c("CLIENT", "KILL", "TYPE", "master"),
			c("CLIENT", "KILL", "TYPE", "replica"), c("CLIENT", "KILL", "type", "SLAVE"), c("CLIENT", "KILL", "TYPE", "pubsub"),
			c("CLIENT", "KILL", "ADDR", "1.2.3.4:5", "SKIPME", "no"), c("CLIENT", "KILL", "LADDR", "1.1.1.1:1"), c("CLIENT", "KILL", "USER", "default", "ID", "999999", "SKIPME", "YES")}},
		{name: "pause-errors", cmds: [][]string{c("CLIENT", "PAUSE"), c("CLIENT", "PAUSE", "x"), c("CLIENT", "PAUSE", "10", "foo"), c("CLIENT", "PAUSE", "-1"),
			c("CLIENT", "PAUSE", "10", "write", "extra"), c("client", "pause", "1.5"), c("CLIENT", "PAUSE", "99999999999999999999"), c("CLIENT", "PAUSE", "x", "foo"),
			c("CLIENT", "UNPAUSE", "x"), c("CLIENT", "UNPAUSE")}},
		{name: "pause-zero", cmds: [][]string{c("CLIENT", "PAUSE", "0"), c("CLIENT", "PAUSE", "0", "WRITE"), c("SET", "k", "v"), c("CLIENT", "UNPAUSE"), c("CLIENT", "UNPAUSE")}},
		{name: "no-evict", cmds: [][]string{c("CLIENT", "NO-EVICT", "on"), c("CLIENT", "NO-EVICT", "OFF"), c("CLIENT", "NO-EVICT", "maybe"), c("CLIENT", "NO-EVICT"), c("CLIENT", "NO-EVICT", "on", "x")}},
		{name: "monitor-arity", cmds: [][]string{c("MONITOR", "x")}},
	})
}

// volatileFields are CLIENT LIST fields whose values depend on the
// connection or the implementation's memory, compared by shape only.
var volatileFields = map[string]*regexp.Regexp{
	"id": regexp.MustCompile(`^\d+$`), "addr": regexp.MustCompile(`^127\.0\.0\.1:\d+$`), "laddr": regexp.MustCompile(`^127\.0\.0\.1:\d+$`),
	"fd": regexp.MustCompile(`^\d+$`), "age": regexp.MustCompile(`^\d+$`), "idle": regexp.MustCompile(`^\d+$`),
	"qbuf-free": regexp.MustCompile(`^\d+$`), "rbs": regexp.MustCompile(`^\d+$`), "rbp": regexp.MustCompile(`^\d+$`),
	"tot-mem": regexp.MustCompile(`^\d+$`),
}

// clientLineFields splits a CLIENT LIST line into names and values, in order.
func clientLineFields(line string) (names, values []string) {
	for _, f := range strings.Fields(line) {
		k, v, _ := strings.Cut(f, "=")
		names, values = append(names, k), append(values, v)
	}
	return names, values
}

// clientSnapshot runs setup on a watched connection (answered) and
// returns the reply type and text of CLIENT INFO on it (if self), and the
// line another connection's CLIENT LIST ID shows of it.
func clientSnapshot(t *testing.T, addr string, resp3, self bool, setup [][]string) (kind byte, info, other string) {
	t.Helper()
	w, o := dial(t, addr), dial(t, addr)
	if resp3 {
		w.do("HELLO", "3")
		o.do("HELLO", "3")
	}
	wid := strings.TrimSuffix(strings.TrimPrefix(w.do("CLIENT", "ID"), ":"), "\r\n")
	for _, cmd := range setup {
		w.do(cmd...)
	}
	if self {
		raw := w.do("CLIENT", "INFO")
		kind, info = raw[0], verbatimText(t, raw)
	}
	return kind, info, verbatimText(t, o.do("CLIENT", "LIST", "ID", wid))
}

// verbatimText returns the text of a bulk or verbatim reply.
func verbatimText(t *testing.T, raw string) string {
	t.Helper()
	_, body, ok := strings.Cut(raw, "\r\n")
	if !ok {
		t.Fatalf("not a bulk reply: %q", raw)
	}
	return strings.TrimPrefix(strings.TrimSuffix(body, "\r\n"), "txt:")
}

// TestDiffClientList compares CLIENT INFO and CLIENT LIST lines with
// Redis's, for a plain client, one in a transaction, one that selected a
// database and named itself, and a monitor, in RESP2 and RESP3.
func TestDiffClientList(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	for _, tc := range []struct {
		name  string
		setup [][]string
	}{
		{"plain", nil},
		{"named-db", [][]string{c("SELECT", "5"), c("CLIENT", "SETNAME", "worker-1"), c("GET", "x")}},
		{"no-evict", [][]string{c("CLIENT", "NO-EVICT", "on")}},
		{"watch-dirty", [][]string{c("WATCH", "w"), c("SET", "w", "1")}},
		{"multi", [][]string{c("MULTI"), c("SET", "a", "bb"), c("GET", "a")}},
		{"monitor", [][]string{c("MONITOR")}},
		{"subscribed", [][]string{c("SUBSCRIBE", "ch"), c("SUBSCRIBE", "ch2"), c("PSUBSCRIBE", "p*")}},
	} {
		for _, resp3 := range []bool{false, true} {
			self := tc.name != "multi" && tc.name != "monitor" && tc.name != "subscribed" // its CLIENT INFO would be queued, followed by its own line, or refused
			rk, rself, rother := clientSnapshot(t, raddr, resp3, self, tc.setup)
			nk, nself, nother := clientSnapshot(t, srv.Addr().String(), resp3, self, tc.setup)
			if rk != nk {
				t.Errorf("%s resp3=%v: CLIENT INFO reply type %q, Redis's %q", tc.name, resp3, nk, rk)
			}
			compareClientLine(t, tc.name+" CLIENT INFO", rself, nself)
			compareClientLine(t, tc.name+" CLIENT LIST ID", rother, nother)
		}
	}
}

// compareClientLine compares two CLIENT LIST lines field by field: the
// names in order, the volatile values by shape, the others exactly.
func compareClientLine(t *testing.T, what, redis, nosql string) {
	t.Helper()
	rn, rv := clientLineFields(redis)
	nn, nv := clientLineFields(nosql)
	if strings.Join(rn, " ") != strings.Join(nn, " ") {
		t.Errorf("%s field names:\nredis: %q\nnosql: %q", what, rn, nn)
		return
	}
	for i, name := range rn {
		if re := volatileFields[name]; re != nil {
			if !re.MatchString(nv[i]) {
				t.Errorf("%s: %s=%q, not shaped like Redis's %q", what, name, nv[i], rv[i])
			}
		} else if rv[i] != nv[i] {
			t.Errorf("%s: %s=%q, Redis %q\nredis: %s\nnosql: %s", what, name, nv[i], rv[i], redis, nosql)
		}
	}
}

// diff_config_test.go compares CONFIG GET and SET of the parameters of
// config_state.go (hz, loglevel, notify-keyspace-events,
// busy-reply-threshold, save, the encoding thresholds) and the persistence
// parameters with redis-server, values and errors, and checks what the
// settings change inside the server.
package main

import (
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

func TestDiffConfig(t *testing.T) {
	runDiff(t, configDiffCases())
}

// setGet returns CONFIG SET name v then CONFIG GET name for each value.
func setGet(name string, values ...string) [][]string {
	var cmds [][]string
	for _, v := range values {
		cmds = append(cmds, c("CONFIG", "SET", name, v), c("CONFIG", "GET", name))
	}
	return cmds
}

// configDiffCases leave every parameter at its default, as the next case
// expects.
func configDiffCases() []diffCase {
	both := map[int]bool{}
	for i := 0; i < 40; i++ {
		both[i] = true // CONFIG GET of several names: Redis's order is its hash table's
	}
	cases := []diffCase{
		{name: "timeout", cmds: setGet("timeout", "10", "-1", "abc", "2147483647", "2147483648", "1.5", "", "0")},
		{name: "hz", cmds: setGet("hz", "0", "500", "501", "1000", "-1", "abc", " 5", "5.0", "2147483648", "+7", "10")},
		{name: "loglevel", cmds: setGet("loglevel", "debug", "verbose", "WARNING", "nothing", "", "debug verbose", "Notice")},
		{name: "notify-keyspace-events", cmds: setGet("notify-keyspace-events", "K", "E", "KEA", "A", "Ag", "g$lshzxetdn", "AKEm", "n", "An", "d", "Em", "x",
			"KE ", "q", "K,E", "KKgg", "$", "mK", "gAm", "glshzxetd", "g$lshzxetd", "$lshzxeKE", "gKE", "KA", "EA", "En", "a", "")},
		{name: "busy-reply-threshold", cmds: append(append(setGet("busy-reply-threshold", "0", "-1", "abc", "100", "2147483648", "9223372036854775807", "9223372036854775808", "1k"),
			setGet("lua-time-limit", "7", "-1", "x")...),
			c("CONFIG", "GET", "busy-reply-threshold"), c("CONFIG", "GET", "lua*"), c("CONFIG", "GET", "busy*"),
			c("CONFIG", "SET", "lua-time-limit", "1", "busy-reply-threshold", "2"), c("CONFIG", "GET", "lua-time-limit"),
			c("CONFIG", "SET", "busy-reply-threshold", "5000"), c("CONFIG", "GET", "lua-time-limit"))},
		{name: "save", cmds: setGet("save", "3600 1 300 100", "1 0", "0010 02", "+5 3", "1 0 1 0", " ", "1  0", "1 ", "1 99999999999999999999",
			"900 1 300 10 60 10000", "0 1", "1 -1", "x", "1 2 3", "")},
		{name: "appendonly-same", cmds: [][]string{c("CONFIG", "SET", "appendonly", "no"), c("CONFIG", "SET", "appendonly", "NO"), c("CONFIG", "SET", "appendonly", "maybe"), c("CONFIG", "GET", "appendonly"),
			c("CONFIG", "SET", "appendfsync", "everysec"), c("CONFIG", "SET", "appendfsync", "bogus"), c("CONFIG", "GET", "appendfsync"),
			c("CONFIG", "SET", "auto-aof-rewrite-percentage", "100"), c("CONFIG", "SET", "auto-aof-rewrite-percentage", "-1"),
			c("CONFIG", "SET", "auto-aof-rewrite-min-size", "64mb"), c("CONFIG", "SET", "auto-aof-rewrite-min-size", "x"),
			c("CONFIG", "SET", "maxmemory", "0"), c("CONFIG", "SET", "maxmemory", "x"),
			c("CONFIG", "SET", "maxmemory-policy", "NoEviction"), c("CONFIG", "SET", "maxmemory-policy", "bogus"), c("CONFIG", "GET", "maxmemory-policy")}},
		{name: "several", unordered: both, cmds: [][]string{
			c("CONFIG", "SET", "hz", "20", "timeout", "5", "loglevel", "debug", "notify-keyspace-events", "KEx", "hash-max-listpack-entries", "3"),
			c("CONFIG", "GET", "hz", "timeout", "loglevel", "notify-keyspace-events", "hash-max-ziplist-entries"),
			c("CONFIG", "SET", "hz", "30", "timeout", "-1"), c("CONFIG", "SET", "hz", "30", "loglevel", "x", "timeout", "-1"),
			c("CONFIG", "GET", "hz", "timeout", "loglevel"),
			c("CONFIG", "SET", "hz", "1", "HZ", "2"), c("CONFIG", "SET", "hz", "1", "nosuch", "2"),
			c("CONFIG", "SET", "hz", "10", "timeout", "0", "loglevel", "notice", "notify-keyspace-events", "", "hash-max-listpack-entries", "512"),
			c("CONFIG", "GET", "hz", "timeout", "loglevel", "notify-keyspace-events", "hash-max-listpack-entries")}},
		{name: "multiple-args", cmds: [][]string{
			c("CONFIG", "SET", "maxmemory", "10000001", "repl-backlog-size", "10000002", "save", "3000 5"),
			c("CONFIG", "GET", "maxmemory"), c("CONFIG", "GET", "repl-backlog-size"), c("CONFIG", "GET", "save"),
			c("CONFIG", "SET", "maxmemory", "0", "repl-backlog-size", "1048576", "save", "")}},
		{name: "rollback-on-set-error", cmds: [][]string{
			c("CONFIG", "SET", "maxmemory", "10000002"),
			c("CONFIG", "SET", "maxmemory", "10000001", "maxmemory-clients", "200%", "client-query-buffer-limit", "invalid"),
			c("CONFIG", "GET", "maxmemory"), c("CONFIG", "GET", "maxmemory-clients"), c("CONFIG", "GET", "client-query-buffer-limit"),
			c("CONFIG", "SET", "hz", "20", "maxmemory-samples", "0", "maxmemory", "7"), c("CONFIG", "GET", "hz"), c("CONFIG", "GET", "maxmemory"),
			c("CONFIG", "SET", "maxmemory", "0")}},
		{name: "duplicates", cmds: [][]string{
			c("CONFIG", "SET", "maxmemory", "10000001", "maxmemory", "10000002"), c("CONFIG", "SET", "maxmemory", "1", "MaxMemory", "2"),
			c("CONFIG", "SET", "maxmemory", "x", "maxmemory", "2"), c("CONFIG", "SET", "hz", "x", "timeout", "1", "hz", "5"),
			c("CONFIG", "SET", "maxmemory", "1", "maxmemory", "2", "nosuch", "3"), c("CONFIG", "SET", "nosuch", "3", "maxmemory", "1", "maxmemory", "2"),
			c("CONFIG", "GET", "maxmemory"), c("CONFIG", "GET", "hz"), c("CONFIG", "GET", "timeout")}},
		{name: "immutable", cmds: [][]string{
			c("CONFIG", "SET", "daemonize", "yes"), c("CONFIG", "SET", "daemonize", "no"), c("CONFIG", "SET", "DAEMONIZE", "x"),
			c("CONFIG", "SET", "replicaof", "127.0.0.1 1"), c("CONFIG", "SET", "slaveof", "no one"),
			c("CONFIG", "SET", "hz", "20", "daemonize", "no"), c("CONFIG", "SET", "daemonize", "no", "nosuch", "1"), c("CONFIG", "SET", "nosuch", "1", "daemonize", "no"),
			c("CONFIG", "SET", "databases", "3"), c("CONFIG", "GET", "daemonize"), c("CONFIG", "GET", "replicaof"), c("CONFIG", "GET", "slaveof"), c("CONFIG", "GET", "hz")}},
		{name: "hidden", cmds: [][]string{
			c("CONFIG", "GET", "key-load-delay"), c("CONFIG", "GET", "KEY-LOAD-DELAY"), c("CONFIG", "GET", "key-load*"), c("CONFIG", "GET", "key-load-delay", "key-*"),
			c("CONFIG", "GET", "key-load-del?y"), c("CONFIG", "GET", "*load-delay")}},
		{name: "get-multiple-args", unordered: both, cmds: [][]string{
			c("CONFIG", "GET", "maxmemory", "maxmemory*", "*of"), c("CONFIG", "GET", "maxmemory*", "maxmemory"), c("CONFIG", "GET", "slaveof", "replicaof", "*of"),
			c("CONFIG", "GET", "maxmemory-samples", "MAXMEMORY-SAMPLES", "maxmemory-clients", "repl-backlog-size")}},
		{name: "maxmemory", cmds: setGet("maxmemory", "1k", "1kb", "18446744073709551615", "18446744073709551616", "-1", "x", "1.5", "", "2GB", "0")},
		{name: "maxmemory-clients", cmds: setGet("maxmemory-clients", "200%", "100%", "101%", "0%", "50%", "-1", "-1%", "%", "1%x", "10mb", "9223372036854775807", "9223372036854775808", "18446744073709551615", "x", "0")},
		{name: "repl-backlog-size", cmds: setGet("repl-backlog-size", "0", "1", "1gb", "-1", "x", "9223372036854775808", "1mb")},
		{name: "maxmemory-samples", cmds: setGet("maxmemory-samples", "0", "1", "x", "2147483647", "2147483648", "-1", "5")},
		{name: "maxmemory-eviction-tenacity", cmds: setGet("maxmemory-eviction-tenacity", "101", "-1", "100", "0", "x", "10")},
		{name: "key-load-delay", cmds: setGet("key-load-delay", "-5", "2147483648", "-2147483648", "-2147483649", "x", "1k", "0")},
		{name: "port-bind-errors", cmds: [][]string{c("CONFIG", "SET", "port", "-1"), c("CONFIG", "SET", "port", "65536"), c("CONFIG", "SET", "port", "x"),
			c("CONFIG", "SET", "bind", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17")}},
		{name: "encoding-patterns", unordered: both, cmds: [][]string{c("CONFIG", "GET", "*max-*-entries"), c("CONFIG", "GET", "list-*"), c("CONFIG", "GET", "stream-node-*"),
			c("CONFIG", "GET", "*-value"), c("CONFIG", "GET", "*notify*"), c("CONFIG", "GET", "hz", "HZ", "h?")}},
	}
	values := []string{"-1", "0", "1k", "1kb", "9223372036854775807", "9223372036854775808", "2147483648", "-2147483649", "x", "-2"}
	for _, p := range []struct{ name, alias, dflt string }{
		{"hash-max-listpack-entries", "hash-max-ziplist-entries", "512"},
		{"hash-max-listpack-value", "hash-max-ziplist-value", "64"},
		{"set-max-intset-entries", "", "512"},
		{"zset-max-listpack-entries", "zset-max-ziplist-entries", "128"},
		{"zset-max-listpack-value", "zset-max-ziplist-value", "64"},
		{"list-max-listpack-size", "list-max-ziplist-size", "-2"},
		{"list-compress-depth", "", "0"},
		{"stream-node-max-bytes", "", "4096"},
		{"stream-node-max-entries", "", "100"},
	} {
		cmds := setGet(p.name, append(values, p.dflt)...)
		if p.alias != "" {
			cmds = append(cmds, setGet(p.alias, "7", "y")...)
			cmds = append(cmds, c("CONFIG", "GET", p.name), c("CONFIG", "SET", p.alias, p.dflt), c("CONFIG", "GET", p.name))
		}
		cases = append(cases, diffCase{name: p.name, cmds: cmds})
	}
	return cases
}

// TestConfigGetAll checks that CONFIG GET * lists every parameter once,
// with the value CONFIG GET of its name gives, and that each can be set
// to that value (Redis's suite's "CONFIG sanity").
func TestConfigGetAll(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	all := decodeTree(t, cl.do("CONFIG", "GET", "*")).([]respTree)
	listed, want := map[string]bool{}, 0 // by a pattern: every parameter but the hidden ones
	for _, p := range configParams() {
		listed[p.name] = !p.hidden
		if !p.hidden {
			want += 2
		}
	}
	if len(all) != want {
		t.Fatalf("CONFIG GET * gave %d names and values, want %d", len(all), want)
	}
	seen := map[string]bool{}
	for i := 0; i < len(all); i += 2 {
		name, value := all[i].(string), all[i+1].(string)
		if seen[name] {
			t.Errorf("CONFIG GET * lists %s twice", name)
		}
		seen[name] = true
		one := decodeTree(t, cl.do("CONFIG", "GET", name)).([]respTree)
		if len(one) != 2 || one[1].(string) != value {
			t.Errorf("CONFIG GET %s = %q, CONFIG GET * gave %q", name, one, value)
		}
		if !listed[name] {
			t.Errorf("CONFIG GET * lists %s", name)
		}
		if findConfigParam(configParams(), name).check == nil {
			continue // immutable in Redis too
		}
		if got := cl.do("CONFIG", "SET", name, value); got != "+OK\r\n" {
			t.Errorf("CONFIG SET %s %q = %q", name, value, got)
		}
	}
	if again := decodeTree(t, cl.do("CONFIG", "GET", "*")); !reflect.DeepEqual(again, respTree(all)) {
		t.Errorf("CONFIG GET * changed after setting each parameter to its value:\n%q\n%q", all, again)
	}
}

// TestConfigReaders checks that what CONFIG SET changes reaches the
// accessors the rest of the server reads, and the logger's level.
func TestConfigReaders(t *testing.T) {
	lv := new(slog.LevelVar)
	srv := startServer(t, func(cfg *Config) { cfg.LogLevel = lv })
	cl := dialServer(t, srv)
	steps := []struct {
		set   []string
		check func() bool
	}{
		{[]string{"hz", "100"}, func() bool { return srv.hz() == 100 }},
		{[]string{"hz", "0"}, func() bool { return srv.hz() == 1 }},
		{[]string{"hz", "100000"}, func() bool { return srv.hz() == 500 }},
		{[]string{"loglevel", "debug"}, func() bool { return lv.Level() == slog.LevelDebug }},
		{[]string{"loglevel", "warning"}, func() bool { return lv.Level() == slog.LevelWarn }},
		{[]string{"loglevel", "notice"}, func() bool { return lv.Level() == slog.LevelInfo }},
		{[]string{"notify-keyspace-events", "KEA"}, func() bool { return srv.notifyFlags() == notifyKeyspace|notifyKeyevent|notifyAll }},
		{[]string{"notify-keyspace-events", "Elm"}, func() bool { return srv.notifyFlags() == notifyKeyevent|notifyList|notifyKeyMiss }},
		{[]string{"lua-time-limit", "42"}, func() bool { return srv.busyReplyThreshold() == 42 }},
		{[]string{"hash-max-ziplist-entries", "3", "zset-max-listpack-value", "1kb"}, func() bool {
			e := srv.encodings()
			return e.hashMaxListpackEntries == 3 && e.zsetMaxListpackValue == 1024 && e.setMaxIntsetEntries == 512
		}},
		{[]string{"list-max-ziplist-size", "-5", "stream-node-max-entries", "0"}, func() bool {
			e := srv.encodings()
			return e.listMaxListpackSize == -5 && e.streamNodeMaxEntries == 0 && e.hashMaxListpackEntries == 3
		}},
	}
	for _, st := range steps {
		if got := cl.do(append([]string{"CONFIG", "SET"}, st.set...)...); got != "+OK\r\n" || !st.check() {
			t.Errorf("CONFIG SET %q = %q; the setting did not reach its reader", st.set, got)
		}
	}
	if got := cl.do("CONFIG", "SET", "hz", "7", "set-max-intset-entries", "-1"); !strings.HasPrefix(got, "-ERR") || srv.hz() != 500 {
		t.Errorf("a refused CONFIG SET = %q and changed hz to %d", got, srv.hz())
	}
}

// TestConfigLogLevelFromFlag checks that loglevel starts from the
// logger's level.
func TestConfigLogLevelFromFlag(t *testing.T) {
	for _, tc := range []struct {
		level slog.Level
		want  string
	}{{slog.LevelDebug, "debug"}, {slog.LevelInfo, "notice"}, {slog.LevelWarn, "warning"}, {slog.LevelError, "warning"}} {
		lv := new(slog.LevelVar)
		lv.Set(tc.level)
		srv := startServer(t, func(cfg *Config) { cfg.LogLevel = lv })
		got := dialServer(t, srv).do("CONFIG", "GET", "loglevel")
		if want := "*2\r\n$8\r\nloglevel\r\n$" + formatInt(int64(len(tc.want))) + "\r\n" + tc.want + "\r\n"; got != want {
			t.Errorf("-log-level %v: CONFIG GET loglevel = %q, want %q", tc.level, got, want)
		}
	}
}

// diff_introspection_test.go compares with Redis what COMMAND says of
// commands' keys (GETKEYS, GETKEYSANDFLAGS, INFO's key specs, flags and
// categories, LIST's filters) and OBJECT IDLETIME's access clock.
package main

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDiffCommandKeys(t *testing.T) {
	c := func(args ...string) []string { return args }
	gk := func(args ...string) []string { return append([]string{"COMMAND", "GETKEYS"}, args...) }
	gkf := func(args ...string) []string { return append([]string{"COMMAND", "GETKEYSANDFLAGS"}, args...) }
	many := []string{"ZUNIONSTORE", "target", "260"}
	for i := 1; i <= 260; i++ {
		many = append(many, fmt.Sprintf("key%d", i))
	}
	runDiff(t, []diffCase{
		{name: "getkeysandflags-suite", cmds: [][]string{gkf("set", "k1", "v1"), gkf("mset", "k1", "v1", "k2", "v2"), gkf("LMOVE", "k1", "k2", "left", "right"), gkf("sort", "k1", "store", "k2")}},
		{name: "getkeysandflags-variable", cmds: [][]string{gkf("set", "k", "v", "GET"), gkf("set", "k", "v", "EX", "10", "get"), gkf("set", "k", "get"),
			gkf("bitfield", "k", "GET", "u8", "0"), gkf("bitfield", "k", "GET", "u8", "0", "OVERFLOW", "SAT"), gkf("bitfield", "k", "SET", "u8", "0", "1"), gkf("bitfield", "k", "GET", "u8"), gkf("bitfield_ro", "k", "GET", "u8", "0")}},
		{name: "getkeysandflags-split-specs", cmds: [][]string{gkf("smove", "a", "b", "m"), gkf("bitop", "AND", "d", "a", "b"), gkf("rename", "a", "b"), gkf("renamenx", "a", "b"), gkf("copy", "a", "b"),
			gkf("zunionstore", "d", "2", "a", "b"), gkf("georadius", "k", "0", "0", "1", "km", "STORE", "s"), gkf("georadiusbymember", "k", "m", "1", "km", "STOREDIST", "s"), gkf("sdiffstore", "d", "a", "b"), gkf("pfmerge", "d", "a")}},
		{name: "getkeysandflags-kinds", cmds: [][]string{gkf("del", "a", "b"), gkf("exists", "a"), gkf("lpush", "l", "x"), gkf("lpop", "l"), gkf("blpop", "a", "b", "0"), gkf("incr", "n"), gkf("get", "k"), gkf("xadd", "s", "*", "f", "v"),
			gkf("xread", "STREAMS", "a", "b", "0", "0"), gkf("xreadgroup", "GROUP", "g", "c", "STREAMS", "a", ">"), gkf("eval", "return 1", "2", "a", "b"), gkf("eval_ro", "return 1", "1", "a"), gkf("fcall", "f", "1", "a"), gkf("lmpop", "2", "a", "b", "LEFT"), gkf("touch", "a"), gkf("type", "a"), gkf("ttl", "a"), gkf("restore", "k", "0", "x")}},
		{name: "getkeysandflags-subcommands", cmds: [][]string{gkf("memory", "usage", "k"), gkf("object", "idletime", "k"), gkf("object", "freq", "k"), gkf("xgroup", "create", "k", "g", "$"), gkf("xgroup", "destroy", "k", "g"), gkf("xinfo", "stream", "k"), gkf("xgroup", "help")}},
		{name: "getkeysandflags-errors", cmds: [][]string{gkf("get"), gkf("ping"), gkf("nosuch", "x"), gkf("get", "a", "b"), gkf("config", "get", "x"), c("COMMAND", "GETKEYSANDFLAGS"), gkf("eval", "return 1", "5", "a"), gkf("zunionstore", "d", "5", "a"), gkf("pfmerge", "d"), gkf("sdiffstore", "d", "a")}},
		{name: "getkeys-numkeys", cmds: [][]string{gk("lmpop", "2", "a", "b"), gk("lmpop", "1", "a", "middle"), gk("zmpop", "2", "a", "left", "x"), gk("blmpop", "0", "1", "a", "up"), gk("bzmpop", "0", "2", "a", "b"),
			gk("lmpop", "0", "a", "left"), gk("lmpop", "3", "a", "left"), gk("sintercard", "1", "a", "junk")}},
		{name: "getkeys-suite", cmds: [][]string{gk("memory", "usage", "key"), gk("xgroup", "create", "key", "groupname", "$"), gk("eval", "return 1", "1", "key"), gk("eval", "return 1", "0"), gk("evalsha_ro", "x", "0"), gk("fcall_ro", "f", "0"), gk("lcs", "key1", "key2"), many, gk("memory", "usage")}},
		{name: "getkeys-migrate", cmds: [][]string{gk("migrate", "h", "1", "k", "0", "0"), gk("migrate", "h", "1", "", "0", "0", "KEYS", "a", "b"), gk("migrate", "h", "1", "", "0", "0", "COPY", "REPLACE", "AUTH", "keys", "AUTH2", "u", "p", "keys", "a"),
			gk("migrate", "h", "1", "k", "0", "0", "KEYS", "a"), gkf("migrate", "h", "1", "", "0", "0", "auth2", "u", "p", "keys", "a", "b"), gkf("migrate", "h", "1", "k", "0", "0", "copy")}},
		{name: "command-list-suite", cmds: [][]string{c("COMMAND", "LIST", "bad_arg"), c("COMMAND", "LIST", "FILTERBY", "bad_arg"), c("COMMAND", "LIST", "FILTERBY", "bad_arg", "bad_arg2"),
			c("COMMAND", "LIST", "FILTERBY", "ACLCAT", "non_existing_category"), c("COMMAND", "LIST", "FILTERBY", "ACLCAT", "geo"), c("COMMAND", "LIST", "FILTERBY", "aclcat", "HyperLogLog"),
			c("COMMAND", "LIST", "FILTERBY", "PATTERN", "set"), c("COMMAND", "LIST", "FILTERBY", "PATTERN", "get"), c("COMMAND", "LIST", "FILTERBY", "PATTERN", "config|*re*"), c("COMMAND", "LIST", "FILTERBY", "PATTERN", "non_exists*"), c("COMMAND", "LIST", "FILTERBY", "MODULE", "non_existing_module")},
			unordered: map[int]bool{4: true, 5: true, 8: true}},
		{name: "cluster-disabled", cmds: [][]string{c("CLUSTER", "HELP"), c("cluster", "info"), c("CLUSTER", "MEET", "a"), c("CLUSTER", "foo"), c("CLUSTER"), c("CLUSTER", "KEYSLOT", "k"),
			c("READONLY"), c("READWRITE"), c("ASKING"), c("READONLY", "x"), c("COMMAND", "LIST", "FILTERBY", "PATTERN", "cl*help"), c("COMMAND", "GETKEYS", "cluster", "info"),
			c("COMMAND", "LIST", "FILTERBY", "PATTERN", "cluster|*slot*"), c("COMMAND", "INFO", "asking")},
			unordered: map[int]bool{10: true, 12: true}},
		{name: "command-info-invalid-subcommands", cmds: [][]string{c("COMMAND", "INFO", "get|key"), c("COMMAND", "INFO", "config|get|key"), c("COMMAND", "INFO", "get", "get|key", "nosuch")}},
	})
}

// TestDiffCommandInfoKeys compares the parts of COMMAND INFO nosql models
// with Redis's: the flags nosql keeps (movablekeys among them; none for a
// container such as OBJECT, and never may_replicate), its legacy key
// positions, its ACL categories, and its key specs that are index and
// range ones (the others, keyword and keynum, and Redis's notes and tips,
// nosql does not describe).
func TestDiffCommandInfoKeys(t *testing.T) {
	r, n := dial(t, startRedis(t)), dialServer(t, startServer(t))
	for _, name := range []string{"set", "get", "mset", "bitfield", "lmove", "lpop", "blpop", "ping", "memory|usage", "rename", "georadius_ro",
		"zunionstore", "xread", "eval", "sort", "sort_ro", "migrate", "georadius", "lcs", "smove", "bitop", "del", "exists", "type", "ttl", "touch", "copy", "restore",
		"object|idletime", "xgroup|create", "xinfo|stream", "eval_ro", "fcall", "zadd", "scard", "publish", "subscribe", "script|kill", "multi", "client|list", "flushall", "keys",
		"object", "memory", "xgroup", "xinfo", "client", "script", "evalsha", "pfcount"} {
		want, got := commandInfoKeys(t, r.do("COMMAND", "INFO", name)), commandInfoKeys(t, n.do("COMMAND", "INFO", name))
		if !reflect.DeepEqual(want, got) {
			t.Errorf("COMMAND INFO %s:\n redis: %v\n nosql: %v", name, want, got)
		}
	}
}

// commandInfoKeys returns the parts of a one-command COMMAND INFO reply
// that TestDiffCommandInfoKeys compares.
func commandInfoKeys(t *testing.T, raw string) []any {
	t.Helper()
	info := decodeTree(t, raw).([]respTree)[0].([]respTree)
	var flags []respTree // those nosql keeps (and may_replicate, which Redis hides)
	for _, f := range info[2].([]respTree) {
		if slices.Contains(append(flagNames(^cmdFlags(0)), "movablekeys", "may_replicate"), f.(string)) {
			flags = append(flags, f)
		}
	}
	var specs []any
	for _, s := range info[8].([]respTree) {
		m := treeMap(t, s)
		begin, find := treeMap(t, m["begin_search"]), treeMap(t, m["find_keys"])
		if begin["type"] == "index" && find["type"] == "range" {
			specs = append(specs, m["flags"], begin["spec"], find["spec"])
		}
	}
	return []any{info[0], flags, info[3:6], info[6], specs}
}

// TestDiffObjectIdleTime runs the same commands on Redis and nosql around
// one wait of two seconds: the reads Redis makes without touching a key
// (TYPE, TTL, EXISTS, OBJECT, SCAN's TYPE filter) leave its idle time
// growing; reads, writes, TOUCH, RENAME, MOVE and COPY reset it; RESTORE
// IDLETIME sets it. Idle times are compared within a second (the two
// servers' clocks tick apart). Values are no small integers: Redis shares
// those among keys, with one access time.
func TestDiffObjectIdleTime(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	before := [][]string{{"SET", "s", "v"}, {"SET", "n", "100000"}, {"RPUSH", "l", "a"}, {"HSET", "h", "f", "v"}, {"SET", "t", "v", "EX", "100"},
		{"SET", "r", "v"}, {"SET", "m", "v"}, {"SET", "c", "v"}, {"SET", "g", "v"}, {"SADD", "set", "1"}, {"SET", "big", strings.Repeat("x", 100)}}
	after := [][]string{{"TYPE", "s"}, {"TTL", "t"}, {"EXISTS", "s", "l", "h"}, {"OBJECT", "ENCODING", "s"}, {"OBJECT", "FREQ", "s"}, {"SCAN", "0", "TYPE", "string", "MATCH", "s"},
		{"GET", "g"}, {"INCR", "n"}, {"LPUSH", "l", "b"}, {"TOUCH", "h", "nosuch"}, {"RENAME", "r", "r2"}, {"MOVE", "m", "1"}, {"COPY", "c", "c2"}, {"SISMEMBER", "set", "1"},
		{"DUMP", "big"}, {"OBJECT", "IDLETIME", "nosuch"}}
	uncompared := map[int]bool{5: true, 14: true} // SCAN's cursor and DUMP's encoding differ
	idle := []string{"s", "t", "h", "l", "n", "g", "r2", "c", "c2", "set", "big", "restored", "restored2", "restored3"}
	// RESP2 in database 0, RESP3 in database 2 (MOVE goes to the next
	// one), around one wait
	type pair struct{ r, n *tclient }
	var modes []pair
	for i, resp3 := range []bool{false, true} {
		p := pair{dial(t, raddr), dialServer(t, srv)}
		for _, cl := range []*tclient{p.r, p.n} {
			if resp3 {
				cl.do("HELLO", "3")
			}
			cl.do("SELECT", fmt.Sprint(2*i))
			for _, cmd := range before {
				cl.do(cmd...)
			}
		}
		modes = append(modes, p)
	}
	time.Sleep(2100 * time.Millisecond)
	for m, p := range modes {
		for i, cmd := range after {
			if cmd[0] == "MOVE" {
				cmd = []string{"MOVE", "m", fmt.Sprint(2*m + 1)}
			}
			if want, got := p.r.do(cmd...), p.n.do(cmd...); want != got && !uncompared[i] {
				t.Errorf("RESP%d %q:\n redis: %q\n nosql: %q", 2+m, cmd, want, got)
			}
		}
		for _, cl := range []*tclient{p.r, p.n} {
			payload := decodeTree(t, cl.do("DUMP", "big")).(string)
			cl.do("RESTORE", "restored", "0", payload, "IDLETIME", "1000")
			cl.do("RESTORE", "restored2", "0", payload, "IDLETIME", "100000000")           // past the clock's wrap
			cl.do("RESTORE", "restored3", "0", payload, "IDLETIME", "6917529027641083856") // past Redis's scaling: times 1000 wraps to 2000000, so 2000 s
		}
		for _, k := range idle {
			want, got := p.r.do("OBJECT", "IDLETIME", k), p.n.do("OBJECT", "IDLETIME", k)
			if !nearInts(want, got, 1) {
				t.Errorf("RESP%d OBJECT IDLETIME %s: redis %q, nosql %q", 2+m, k, want, got)
			}
		}
	}
}

func TestLRUClockWraps(t *testing.T) {
	for _, tc := range []struct {
		now, lru uint32
		idle     int64
	}{{10, 10, 0}, {10, 4, 6}, {5, lruMax - 5, 10}, {0, lruMax, 0}, {lruMax, 0, lruMax}} {
		if got := lruIdle(tc.now, tc.lru); got != tc.idle {
			t.Errorf("lruIdle(%d, %d) = %d, want %d", tc.now, tc.lru, got, tc.idle)
		}
		if tc.idle < lruMax {
			if got := lruIdle(tc.now, lruBefore(tc.now, tc.idle)); got != tc.idle {
				t.Errorf("lruIdle(%d, lruBefore(%d, %d)) = %d", tc.now, tc.now, tc.idle, got)
			}
		}
	}
}

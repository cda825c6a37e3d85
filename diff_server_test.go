// diff_server_test.go compares nosql's connection and server commands with
// a real redis-server (started with one database) reply for reply, and
// checks the shape of the replies that legitimately differ between the two
// servers (HELLO, INFO, CLIENT ID/LIST, COMMAND, TIME).
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestDiffServer runs the connection and server command sequences against
// Redis and nosql.
// honouredLimitDiff is nosql's deliberate difference for its size limits:
// the largest value accepted is honouredLimit(), not MaxInt64.
func honouredLimitDiff() *strings.Replacer {
	return strings.NewReplacer("and 9223372036854775807 inclusive", "and "+formatInt(honouredLimit())+" inclusive")
}

func TestDiffServer(t *testing.T) {
	runDiff(t, serverDiffCases())
}

func serverDiffCases() []diffCase {
	return []diffCase{
		{name: "ping", cmds: [][]string{c("PING"), c("ping"), c("PING", "hello world"), c("PING", ""), c("PING", "a", "b")}},
		{name: "echo", cmds: [][]string{c("ECHO", "x"), c("ECHO", ""), c("ECHO", "a\r\nb\x00\xff"), c("ECHO"), c("ECHO", "a", "b")}},
		{name: "select-0", cmds: [][]string{c("SELECT", "0"), c("select", "0"), c("SET", "k", "v"), c("GET", "k")}},
		{name: "select-other", cmds: [][]string{c("SELECT", "1"), c("SELECT", "-1"), c("SELECT", "16"), c("SELECT", "2147483647")}},
		{name: "select-not-integer", cmds: [][]string{c("SELECT", "x"), c("SELECT", "00"), c("SELECT", " 1"), c("SELECT", "+1"), c("SELECT", ""), c("SELECT", "1.0")}},
		{name: "select-out-of-int-range", cmds: [][]string{c("SELECT", "4294967296"), c("SELECT", "-2147483649"), c("SELECT", "99999999999999999999")}},
		{name: "select-arity", cmds: [][]string{c("SELECT"), c("SELECT", "0", "1")}},
		{name: "auth-no-password", cmds: [][]string{c("AUTH", "secret"), c("auth", "")}},
		{name: "auth-users", cmds: [][]string{c("AUTH", "default", "anything"), c("AUTH", "default", ""), c("AUTH", "nobody", "x"), c("AUTH", "Default", "x")}},
		{name: "auth-arity", cmds: [][]string{c("AUTH"), c("AUTH", "a", "b", "c"), c("AUTH", "a", "b", "c", "d")}},
		{name: "hello-protocol", cmds: [][]string{c("HELLO", "4"), c("HELLO", "1"), c("HELLO", "0"), c("HELLO", "-3"), c("HELLO", "x"), c("HELLO", "2.0"), c("HELLO", "99999999999999999999")}},
		{name: "hello-options", cmds: [][]string{c("HELLO", "2", "foo"), c("HELLO", "2", "SETNAME"), c("HELLO", "2", "AUTH", "default"), c("HELLO", "2", "setname", "a b"), c("HELLO", "2", "AUTH", "nobody", "pw"), c("HELLO", "4", "foo")}},
		{name: "hello-setname-bad-then-auth", cmds: [][]string{c("HELLO", "2", "SETNAME", "a\nb", "AUTH", "nobody", "pw"), c("HELLO", "2", "AUTH", "nobody", "pw", "SETNAME", "ok"), c("CLIENT", "GETNAME")}},
		{name: "client-name", cmds: [][]string{c("CLIENT", "GETNAME"), c("CLIENT", "SETNAME", "bob"), c("CLIENT", "GETNAME"), c("client", "setname", "Alice-1_2.3"), c("CLIENT", "getname")}},
		{name: "client-name-invalid", cmds: [][]string{c("CLIENT", "SETNAME", "bob"), c("CLIENT", "SETNAME", "a b"), c("CLIENT", "SETNAME", "a\nb"), c("CLIENT", "SETNAME", "é"), c("CLIENT", "SETNAME", "\x7f"), c("CLIENT", "GETNAME")}},
		{name: "client-name-clear", cmds: [][]string{c("CLIENT", "SETNAME", "bob"), c("CLIENT", "SETNAME", ""), c("CLIENT", "GETNAME")}},
		{name: "client-arity", cmds: [][]string{c("CLIENT"), c("CLIENT", "SETNAME"), c("CLIENT", "SETNAME", "a", "b"), c("CLIENT", "GETNAME", "x"), c("CLIENT", "ID", "x"), c("CLIENT", "INFO", "x")}},
		{name: "client-unknown-subcommand", cmds: [][]string{c("CLIENT", "foo"), c("client", "FOO", "bar"), c("CLIENT", strings.Repeat("x", 200))}},
		{name: "client-list-options", cmds: [][]string{c("CLIENT", "LIST", "TYPE", "foo"), c("CLIENT", "LIST", "TYPE", "pubsub"), c("CLIENT", "LIST", "TYPE", "master"), c("CLIENT", "LIST", "type", "REPLICA"), c("CLIENT", "LIST", "foo"), c("CLIENT", "LIST", "ID"), c("CLIENT", "LIST", "TYPE")}},
		{name: "client-list-ids", cmds: [][]string{c("CLIENT", "LIST", "ID", "x"), c("CLIENT", "LIST", "ID", "999999"), c("CLIENT", "LIST", "ID", "999999", "x"), c("CLIENT", "LIST", "ID", "-1")}},
		{name: "config-get-exact", cmds: [][]string{c("CONFIG", "GET", "databases"), c("CONFIG", "GET", "DATABASES"), c("CONFIG", "GET", "save"), c("CONFIG", "GET", "appendonly"), c("CONFIG", "GET", "appendfsync"), c("CONFIG", "GET", "maxmemory"), c("CONFIG", "GET", "maxmemory-policy")}},
		{name: "config-get-limits", cmds: [][]string{c("CONFIG", "GET", "proto-max-bulk-len"), c("CONFIG", "GET", "client-query-buffer-limit"), c("CONFIG", "GET", "auto-aof-rewrite-percentage"), c("CONFIG", "GET", "auto-aof-rewrite-min-size")}},
		{name: "config-get-encodings", cmds: [][]string{c("CONFIG", "GET", "list-max-ziplist-size"), c("CONFIG", "GET", "list-max-listpack-size"), c("CONFIG", "GET", "list-compress-depth"), c("CONFIG", "GET", "hash-max-ziplist-entries"), c("CONFIG", "GET", "hash-max-listpack-value"), c("CONFIG", "GET", "zset-max-ziplist-entries"), c("CONFIG", "GET", "zset-max-listpack-value"), c("CONFIG", "GET", "set-max-intset-entries")}},
		{name: "config-get-unknown", cmds: [][]string{c("CONFIG", "GET", "nosuch"), c("CONFIG", "GET", "nosuch*"), c("CONFIG", "GET", "[")}},
		{name: "config-get-several", cmds: [][]string{c("CONFIG", "GET", "maxmemory", "save"), c("CONFIG", "GET", "save", "SAVE", "sav*"), c("CONFIG", "GET", "zset-max-*"), c("CONFIG", "GET", "LIST-MAX-*"), c("CONFIG", "GET", "*max-ziplist-entr?es"), c("CONFIG", "GET", "[dz]atabases")},
			unordered: map[int]bool{0: true, 2: true, 3: true, 4: true}},
		{name: "config-arity", cmds: [][]string{c("CONFIG"), c("CONFIG", "GET"), c("CONFIG", "SET"), c("CONFIG", "SET", "save"), c("CONFIG", "SET", "a", "b", "c"), c("CONFIG", "RESETSTAT", "x"), c("CONFIG", "REWRITE", "x"), c("CONFIG", "HELP", "x")}},
		{name: "config-unknown-subcommand", cmds: [][]string{c("CONFIG", "foo"), c("config", "Foo", "x", "y")}},
		{name: "config-help-rewrite-resetstat", cmds: [][]string{c("CONFIG", "HELP"), c("CONFIG", "REWRITE"), c("CONFIG", "RESETSTAT")}},
		{name: "config-set-unknown", cmds: [][]string{c("CONFIG", "SET", "foo", "bar"), c("CONFIG", "SET", "save", "", "foo", "1"), c("CONFIG", "SET", "foo", "1", "save", "")}},
		{name: "config-set-immutable", cmds: [][]string{c("CONFIG", "SET", "databases", "2"), c("CONFIG", "SET", "DATABASES", "1"), c("CONFIG", "SET", "databases", "2", "foo", "1")}},
		{name: "config-set-duplicate", cmds: [][]string{c("CONFIG", "SET", "save", "", "save", ""), c("CONFIG", "SET", "save", "", "SAVE", ""), c("CONFIG", "SET", "list-max-ziplist-size", "-2", "list-max-listpack-size", "-2")}},
		{name: "config-set-memory-errors", cmds: [][]string{c("CONFIG", "SET", "proto-max-bulk-len", "1"), c("CONFIG", "SET", "proto-max-bulk-len", "abc"), c("CONFIG", "SET", "proto-max-bulk-len", "-1"), c("CONFIG", "SET", "proto-max-bulk-len", "mb"), c("CONFIG", "SET", "proto-max-bulk-len", ""), c("CONFIG", "SET", "PROTO-MAX-BULK-LEN", "99999999999999999999"), c("CONFIG", "SET", "proto-max-bulk-len", "0x10"), c("CONFIG", "SET", "proto-max-bulk-len", "1 mb"), c("CONFIG", "SET", "client-query-buffer-limit", "1k"), c("CONFIG", "SET", "client-query-buffer-limit", "16777216tb")},
			deliberate: honouredLimitDiff()},
		{name: "config-set-limits", cmds: [][]string{c("CONFIG", "SET", "proto-max-bulk-len", "1gb"), c("CONFIG", "GET", "proto-max-bulk-len"), c("CONFIG", "SET", "proto-max-bulk-len", "2000K", "client-query-buffer-limit", "3M"), c("CONFIG", "GET", "proto-max-bulk-len"), c("CONFIG", "GET", "client-query-buffer-limit"), c("CONFIG", "SET", "proto-max-bulk-len", "1048576B"), c("CONFIG", "GET", "proto-max-bulk-len"), c("CONFIG", "SET", "proto-max-bulk-len", "512mb", "client-query-buffer-limit", "1gb"), c("CONFIG", "GET", "proto-max-bulk-len"), c("CONFIG", "GET", "client-query-buffer-limit")}},
		{name: "config-set-all-or-nothing", cmds: [][]string{c("CONFIG", "SET", "proto-max-bulk-len", "2mb", "client-query-buffer-limit", "1"), c("CONFIG", "GET", "proto-max-bulk-len")},
			deliberate: honouredLimitDiff()},
		{name: "config-set-encodings", cmds: [][]string{c("CONFIG", "SET", "list-max-ziplist-size", "x"), c("CONFIG", "SET", "list-max-ziplist-size", "1k"), c("CONFIG", "SET", "list-max-listpack-size", "2147483648"), c("CONFIG", "SET", "list-max-ziplist-size", "-2"), c("CONFIG", "SET", "list-compress-depth", "-1"), c("CONFIG", "SET", "list-compress-depth", "0"), c("CONFIG", "SET", "hash-max-ziplist-value", "1x"), c("CONFIG", "SET", "hash-max-listpack-value", "64"), c("CONFIG", "SET", "zset-max-ziplist-entries", "-5"), c("CONFIG", "SET", "zset-max-listpack-entries", "128"), c("CONFIG", "SET", "hash-max-ziplist-entries", "512"), c("CONFIG", "SET", "zset-max-listpack-value", "64"), c("CONFIG", "SET", "set-max-intset-entries", "512")}},
		{name: "config-set-save", cmds: [][]string{c("CONFIG", "SET", "save", ""), c("CONFIG", "SET", "save", "x"), c("CONFIG", "SET", "save", "1 2 3"), c("CONFIG", "SET", "save", "0 0"), c("CONFIG", "SET", "save", "1 -1"), c("CONFIG", "SET", "save", "1  0"), c("CONFIG", "SET", "save", " 1 0"), c("CONFIG", "SET", "save", "1x 0"), c("CONFIG", "SET", "save", "3600 1 300 100"), c("CONFIG", "SET", "save", "")}},
		{name: "config-set-output-limit", cmds: [][]string{c("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0 slave 1 2 3 pubsub 1k 2kb 3"), c("CONFIG", "GET", "client-output-buffer-limit"), c("CONFIG", "SET", "client-output-buffer-limit", "Normal 1MB 0 0 replica 1gb 64mb 60"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 +3 normal 4 5 "), c("CONFIG", "SET", "client-output-buffer-limit", ""), c("CONFIG", "GET", "client-output-buffer-limit"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 99999999999999999999 0 2147483647"), c("CONFIG", "GET", "client-output-buffer-limit"),
			c("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0"), c("CONFIG", "SET", "client-output-buffer-limit", "normal  1mb 0 0"), c("CONFIG", "SET", "client-output-buffer-limit", "foo 1 2 3"), c("CONFIG", "SET", "client-output-buffer-limit", "master 1 2 3"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 3 foo 1 2 3"), c("CONFIG", "SET", "client-output-buffer-limit", "normal x 0 0"), c("CONFIG", "SET", "client-output-buffer-limit", "normal -1 0 0"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 1.5mb 0 0"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 1tb 0 0"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 -1"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 2147483648"), c("CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 3x"), c("CONFIG", "GET", "client-output-buffer-limit"),
			c("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60")}},
		{name: "dbsize", cmds: [][]string{c("DBSIZE"), c("SET", "a", "1"), c("SET", "b", "2"), c("SET", "a", "3"), c("DBSIZE"), c("DEL", "a"), c("DBSIZE"), c("dbsize", "x")}},
		{name: "flushall", cmds: [][]string{c("SET", "a", "1"), c("RPUSH", "l", "x"), c("FLUSHALL"), c("DBSIZE"), c("GET", "a"), c("FLUSHALL", "ASYNC"), c("flushall", "sync"), c("FLUSHALL", "x"), c("FLUSHALL", "ASYNC", "SYNC")}},
		{name: "flushdb", cmds: [][]string{c("SET", "a", "1"), c("FLUSHDB"), c("DBSIZE"), c("FLUSHDB", "async"), c("FLUSHDB", "SYNC"), c("FLUSHDB", "now"), c("FLUSHDB", "sync", "sync")}},
		{name: "time-arity", cmds: [][]string{c("TIME", "x")}},
		{name: "info-keyspace", cmds: [][]string{c("INFO", "keyspace"), c("SET", "a", "1"), c("SET", "b", "1"), c("INFO", "KEYSPACE"), c("INFO", "nosuch"), c("INFO", "nosuch", "keyspace"), c("FLUSHALL"), c("info", "keyspace")}},
		{name: "command-errors", cmds: [][]string{c("COMMAND", "foo"), c("COMMAND", "COUNT", "x"), c("COMMAND", "HELP", "x"), c("COMMAND", "LIST", "x"), c("COMMAND", "LIST", "FILTERBY", "foo", "x"), c("COMMAND", "LIST", "FILTERBY", "PATTERN")}},
		{name: "command-list-filters", cmds: [][]string{c("COMMAND", "LIST", "FILTERBY", "MODULE", "x"), c("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"), c("COMMAND", "LIST", "FILTERBY", "PATTERN", "config*"), c("COMMAND", "LIST", "FILTERBY", "pattern", "CONFIG|[gs]et")},
			unordered: map[int]bool{2: true, 3: true}},
		{name: "command-info-docs-unknown", cmds: [][]string{c("COMMAND", "INFO", "nosuch"), c("COMMAND", "INFO", "config|nosuch"), c("COMMAND", "DOCS", "nosuch")}},
		{name: "command-getkeys", cmds: [][]string{c("COMMAND", "GETKEYS", "set", "a", "b"), c("COMMAND", "GETKEYS", "GET", "k"), c("COMMAND", "GETKEYS", "del", "a", "b", "c"), c("COMMAND", "GETKEYS", "lpush", "l", "x", "y")}},
		{name: "command-getkeys-errors", cmds: [][]string{c("COMMAND", "GETKEYS"), c("COMMAND", "GETKEYS", "get"), c("COMMAND", "GETKEYS", "nosuch", "x"), c("COMMAND", "GETKEYS", "get", "a", "b"), c("COMMAND", "GETKEYS", "ping", "x"), c("COMMAND", "GETKEYS", "config", "get", "x"), c("COMMAND", "GETKEYS", "config", "nosuch", "x")}},
		{name: "function-flush", cmds: [][]string{c("FUNCTION", "FLUSH"), c("FUNCTION", "FLUSH", "ASYNC"), c("function", "flush", "sync"), c("FUNCTION", "FLUSH", "x"), c("FUNCTION", "FLUSH", "ASYNC", "x"), c("FUNCTION"), c("FUNCTION", "foo")}},
		{name: "shutdown-errors", cmds: [][]string{c("SHUTDOWN", "x"), c("SHUTDOWN", "ABORT"), c("SHUTDOWN", "NOSAVE", "SAVE"), c("SHUTDOWN", "ABORT", "NOW"), c("SHUTDOWN", "NOW", "bogus")}},
		{name: "quit", cmds: [][]string{c("PING"), c("QUIT")}},
		{name: "quit-with-args", cmds: [][]string{c("QUIT", "x", "y")}},
	}
}

// respTree is a decoded RESP reply: string (simple or bulk), int64, error
// (respTreeErr), nil (null), or []respTree.
type respTree = any

// respTreeErr is a decoded error reply.
type respTreeErr string

// decodeTree decodes one raw reply as returned by client.reply.
func decodeTree(t testing.TB, raw string) respTree {
	t.Helper()
	v, rest, err := decodeTreeOne(raw)
	if err != nil || rest != "" {
		t.Fatalf("decode %q: %v (rest %q)", raw, err, rest)
	}
	return v
}

func decodeTreeOne(raw string) (respTree, string, error) {
	i := strings.Index(raw, "\r\n")
	if i < 1 {
		return nil, raw, fmt.Errorf("no line")
	}
	head, rest := raw[1:i], raw[i+2:]
	switch raw[0] {
	case '+':
		return head, rest, nil
	case '-':
		return respTreeErr(head), rest, nil
	case ':':
		n, err := strconv.ParseInt(head, 10, 64)
		return n, rest, err
	case '$':
		n, err := strconv.Atoi(head)
		if err != nil || n < 0 {
			return nil, rest, err
		}
		return rest[:n], rest[n+2:], nil
	case '*':
		n, err := strconv.Atoi(head)
		if err != nil || n < 0 {
			return nil, rest, err
		}
		arr := make([]respTree, n)
		for j := range arr {
			if arr[j], rest, err = decodeTreeOne(rest); err != nil {
				return nil, rest, err
			}
		}
		return arr, rest, nil
	}
	return nil, raw, fmt.Errorf("unknown type %q", raw[0])
}

// treeMap turns a map-as-array reply into a Go map.
func treeMap(t testing.TB, v respTree) map[string]respTree {
	t.Helper()
	arr, ok := v.([]respTree)
	if !ok || len(arr)%2 != 0 {
		t.Fatalf("not a map-as-array: %#v", v)
	}
	m := map[string]respTree{}
	for i := 0; i < len(arr); i += 2 {
		m[arr[i].(string)] = arr[i+1]
	}
	return m
}

func TestServerHello(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	id := decodeTree(t, cl.do("CLIENT", "ID")).(int64)
	for _, args := range [][]string{{"HELLO"}, {"HELLO", "2"}, {"hello", "2", "AUTH", "default", "pw", "SETNAME", "nm"}} {
		m := treeMap(t, decodeTree(t, cl.do(args...)))
		want := map[string]respTree{"server": "nosql", "version": nosqlVersion, "proto": int64(2), "id": id, "mode": "standalone", "role": "master"}
		for k, w := range want {
			if m[k] != w {
				t.Errorf("%q: %s = %#v, want %#v", args, k, m[k], w)
			}
		}
		if mods, ok := m["modules"].([]respTree); !ok || len(mods) != 0 {
			t.Errorf("%q: modules = %#v, want an empty array", args, m["modules"])
		}
	}
	if got := cl.do("CLIENT", "GETNAME"); got != "$2\r\nnm\r\n" {
		t.Errorf("name after HELLO SETNAME = %q", got)
	}
	if got := cl.do("HELLO", "4"); got != "-NOPROTO unsupported protocol version\r\n" {
		t.Errorf("HELLO 4 = %q", got)
	}
	cl.do("HELLO", "3")
	if got := cl.do("CLIENT", "INFO"); !strings.HasPrefix(got, "=") || !strings.HasSuffix(got, " resp=3\n\r\n") {
		t.Errorf("CLIENT INFO in RESP3 = %q", got)
	}
	other := dialServer(t, srv)
	list := other.do("CLIENT", "LIST")
	if !strings.HasPrefix(list, "$") || !strings.Contains(list, " resp=3\n") || !strings.Contains(list, " resp=2\n") {
		t.Errorf("CLIENT LIST in RESP2 = %q", list)
	}
}

// TestDiffHello compares HELLO's replies in both protocols with Redis's,
// byte for byte once the server's name, version and client id are
// replaced, and checks the protocol each leaves the connection in.
func TestDiffHello(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	ids := regexp.MustCompile(`\$2\r\nid\r\n:[0-9]+\r\n`)
	names := strings.NewReplacer("$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n",
		"$5\r\nnosql\r\n$7\r\nversion\r\n$"+strconv.Itoa(len(nosqlVersion))+"\r\n"+nosqlVersion+"\r\n")
	r, n := dial(t, raddr), dialServer(t, srv)
	for _, cmd := range [][]string{
		{"HELLO", "3"}, {"GET", "nosuch"}, {"HELLO"}, {"HELLO", "3", "SETNAME", "me"}, {"CLIENT", "GETNAME"},
		{"HELLO", "4"}, {"GET", "nosuch"}, {"HELLO", "2"}, {"GET", "nosuch"}, {"HELLO"}, {"HELLO", "3", "SETNAME", "a b"}, {"GET", "nosuch"},
	} {
		want, got := names.Replace(r.do(cmd...)), n.do(cmd...)
		want, got = ids.ReplaceAllString(want, "ID"), ids.ReplaceAllString(got, "ID")
		if want != got {
			t.Errorf("%q:\n redis: %q\n nosql: %q", cmd, want, got)
		}
	}
}

func TestServerClientList(t *testing.T) {
	srv := startServer(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	idA := decodeTree(t, a.do("CLIENT", "ID")).(int64)
	idB := decodeTree(t, b.do("CLIENT", "ID")).(int64)
	if idA == idB || idA < 1 || idB < 1 {
		t.Fatalf("client ids %d, %d", idA, idB)
	}
	a.do("CLIENT", "SETNAME", "alice")
	list := decodeTree(t, b.do("CLIENT", "LIST")).(string)
	lines := strings.Split(strings.TrimSuffix(list, "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(list, "\n") {
		t.Fatalf("CLIENT LIST = %q, want 2 lines", list)
	}
	byID := map[string]map[string]string{}
	for _, l := range lines {
		f := clientFields(l)
		byID[f["id"]] = f
	}
	fa, fb := byID[strconv.FormatInt(idA, 10)], byID[strconv.FormatInt(idB, 10)]
	if fa["name"] != "alice" || fa["addr"] == "" || fa["laddr"] != srv.Addr().String() || fa["flags"] != "N" || fa["db"] != "0" || fa["age"] == "" {
		t.Errorf("CLIENT LIST line of the first client: %q", fa)
	}
	if fb == nil || fb["name"] != "" {
		t.Errorf("CLIENT LIST line of the second client: %q", fb)
	}
	first, _ := strconv.ParseInt(clientFields(lines[0])["id"], 10, 64)
	if first != min(idA, idB) {
		t.Errorf("CLIENT LIST not sorted by id: %q", list)
	}
	for _, args := range [][]string{{"CLIENT", "LIST", "TYPE", "normal"}} {
		if got := decodeTree(t, b.do(args...)).(string); strings.Count(got, "\n") != 2 {
			t.Errorf("%q = %q", args, got)
		}
	}
	got := decodeTree(t, b.do("CLIENT", "LIST", "ID", strconv.FormatInt(idA, 10), "12345")).(string)
	if strings.Count(got, "\n") != 1 || clientFields(got)["name"] != "alice" {
		t.Errorf("CLIENT LIST ID = %q", got)
	}
	info := decodeTree(t, a.do("CLIENT", "INFO")).(string)
	if clientFields(info)["id"] != strconv.FormatInt(idA, 10) || !strings.HasSuffix(info, "\n") {
		t.Errorf("CLIENT INFO = %q", info)
	}
	help := decodeTree(t, a.do("CLIENT", "HELP")).([]respTree)
	if !strings.HasPrefix(help[0].(string), "CLIENT <subcommand>") || help[len(help)-1] != "    Prints this help." {
		t.Errorf("CLIENT HELP = %q", help)
	}
}

// clientFields splits one CLIENT LIST line into its fields.
func clientFields(line string) map[string]string {
	m := map[string]string{}
	for _, f := range strings.Fields(line) {
		k, v, _ := strings.Cut(f, "=")
		m[k] = v
	}
	return m
}

// TestServerClientSetInfo checks CLIENT SETINFO (Redis 7.2), which client
// libraries send on connect.
func TestServerClientSetInfo(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"CLIENT", "SETINFO", "LIB-NAME", "go-redis(,go1.22)"}, "+OK\r\n"},
		{[]string{"CLIENT", "SETINFO", "lib-ver", "9.5.1"}, "+OK\r\n"},
		{[]string{"CLIENT", "SETINFO", "lib-ver", ""}, "+OK\r\n"},
		{[]string{"CLIENT", "SETINFO", "lib-name", "a b"}, "-ERR lib-name cannot contain spaces, newlines or special characters.\r\n"},
		{[]string{"CLIENT", "SETINFO", "foo", "x"}, "-ERR Unrecognized option 'foo'\r\n"},
		{[]string{"CLIENT", "SETINFO", "lib-name"}, "-ERR wrong number of arguments for 'client|setinfo' command\r\n"},
	} {
		if got := cl.do(tc.args...); got != tc.want {
			t.Errorf("%q = %q, want %q", tc.args, got, tc.want)
		}
	}
}

func TestServerInfo(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.do("SET", "a", "1")
	cl.do("GET", "a")
	cl.do("GET", "a", "b")
	all := decodeTree(t, cl.do("INFO")).(string)
	var headers []string
	for _, l := range strings.Split(all, "\r\n") {
		if strings.HasPrefix(l, "# ") {
			headers = append(headers, l[2:])
		}
	}
	if got := strings.Join(headers, ","); got != "Server,Clients,Memory,Persistence,Stats,Replication,CPU,Modules,Errorstats,Cluster,Keyspace" {
		t.Errorf("INFO sections = %s", got)
	}
	if !strings.HasSuffix(all, "\r\n") || strings.HasSuffix(all, "\r\n\r\n") || strings.Contains(all, "\r\n\r\n\r\n") {
		t.Errorf("INFO framing: %q", all)
	}
	f := infoFields(all)
	checks := map[string]string{
		"redis_version": redisCompatVersion,
		"nosql_version": nosqlVersion,
		"process_id":    strconv.Itoa(os.Getpid()),
		"tcp_port":      strconv.Itoa(srv.port()),
		"db0":           "keys=1,expires=0,avg_ttl=0",
		"role":          "master",
	}
	for k, want := range checks {
		if f[k] != want {
			t.Errorf("INFO %s = %q, want %q", k, f[k], want)
		}
	}
	for _, k := range []string{"connected_clients", "used_memory", "used_memory_rss", "total_connections_received", "total_commands_processed", "uptime_in_seconds"} {
		if n, err := strconv.ParseInt(f[k], 10, 64); err != nil || n < 0 || (k != "uptime_in_seconds" && n == 0) {
			t.Errorf("INFO %s = %q", k, f[k])
		}
	}
	if len(f["run_id"]) != 40 {
		t.Errorf("run_id = %q", f["run_id"])
	}
	if _, ok := f["cmdstat_get"]; ok {
		t.Errorf("default INFO holds commandstats")
	}

	cs := decodeTree(t, cl.do("INFO", "commandstats")).(string)
	if !strings.HasPrefix(cs, "# Commandstats\r\n") {
		t.Errorf("INFO commandstats = %q", cs)
	}
	f = infoFields(cs)
	if !strings.HasPrefix(f["cmdstat_get"], "calls=1,usec=") || !strings.HasSuffix(f["cmdstat_get"], ",rejected_calls=1,failed_calls=0") || !strings.Contains(f["cmdstat_get"], ",usec_per_call=") {
		t.Errorf("cmdstat_get = %q", f["cmdstat_get"])
	}
	for _, args := range [][]string{{"INFO", "all"}, {"INFO", "everything"}, {"INFO", "default", "commandstats"}, {"info", "COMMANDSTATS", "server"}} {
		s := decodeTree(t, cl.do(args...)).(string)
		if !strings.Contains(s, "cmdstat_set:calls=1,") {
			t.Errorf("%q lacks cmdstat_set: %q", args, s)
		}
	}
	if got := decodeTree(t, cl.do("INFO", "server", "clients")).(string); !strings.HasPrefix(got, "# Server\r\n") || !strings.Contains(got, "\r\n\r\n# Clients\r\nconnected_clients:1\r\n") {
		t.Errorf("INFO server clients = %q", got)
	}

	if got := cl.do("CONFIG", "RESETSTAT"); got != "+OK\r\n" {
		t.Fatalf("CONFIG RESETSTAT = %q", got)
	}
	f = infoFields(decodeTree(t, cl.do("INFO", "commandstats", "stats")).(string))
	if f["cmdstat_get"] != "" || f["total_connections_received"] != "0" {
		t.Errorf("after RESETSTAT: %q", f)
	}
}

// infoFields parses INFO text into its fields.
func infoFields(s string) map[string]string {
	m := map[string]string{}
	for _, l := range strings.Split(s, "\r\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && !strings.HasPrefix(l, "#") {
			m[k] = v
		}
	}
	return m
}

func TestServerCommand(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	count := decodeTree(t, cl.do("COMMAND", "COUNT")).(int64)
	if count != int64(len(srv.commands)) {
		t.Errorf("COMMAND COUNT = %d, table has %d", count, len(srv.commands))
	}
	all := decodeTree(t, cl.do("COMMAND")).([]respTree)
	if int64(len(all)) != count {
		t.Fatalf("COMMAND has %d entries, want %d", len(all), count)
	}
	byName := map[string][]respTree{}
	for _, e := range all {
		info := e.([]respTree)
		if len(info) != 10 {
			t.Fatalf("COMMAND entry %#v has %d elements", info, len(info))
		}
		byName[info[0].(string)] = info
	}
	get := byName["get"]
	if get[1] != int64(2) || fmt.Sprint(get[2]) != "[readonly fast]" || get[3] != int64(1) || get[4] != int64(1) || get[5] != int64(1) || fmt.Sprint(get[6]) != "[@read @string @fast]" {
		t.Errorf("COMMAND get = %#v", get)
	}
	if specs := get[8].([]respTree); len(specs) != 1 {
		t.Errorf("get key specs = %#v", specs)
	}
	cfg := byName["config"]
	var subs []string
	for _, s := range cfg[9].([]respTree) {
		subs = append(subs, s.([]respTree)[0].(string))
	}
	if got := strings.Join(subs, " "); got != "config|get config|set config|resetstat config|rewrite config|help" {
		t.Errorf("config subcommands = %s", got)
	}
	if got := decodeTree(t, cl.do("COMMAND", "INFO", "GET", "nosuch", "config|set")).([]respTree); len(got) != 3 || got[1] != nil || got[2].([]respTree)[0] != "config|set" || got[2].([]respTree)[1] != int64(-4) {
		t.Errorf("COMMAND INFO = %#v", got)
	}
	docs := treeMap(t, decodeTree(t, cl.do("COMMAND", "DOCS", "get", "nosuch", "ping")))
	if len(docs) != 2 || docs["get"] == nil || docs["ping"] == nil {
		t.Errorf("COMMAND DOCS = %#v", docs)
	}
	if n := len(treeMap(t, decodeTree(t, cl.do("COMMAND", "DOCS")))); int64(n) != count {
		t.Errorf("COMMAND DOCS has %d entries, want %d", n, count)
	}
	list := decodeTree(t, cl.do("COMMAND", "LIST")).([]respTree)
	if !treeHas(list, "client|setname") || !treeHas(list, "set") {
		t.Errorf("COMMAND LIST = %v", list)
	}
	write := decodeTree(t, cl.do("COMMAND", "LIST", "FILTERBY", "ACLCAT", "write")).([]respTree)
	if !treeHas(write, "set") || treeHas(write, "get") {
		t.Errorf("COMMAND LIST FILTERBY ACLCAT write = %v", write)
	}
	help := decodeTree(t, cl.do("COMMAND", "HELP")).([]respTree)
	if !strings.HasPrefix(help[0].(string), "COMMAND <subcommand>") {
		t.Errorf("COMMAND HELP = %q", help)
	}
}

func treeHas(list []respTree, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestServerTime(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	before := time.Now().Unix()
	got := decodeTree(t, cl.do("TIME")).([]respTree)
	after := time.Now().Unix()
	if len(got) != 2 {
		t.Fatalf("TIME = %#v", got)
	}
	sec, err1 := strconv.ParseInt(got[0].(string), 10, 64)
	usec, err2 := strconv.ParseInt(got[1].(string), 10, 64)
	if err1 != nil || err2 != nil || sec < before || sec > after || usec < 0 || usec >= 1e6 {
		t.Errorf("TIME = %q", got)
	}
}

// TestServerShutdown checks that SHUTDOWN answers earlier pipelined
// commands, sends nothing itself, closes the connection and asks the
// process to stop.
func TestServerShutdown(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	if got := cl.do("SHUTDOWN", "ABORT"); got != "-ERR No shutdown in progress.\r\n" {
		t.Errorf("SHUTDOWN ABORT = %q", got)
	}
	select {
	case <-srv.ShutdownRequested():
		t.Fatal("shutdown requested by an erroneous SHUTDOWN")
	default:
	}
	cl.send(encodeCommand("PING") + encodeCommand("SHUTDOWN", "NOSAVE") + encodeCommand("PING"))
	if got := cl.reply(); got != "+PONG\r\n" {
		t.Errorf("PING before SHUTDOWN = %q", got)
	}
	if s, err := readReply(cl.rd); err == nil {
		t.Errorf("after SHUTDOWN read %q, want the connection closed", s)
	}
	select {
	case <-srv.ShutdownRequested():
	case <-time.After(5 * time.Second):
		t.Fatal("SHUTDOWN did not request shutdown")
	}
}

func TestServerQuitSelect(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	if got := cl.do("SELECT", "0"); got != "+OK\r\n" {
		t.Errorf("SELECT 0 = %q", got)
	}
	cl.send(encodeCommand("QUIT") + encodeCommand("PING"))
	if got := cl.reply(); got != "+OK\r\n" {
		t.Errorf("QUIT = %q", got)
	}
	if s, err := readReply(cl.rd); err == nil {
		t.Errorf("after QUIT read %q, want the connection closed", s)
	}
}

// TestServerConfigLimits checks that CONFIG SET changes the limits the
// connection reader enforces, and nosql's own parameters.
func TestServerConfigLimits(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"CONFIG", "SET", "proto-max-bulk-len", "2mb", "client-query-buffer-limit", "3mb", "max-request", "1k"}, "+OK\r\n"},
		{[]string{"CONFIG", "GET", "max-request"}, "*2\r\n$11\r\nmax-request\r\n$4\r\n1000\r\n"},
		{[]string{"CONFIG", "SET", "max-request", "0"}, "-ERR CONFIG SET failed (possibly related to argument 'max-request') - argument must be between 1 and " + formatInt(honouredLimit()) + " inclusive\r\n"},
		{[]string{"CONFIG", "SET", "appendonly", "maybe"}, "-ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'\r\n"},
		{[]string{"CONFIG", "SET", "appendonly", "NO"}, "+OK\r\n"},
		{[]string{"CONFIG", "SET", "dir", "/tmp"}, "-ERR CONFIG SET failed (possibly related to argument 'dir') - can't set immutable config\r\n"},
		{[]string{"CONFIG", "SET", "list-max-ziplist-size", "128"}, "+OK\r\n"},
	} {
		if got := cl.do(tc.args...); got != tc.want {
			t.Errorf("%q = %q, want %q", tc.args, got, tc.want)
		}
	}
	if srv.set.maxBulk() != 2<<20 || srv.set.maxQuery() != 3<<20 || srv.set.maxLine() != 1000 {
		t.Errorf("limits now %d, %d, %d", srv.set.maxBulk(), srv.set.maxQuery(), srv.set.maxLine())
	}
	cl.send("PING " + strings.Repeat("x", 1000) + "\r\n")
	if got := cl.reply(); got != "-ERR Protocol error: too big inline request\r\n" {
		t.Errorf("inline request past max-request = %q", got)
	}

	cl = dialServer(t, srv)
	got := treeMap(t, decodeTree(t, cl.do("CONFIG", "GET", "*")))
	for _, k := range []string{"dir", "appendonly", "appendfsync", "databases", "save", "maxmemory", "max-request", "proto-max-bulk-len", "client-query-buffer-limit", "auto-aof-rewrite-percentage", "auto-aof-rewrite-min-size"} {
		if _, ok := got[k]; !ok {
			t.Errorf("CONFIG GET * lacks %s", k)
		}
	}
	if dir := got["dir"].(string); !strings.HasPrefix(dir, "/") {
		t.Errorf("dir = %q, want an absolute path", dir)
	}
}

func TestServerParseMemory(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"100", 100, true},
		{"1k", 1000, true},
		{"1KB", 1024, true},
		{"2m", 2000000, true},
		{"2mb", 2 << 20, true},
		{"1g", 1000000000, true},
		{"1Gb", 1 << 30, true},
		{"5b", 5, true},
		{"mb", 0, true},
		{"", 0, true},
		{"-1", 0, false},
		{"1x", 0, false},
		{"1 mb", 0, false},
		{"18446744073709551615", -1, true},
		{"99999999999999999999", -1, true},
		{"16777216tb", 0, false},
		{"17179869184gb", 0, false},
	} {
		got, ok := parseMemory(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseMemory(%q) = %d, %v, want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestServerCheckSave(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"", true},
		{"3600 1", true},
		{"3600 1 300 100 60 10000", true},
		{"+1 0", true},
		{"1 ", true},
		{"\t1 0", true},
		{"1", false},
		{"0 0", false},
		{"1 -1", false},
		{"1  0", false},
		{" 1 0", false},
		{"x 1", false},
		{"1x 0", false},
	} {
		if _, msg := checkSave(tc.in); (msg == "") != tc.ok {
			t.Errorf("checkSave(%q) = %q, want ok %v", tc.in, msg, tc.ok)
		}
	}
}

func TestServerBytesToHuman(t *testing.T) {
	for n, want := range map[uint64]string{0: "0B", 1023: "1023B", 1024: "1.00K", 1536: "1.50K", 1 << 20: "1.00M", 3 << 30: "3.00G", 1 << 40: "1.00T", 1 << 50: "1.00P", 1 << 62: "4096.00P"} {
		if got := bytesToHuman(n); got != want {
			t.Errorf("bytesToHuman(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestDiffCommandInfoResp3 compares the RESP3 types of COMMAND INFO with
// Redis's: the same skeleton of arrays, maps, sets and scalars (a set's
// strings are left out: nosql records fewer flags and categories). The
// commands are ones where Redis has no tips or key spec notes, which nosql
// does not keep.
func TestDiffCommandInfoResp3(t *testing.T) {
	r, n := dial(t, startRedis(t)), dialServer(t, startServer(t))
	r.do("HELLO", "3")
	n.do("HELLO", "3")
	for _, name := range []string{"get", "lpush", "client|id", "incr", "strlen", "lrange", "echo"} {
		want, got := replySkeleton(t, r.do("COMMAND", "INFO", name)), replySkeleton(t, n.do("COMMAND", "INFO", name))
		if want != got {
			t.Errorf("COMMAND INFO %s:\n redis: %s\n nosql: %s", name, want, got)
		}
	}
}

// replySkeleton renders a raw reply as its types: scalars by their type
// byte, aggregates with their elements in brackets; a set's simple strings
// (flags, categories) are left out.
func replySkeleton(t *testing.T, raw string) string {
	t.Helper()
	rd := bufio.NewReader(strings.NewReader(raw))
	var walk func() string
	walk = func() string {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatalf("skeleton of %q: %v", raw, err)
		}
		n, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
		switch line[0] {
		case '$', '=':
			rd.Discard(n + 2)
		case '*', '%', '~':
			if line[0] == '%' {
				n *= 2
			}
			var elems []string
			for i := 0; i < n; i++ {
				if e := walk(); line[0] != '~' || e != "+" {
					elems = append(elems, e)
				}
			}
			return line[:1] + "[" + strings.Join(elems, "") + "]"
		}
		return line[:1]
	}
	return walk()
}

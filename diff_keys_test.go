// diff_keys_test.go compares the key-space commands with Redis. Until nosql
// has FLUSHALL, each case uses key names of its own (and KEYS patterns with
// the case's prefix) so that cases stay independent; the cases that look at
// the whole keyspace run on their own servers and delete what they create.
package main

import (
	"bufio"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestDiffKeys runs the key-space cases against Redis and nosql.
func TestDiffKeys(t *testing.T) {
	u := func(idx ...int) map[int]bool {
		m := make(map[int]bool)
		for _, i := range idx {
			m[i] = true
		}
		return m
	}
	runDiff(t, []diffCase{
		// DEL, UNLINK, EXISTS, TYPE
		{name: "del", cmds: [][]string{c("SET", "k1a", "1"), c("SET", "k1b", "2"), c("DEL", "k1a", "k1b", "k1c"), c("DEL", "k1a"), c("EXISTS", "k1a", "k1b")}},
		{name: "del-twice", cmds: [][]string{c("SET", "k2", "1"), c("DEL", "k2", "k2"), c("DEL"), c("EXISTS", "k2")}},
		{name: "del-list", cmds: [][]string{c("RPUSH", "k3", "a", "b"), c("DEL", "k3"), c("TYPE", "k3")}},
		{name: "unlink", cmds: [][]string{c("SET", "k4a", "1"), c("RPUSH", "k4b", "x"), c("UNLINK", "k4a", "k4b", "k4c"), c("UNLINK"), c("EXISTS", "k4a", "k4b")}},
		{name: "exists", cmds: [][]string{c("SET", "k5", "1"), c("EXISTS", "k5"), c("EXISTS", "k5", "k5", "k5"), c("EXISTS", "k5x"), c("EXISTS", "k5", "k5x", "k5"), c("EXISTS")}},
		{name: "exists-binary", cmds: [][]string{c("SET", "k6\x00\r\n", "1"), c("EXISTS", "k6\x00\r\n"), c("EXISTS", "k6"), c("EXISTS", "")}},
		{name: "type", cmds: [][]string{c("SET", "k7s", "1"), c("RPUSH", "k7l", "a"), c("TYPE", "k7s"), c("TYPE", "k7l"), c("TYPE", "k7n"), c("INCR", "k7i"), c("TYPE", "k7i"), c("TYPE"), c("TYPE", "a", "b")}},
		// RENAME, RENAMENX
		{name: "rename", cmds: [][]string{c("SET", "k8a", "v"), c("RENAME", "k8a", "k8b"), c("GET", "k8a"), c("GET", "k8b"), c("EXISTS", "k8a")}},
		{name: "rename-overwrite", cmds: [][]string{c("SET", "k9a", "1"), c("RPUSH", "k9b", "x"), c("RENAME", "k9a", "k9b"), c("TYPE", "k9b"), c("GET", "k9b")}},
		{name: "rename-list", cmds: [][]string{c("RPUSH", "k10a", "x", "y"), c("SET", "k10b", "s"), c("RENAME", "k10a", "k10b"), c("TYPE", "k10b"), c("EXISTS", "k10a")}},
		{name: "rename-missing", cmds: [][]string{c("RENAME", "k11a", "k11b"), c("RENAME", "k11a", "k11a"), c("RENAMENX", "k11a", "k11b"), c("RENAMENX", "k11a", "k11a"), c("EXISTS", "k11b")}},
		{name: "rename-same", cmds: [][]string{c("SET", "k12", "v"), c("RENAME", "k12", "k12"), c("RENAMENX", "k12", "k12"), c("GET", "k12")}},
		{name: "renamenx", cmds: [][]string{c("SET", "k13a", "1"), c("SET", "k13b", "2"), c("RENAMENX", "k13a", "k13b"), c("RENAMENX", "k13a", "k13c"), c("MGET", "k13a", "k13b", "k13c")}},
		{name: "rename-int", cmds: [][]string{c("INCR", "k14a"), c("RENAME", "k14a", "k14b"), c("INCR", "k14b")}},
		{name: "rename-binary", cmds: [][]string{c("SET", "k15\x00", "v"), c("RENAME", "k15\x00", "k15\r\n"), c("GET", "k15\r\n"), c("EXISTS", "k15\x00")}},
		{name: "rename-arity", cmds: [][]string{c("RENAME"), c("RENAME", "a"), c("RENAME", "a", "b", "c"), c("RENAMENX", "a"), c("RENAMENX", "a", "b", "c")}},
		// KEYS patterns (each with the case's prefix)
		{name: "keys-star", cmds: [][]string{c("MSET", "k16:a", "1", "k16:b", "2", "k16:", "3"), c("RPUSH", "k16:l", "x"), c("KEYS", "k16:*"), c("KEYS", "k16:**"), c("KEYS", "k16*")}, unordered: u(2, 3, 4)},
		{name: "keys-question", cmds: [][]string{c("MSET", "k17:ab", "1", "k17:ac", "2", "k17:abc", "3", "k17:a", "4"), c("KEYS", "k17:a?"), c("KEYS", "k17:??"), c("KEYS", "k17:???"), c("KEYS", "k17:a?*")}, unordered: u(1, 2, 3, 4)},
		{name: "keys-class", cmds: [][]string{c("MSET", "k18:a1", "1", "k18:b1", "2", "k18:c1", "3", "k18:z1", "4", "k18:-1", "5", "k18:]1", "6"),
			c("KEYS", "k18:[ab]1"), c("KEYS", "k18:[a-c]1"), c("KEYS", "k18:[c-a]1"), c("KEYS", "k18:[^a]1"), c("KEYS", "k18:[^a-c]1"),
			c("KEYS", "k18:[a-]1"), c("KEYS", "k18:[-a]1"), c("KEYS", "k18:[]]1"), c("KEYS", "k18:[\\]]1"), c("KEYS", "k18:[^]1")}, unordered: u(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)},
		{name: "keys-escape", cmds: [][]string{c("MSET", "k19:*", "1", "k19:?", "2", "k19:a", "3", "k19:[", "4", "k19:\\", "5", "k19:\\a", "6"),
			c("KEYS", "k19:\\*"), c("KEYS", "k19:\\?"), c("KEYS", "k19:\\["), c("KEYS", "k19:\\\\"), c("KEYS", "k19:\\a"), c("KEYS", "k19:\\"), c("KEYS", "k19:\\\\a")}, unordered: u(1, 2, 3, 4, 5, 6, 7)},
		{name: "keys-unterminated", cmds: [][]string{c("MSET", "k20:a", "1", "k20:b", "2", "k20:ab", "3", "k20:[", "4"),
			c("KEYS", "k20:[ab"), c("KEYS", "k20:[a"), c("KEYS", "k20:["), c("KEYS", "k20:[^"), c("KEYS", "k20:[a-"), c("KEYS", "k20:[\\")}, unordered: u(1, 2, 3, 4, 5, 6)},
		{name: "keys-star-middle", cmds: [][]string{c("MSET", "k21:abc", "1", "k21:aXbXc", "2", "k21:ac", "3", "k21:cab", "4"),
			c("KEYS", "k21:a*c"), c("KEYS", "k21:*b*"), c("KEYS", "k21:a*b*c"), c("KEYS", "k21:*c"), c("KEYS", "k21:a*")}, unordered: u(1, 2, 3, 4, 5)},
		{name: "keys-high-bytes", cmds: [][]string{c("MSET", "k22:\x80", "1", "k22:\xe9", "2", "k22:a", "3", "k22:\x00", "4"),
			c("KEYS", "k22:[\x01-\xff]"), c("KEYS", "k22:[a-\xff]"), c("KEYS", "k22:[\x80-\xff]"), c("KEYS", "k22:[^\x80]"), c("KEYS", "k22:?"), c("KEYS", "k22:\x00")}, unordered: u(1, 2, 3, 4, 5, 6)},
		{name: "keys-nesting-limit", cmds: [][]string{
			c("SET", "k23:"+strings.Repeat("a", 1005), "1"),
			c("KEYS", "k23:"+strings.Repeat("*a", 999)+"*"), c("KEYS", "k23:"+strings.Repeat("*a", 1000)+"*"), c("KEYS", "k23:"+strings.Repeat("*a", 1001)+"*"),
			c("KEYS", "k23:"+strings.Repeat("a*", 1000)), c("KEYS", "k23:"+strings.Repeat("a*", 1001)), c("KEYS", "k23:"+strings.Repeat("*a", 1002))}},
		{name: "keys-adversarial", cmds: [][]string{c("SET", "k24:"+strings.Repeat("a", 300), "1"), c("KEYS", "k24:"+strings.Repeat("a*", 30)+"b"), c("KEYS", "k24:"+strings.Repeat("*a", 40)+"*")}},
		{name: "keys-none", cmds: [][]string{c("KEYS", "k25:*"), c("KEYS"), c("KEYS", "a", "b")}},
		// SCAN replies that do not depend on other keys, and SCAN errors
		{name: "scan-match-one", cmds: [][]string{c("SET", "k26:x", "1"), c("SCAN", "0", "MATCH", "k26:*", "COUNT", "1000"), c("SCAN", "0", "match", "k26:?", "count", "1000", "type", "string"), c("SCAN", "0", "MATCH", "k26:*", "COUNT", "1000", "TYPE", "list")}},
		{name: "scan-type", cmds: [][]string{c("RPUSH", "k27:l", "a"), c("SET", "k27:s", "1"), c("SCAN", "0", "MATCH", "k27:*", "TYPE", "LIST", "COUNT", "1000"), c("SCAN", "0", "MATCH", "k27:*", "TYPE", "String", "COUNT", "1000"), c("SCAN", "0", "MATCH", "k27:*", "TYPE", "hash", "COUNT", "1000"), c("SCAN", "0", "MATCH", "k27:*", "TYPE", "nosuch", "COUNT", "1000")}},
		{name: "scan-invalid-cursor", cmds: [][]string{c("SCAN", "x"), c("SCAN", " 1"), c("SCAN", "1 "), c("SCAN", "1.5"), c("SCAN", "+"), c("SCAN", "-"), c("SCAN", "18446744073709551616"), c("SCAN", "0x1"), c("SCAN", "\t0")}},
		{name: "scan-syntax", cmds: [][]string{c("SCAN", "0", "COUNT"), c("SCAN", "0", "MATCH"), c("SCAN", "0", "TYPE"), c("SCAN", "0", "FOO", "bar"), c("SCAN", "0", "COUNT", "0"), c("SCAN", "0", "COUNT", "-1"),
			c("SCAN", "0", "COUNT", "x"), c("SCAN", "0", "COUNT", "1.5"), c("SCAN", "0", "COUNT", "9223372036854775808"), c("SCAN", "x", "FOO"), c("SCAN", "0", "COUNT", "x", "FOO"), c("SCAN", "0", "FOO", "COUNT", "x"), c("SCAN")}},
		{name: "scan-cursor-forms", cmds: [][]string{c("SET", "k30:x", "1"), c("SCAN", "", "MATCH", "k30:*", "COUNT", "1000"), c("SCAN", "+0", "MATCH", "k30:*", "COUNT", "1000"), c("SCAN", "-0", "MATCH", "k30:*", "COUNT", "1000"), c("SCAN", "00", "MATCH", "k30:*", "COUNT", "1000")}},
		// RANDOMKEY errors
		{name: "randomkey-arity", cmds: [][]string{c("RANDOMKEY", "x"), c("RANDOMKEY", "x", "y")}},
	})
}

// TestDiffKeysWholeDB runs, on servers of their own, the cases that look at
// the whole keyspace; each case deletes what it created.
func TestDiffKeysWholeDB(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "empty", cmds: [][]string{c("RANDOMKEY"), c("KEYS", "*"), c("SCAN", "0"), c("SCAN", "0", "COUNT", "1000", "MATCH", "*", "TYPE", "string"), c("EXISTS", "a")}},
		{name: "single", cmds: [][]string{c("SET", "only", "1"), c("RANDOMKEY"), c("KEYS", "*"), c("SCAN", "0", "COUNT", "1000"), c("DEL", "only"), c("RANDOMKEY")}},
		{name: "single-list", cmds: [][]string{c("RPUSH", "lst", "a"), c("RANDOMKEY"), c("KEYS", "*"), c("DEL", "lst")}},
		{name: "empty-key", cmds: [][]string{c("SET", "", "1"), c("KEYS", "*"), c("KEYS", "**"), c("KEYS", ""), c("KEYS", "?"), c("RANDOMKEY"), c("SCAN", "0", "COUNT", "1000", "MATCH", "**"), c("SCAN", "0", "COUNT", "1000"), c("DEL", "")}},
		{name: "several", cmds: [][]string{c("MSET", "a", "1", "b", "2", "c", "3"), c("RPUSH", "d", "x"), c("KEYS", "*"), c("KEYS", "[a-c]"), c("DEL", "a", "b", "c", "d"), c("KEYS", "*")}, unordered: map[int]bool{2: true, 3: true}},
	})
}

// scanReply splits a raw SCAN reply into its cursor and keys.
func scanReply(t *testing.T, raw string) (string, []string) {
	t.Helper()
	rd := bufio.NewReader(strings.NewReader(raw))
	if line, _ := rd.ReadString('\n'); line != "*2\r\n" {
		t.Fatalf("SCAN reply %q", raw)
	}
	bulk := func() string {
		line, _ := rd.ReadString('\n')
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "$")))
		if err != nil || n < 0 {
			t.Fatalf("SCAN reply %q: bad bulk %q", raw, line)
		}
		b := make([]byte, n+2)
		io.ReadFull(rd, b)
		return string(b[:n])
	}
	cursor := bulk()
	line, _ := rd.ReadString('\n')
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "*")))
	if err != nil {
		t.Fatalf("SCAN reply %q: bad array %q", raw, line)
	}
	keys := make([]string, n)
	for i := range keys {
		keys[i] = bulk()
	}
	return cursor, keys
}

// scanAll iterates SCAN from cursor 0 back to 0, calling between (if not
// nil) after each step, and returns the set of keys returned.
func scanAll(t *testing.T, cl *tclient, opts []string, between func(step int)) map[string]bool {
	t.Helper()
	seen := make(map[string]bool)
	cursor := "0"
	for step := 0; ; step++ {
		if step > 100000 {
			t.Fatal("SCAN did not finish")
		}
		var keys []string
		cursor, keys = scanReply(t, cl.do(append([]string{"SCAN", cursor}, opts...)...))
		for _, k := range keys {
			seen[k] = true
		}
		if cursor == "0" {
			return seen
		}
		if between != nil {
			between(step)
		}
	}
}

// fillScanKeys creates n string keys and n/5 lists, some with binary
// names, and returns their names.
func fillScanKeys(cl *tclient, prefix string, n int) []string {
	var names []string
	for i := range n {
		k := fmt.Sprintf("%s:%d", prefix, i)
		if i%7 == 0 {
			k += "\x00\r\n"
		}
		names = append(names, k)
		if i%5 == 0 {
			cl.do("RPUSH", k, "x")
		} else {
			cl.do("SET", k, "v")
		}
	}
	return names
}

// TestDiffScanFullIteration checks that a full SCAN iteration returns the
// same set of keys on Redis and nosql, with and without options.
func TestDiffScanFullIteration(t *testing.T) {
	r, n := dial(t, startRedis(t)), dialServer(t, startServer(t))
	r.do("FLUSHALL")
	fillScanKeys(r, "sk", 600)
	fillScanKeys(n, "sk", 600)
	for _, opts := range [][]string{
		nil, {"COUNT", "1"}, {"COUNT", "7"}, {"COUNT", "1000"},
		{"MATCH", "sk:1*"}, {"MATCH", "*\r\n", "COUNT", "3"},
		{"TYPE", "list"}, {"TYPE", "STRING", "MATCH", "sk:?3"},
	} {
		want, got := scanAll(t, r, opts, nil), scanAll(t, n, opts, nil)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("SCAN %q: redis returned %d keys, nosql %d", opts, len(want), len(got))
		}
		if len(want) == 0 {
			t.Errorf("SCAN %q returned nothing", opts)
		}
	}
}

// TestScanDuringChanges checks, on Redis and nosql, that a SCAN iteration
// returns every key present throughout while other keys come and go, both
// between the steps and from a concurrent client.
func TestScanDuringChanges(t *testing.T) {
	srv := startServer(t)
	addrs := map[string]string{"redis": startRedis(t), "nosql": srv.Addr().String()}
	for name, addr := range addrs {
		t.Run(name, func(t *testing.T) {
			cl, other := dial(t, addr), dial(t, addr)
			cl.do("FLUSHALL")
			stable := fillScanKeys(cl, "stable", 400)
			volatile := fillScanKeys(cl, "vol", 200)
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() { // churn from another client
				defer close(done)
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					k := fmt.Sprintf("churn:%d", i%50)
					other.do("SET", k, "1")
					other.do("DEL", fmt.Sprintf("churn:%d", (i+25)%50))
				}
			}()
			seen := scanAll(t, cl, []string{"COUNT", "5"}, func(step int) {
				if step < len(volatile) {
					cl.do("DEL", volatile[step])
				}
				cl.do("SET", fmt.Sprintf("added:%d", step), "1")
			})
			close(stop)
			<-done
			for _, k := range stable {
				if !seen[k] {
					t.Errorf("key %q present throughout was not returned", k)
				}
			}
		})
	}
}

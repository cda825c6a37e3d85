// diff_keyspace_model_test.go runs one random sequence of keyspace
// commands on Redis and on nosql and compares every reply: strings short,
// long and raw, the collection kinds, overwrites that change a key's kind,
// DEL, RENAME, COPY, MOVE, SWAPDB, FLUSHDB, expiry, and RESTORE of Redis's
// DUMP payloads, over a few keys in three databases, so that nosql's
// table (one shard's: every key is in it) compacts and renumbers its
// objects many times while Redis is the model.
package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestDiffKeyspaceModel(t *testing.T) {
	srv := startServer(t)
	r, n := dial(t, startRedis(t)), dialServer(t, srv)
	rng := rand.New(rand.NewPCG(7, 11))
	var names []string // keys of one shard: one table holds them all
	for i := 0; len(names) < 8; i++ {
		if k := fmt.Sprint("k", i); srv.store.shardIndex([]byte(k)) == srv.store.shardIndex([]byte("k0")) {
			names = append(names, k)
		}
	}
	key := func() string { return names[rng.IntN(len(names))] }
	db := func() string { return fmt.Sprint(rng.IntN(3)) }
	value := func() string {
		size := rng.IntN(600)
		if rng.IntN(200) == 0 {
			size = bigString + rng.IntN(100) // a raw string
		}
		return strings.Repeat(string(rune('a'+rng.IntN(26))), size)
	}
	ops := []func() []string{
		func() []string { return []string{"SET", key(), value()} },
		func() []string { return []string{"SET", key(), value()} },
		func() []string { return []string{"APPEND", key(), "xy"} },
		func() []string { return []string{"GET", key()} },
		func() []string { return []string{"RPUSH", key(), value(), "b"} },
		func() []string { return []string{"LRANGE", key(), "0", "-1"} },
		func() []string { return []string{"SADD", key(), fmt.Sprint(rng.IntN(5))} },
		func() []string { return []string{"SISMEMBER", key(), fmt.Sprint(rng.IntN(5))} },
		func() []string { return []string{"HSET", key(), fmt.Sprint("f", rng.IntN(4)), value()} },
		func() []string { return []string{"HGET", key(), fmt.Sprint("f", rng.IntN(4))} },
		func() []string { return []string{"ZADD", key(), fmt.Sprint(rng.IntN(9)), fmt.Sprint("m", rng.IntN(4))} },
		func() []string { return []string{"ZRANGE", key(), "0", "-1", "WITHSCORES"} },
		func() []string { return []string{"DEL", key(), key()} },
		func() []string { return []string{"RENAME", key(), key()} },
		func() []string { return []string{"RENAMENX", key(), key()} },
		func() []string { return []string{"COPY", key(), key(), "DB", db(), "REPLACE"} },
		func() []string { return []string{"COPY", key(), key()} },
		func() []string { return []string{"MOVE", key(), db()} },
		func() []string { return []string{"SELECT", db()} },
		func() []string { return []string{"EXPIRE", key(), "1000"} },
		func() []string { return []string{"PERSIST", key()} },
		func() []string { return []string{"TTL", key()} },
		func() []string { return []string{"TYPE", key()} },
		func() []string { return []string{"EXISTS", key(), key()} },
		func() []string { return []string{"DBSIZE"} },
		func() []string { return []string{"STRLEN", key()} },
	}
	rare := []func() []string{
		func() []string { return []string{"SWAPDB", db(), db()} },
		func() []string { return []string{"FLUSHDB"} },
	}
	for step := range 10000 {
		op := ops[rng.IntN(len(ops))]
		if rng.IntN(100) == 0 {
			op = rare[rng.IntN(len(rare))]
		}
		cmd := op()
		if cmd[0] == "TTL" {
			cmd[0] = "EXISTS" // a TTL's seconds may differ; whether the key lives may not
		}
		if want, got := r.do(cmd...), n.do(cmd...); want != got {
			t.Fatalf("step %d %.60q:\n redis: %.200q\n nosql: %.200q", step, cmd, want, got)
		}
		if rng.IntN(40) == 0 { // RESTORE what Redis dumps, on both
			k := key()
			if payload, ok := decodeTree(t, r.do("DUMP", k)).(string); ok {
				cmd := []string{"RESTORE", key(), "0", payload, "REPLACE"}
				if want, got := r.do(cmd...), n.do(cmd...); want != got {
					t.Fatalf("step %d RESTORE of %s: redis %q, nosql %q", step, k, want, got)
				}
			}
		}
	}
	for d := range 3 {
		r.do("SELECT", fmt.Sprint(d))
		n.do("SELECT", fmt.Sprint(d))
		keys := func(cl *tclient) []string {
			var ks []string
			for _, k := range decodeTree(t, cl.do("KEYS", "*")).([]any) {
				ks = append(ks, k.(string))
			}
			slices.Sort(ks)
			return ks
		}
		want, got := keys(r), keys(n)
		if !slices.Equal(want, got) {
			t.Fatalf("database %d: redis holds %q, nosql %q", d, want, got)
		}
		for _, k := range want {
			for _, cmd := range [][]string{{"TYPE", k}, {"GET", k}, {"LRANGE", k, "0", "-1"}, {"SCARD", k}, {"HLEN", k}, {"ZRANGE", k, "0", "-1", "WITHSCORES"}} {
				if want, got := r.do(cmd...), n.do(cmd...); want != got {
					t.Errorf("database %d %.60q: redis %.100q, nosql %.100q", d, cmd, want, got)
				}
			}
		}
	}
}

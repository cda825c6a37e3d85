// diff_block_test.go compares blocking pops between clients with Redis: a
// client blocks, others write, and the replies each gets must match,
// byte for byte, in RESP2 and RESP3. A step may send a command without
// reading its reply (the client blocks), read that reply later, or wait
// until a number of clients are blocked (INFO blocked_clients), so no
// step depends on timing.
package main

import (
	"strconv"
	"strings"
	"testing"
)

// bstep is one step of a blocking case.
type bstep struct {
	conn int
	op   byte // 'd' send and read, 's' send only, 'r' read a reply sent before, 'w' wait for blocked clients, 'x' close
	cmd  []string
}

func bdo(n int, args ...string) bstep   { return bstep{n, 'd', args} }
func bsend(n int, args ...string) bstep { return bstep{n, 's', args} }
func brecv(n int) bstep                 { return bstep{conn: n, op: 'r'} }
func bclose(n int) bstep                { return bstep{conn: n, op: 'x'} }

// bwait waits until n clients are blocked.
func bwait(n int) bstep { return bstep{op: 'w', cmd: []string{strconv.Itoa(n)}} }

// blockCase is a sequence of steps on up to four connections. In a
// command, "$ID<n>" stands for the CLIENT ID of connection n.
type blockCase struct {
	name  string
	steps []bstep
}

// runBlockSide runs a case's steps on one server and returns the replies
// read, in order.
func runBlockSide(t *testing.T, addr string, tc blockCase, resp3 bool) []string {
	ctl := dial(t, addr)
	ctl.do("FLUSHALL")
	var conns [4]*tclient
	ids := map[string]string{}
	for i := range conns {
		conns[i] = dial(t, addr)
		if resp3 {
			conns[i].do("HELLO", "3")
		}
		ids["$ID"+strconv.Itoa(i)] = strings.TrimSpace(strings.TrimPrefix(conns[i].do("CLIENT", "ID"), ":"))
	}
	var out []string
	for _, s := range tc.steps {
		args := make([]string, len(s.cmd))
		for i, a := range s.cmd {
			if id, ok := ids[a]; ok {
				a = id
			}
			args[i] = a
		}
		switch s.op {
		case 'd':
			out = append(out, conns[s.conn].do(args...))
		case 's':
			conns[s.conn].send(encodeCommand(args...))
		case 'r':
			out = append(out, conns[s.conn].reply())
		case 'x':
			conns[s.conn].nc.Close()
		case 'w':
			n, _ := strconv.Atoi(s.cmd[0])
			eventually(t, addr+": "+s.cmd[0]+" clients blocked", func() bool { return blockedClients(t, ctl) == n })
		}
	}
	return out
}

// runDiffBlock runs blocking cases against Redis and nosql.
func runDiffBlock(t *testing.T, cases []blockCase) {
	t.Helper()
	raddr := startRedis(t)
	srv := startServer(t)
	eachResp(t, cases, func(tc blockCase) string { return tc.name }, func(t *testing.T, tc blockCase, resp3 bool) {
		want := runBlockSide(t, raddr, tc, resp3)
		got := runBlockSide(t, srv.Addr().String(), tc, resp3)
		for i := range want {
			if want[i] != got[i] {
				t.Errorf("reply %d:\n redis: %q\n nosql: %q", i, want[i], got[i])
			}
		}
	})
}

func TestDiffBlockingPops(t *testing.T) {
	runDiffBlock(t, []blockCase{
		{name: "push-wakes-blpop", steps: []bstep{bsend(0, "BLPOP", "a", "b", "0"), bwait(1), bdo(1, "RPUSH", "b", "x", "y"), brecv(0),
			bdo(1, "LRANGE", "b", "0", "-1"), bwait(0)}},
		{name: "fifo-three-waiters", steps: []bstep{bsend(0, "BLPOP", "q", "0"), bwait(1), bsend(1, "BRPOP", "q", "0"), bwait(2),
			bsend(2, "BLMPOP", "0", "1", "q", "LEFT", "COUNT", "2"), bwait(3), bdo(3, "RPUSH", "q", "1", "2", "3", "4", "5"),
			brecv(0), brecv(1), brecv(2), bdo(3, "LRANGE", "q", "0", "-1")}},
		{name: "fifo-one-at-a-time", steps: []bstep{bsend(0, "BLPOP", "q", "0"), bwait(1), bsend(1, "BLPOP", "q", "0"), bwait(2),
			bsend(2, "BLPOP", "q", "0"), bwait(3), bdo(3, "RPUSH", "q", "1"), brecv(0), bdo(3, "LPUSH", "q", "2"), brecv(1),
			bdo(3, "RPUSH", "q", "3", "4"), brecv(2), bdo(3, "LRANGE", "q", "0", "-1")}},
		{name: "multi-exec-wakes-after", steps: []bstep{bsend(0, "BLPOP", "q", "0"), bwait(1), bdo(1, "MULTI"), bdo(1, "RPUSH", "q", "a"),
			bdo(1, "LPUSH", "q", "b"), bdo(1, "LLEN", "q"), bdo(1, "EXEC"), brecv(0), bdo(1, "LRANGE", "q", "0", "-1")}},
		{name: "multi-exec-push-and-pop", steps: []bstep{bsend(0, "BLPOP", "q", "0"), bwait(1), bdo(1, "MULTI"), bdo(1, "RPUSH", "q", "a"),
			bdo(1, "DEL", "q"), bdo(1, "EXEC"), bdo(1, "RPUSH", "q", "b"), brecv(0)}},
		{name: "rename-wakes", steps: []bstep{bsend(0, "BRPOP", "dst", "0"), bwait(1), bdo(1, "RPUSH", "src", "a", "b"), bdo(1, "RENAME", "src", "dst"),
			brecv(0), bdo(1, "LRANGE", "dst", "0", "-1")}},
		{name: "move-wakes", steps: []bstep{bdo(0, "SELECT", "1"), bsend(0, "BLPOP", "k", "0"), bwait(1), bdo(1, "RPUSH", "k", "a"),
			bdo(1, "MOVE", "k", "1"), brecv(0), bdo(1, "SELECT", "1"), bdo(1, "EXISTS", "k")}},
		{name: "swapdb-wakes", steps: []bstep{bsend(0, "BLPOP", "k", "0"), bwait(1), bdo(1, "SELECT", "2"), bdo(1, "RPUSH", "k", "a", "b"),
			bdo(1, "SWAPDB", "0", "2"), brecv(0), bdo(1, "LRANGE", "k", "0", "-1"), bdo(1, "SELECT", "0"), bdo(1, "LRANGE", "k", "0", "-1")}},
		{name: "copy-wakes", steps: []bstep{bsend(0, "BLPOP", "k", "0"), bwait(1), bdo(1, "RPUSH", "src", "a", "b"), bdo(1, "COPY", "src", "k"),
			brecv(0), bdo(1, "LRANGE", "k", "0", "-1")}},
		{name: "blmove-chain", steps: []bstep{bsend(0, "BLMOVE", "a", "b", "LEFT", "RIGHT", "0"), bwait(1), bsend(1, "BRPOPLPUSH", "b", "c", "0"), bwait(2),
			bsend(2, "BLPOP", "c", "0"), bwait(3), bdo(3, "RPUSH", "a", "x"), brecv(0), brecv(1), brecv(2), bdo(3, "EXISTS", "a", "b", "c")}},
		{name: "blmove-wrong-destination", steps: []bstep{bdo(3, "SET", "d", "str"), bsend(0, "BLMOVE", "s", "d", "LEFT", "LEFT", "0"), bwait(1),
			bsend(1, "BLMOVE", "s", "e", "LEFT", "LEFT", "0"), bwait(2), bdo(3, "RPUSH", "s", "x"), brecv(0), brecv(1), bdo(3, "LRANGE", "e", "0", "-1")}},
		{name: "wrong-type-not-served", steps: []bstep{bsend(0, "BLPOP", "k", "0"), bwait(1), bdo(1, "SET", "k", "v"), bdo(1, "DEL", "k"),
			bdo(1, "RPUSH", "k", "z"), brecv(0)}},
		{name: "timeout-decimals", steps: []bstep{bdo(0, "BLPOP", "nokey", "0.05"), bdo(0, "BRPOPLPUSH", "nokey", "d", "0.01"),
			bdo(0, "BLMOVE", "nokey", "d", "LEFT", "LEFT", "0.0001"), bdo(0, "BLMPOP", "0.02", "2", "x", "y", "RIGHT"), bdo(0, "BRPOP", "nokey", "1e-3")}},
		{name: "client-unblock", steps: []bstep{bsend(0, "BLPOP", "k", "0"), bwait(1), bdo(1, "CLIENT", "UNBLOCK", "$ID0"), brecv(0),
			bsend(0, "BRPOPLPUSH", "k", "d", "0"), bwait(1), bdo(1, "CLIENT", "UNBLOCK", "$ID0", "ERROR"), brecv(0),
			bdo(1, "CLIENT", "UNBLOCK", "$ID0"), bdo(1, "CLIENT", "UNBLOCK", "$ID0", "TIMEOUT"), bdo(1, "CLIENT", "UNBLOCK", "$ID0", "bad"),
			bdo(1, "CLIENT", "UNBLOCK", "x"), bdo(1, "CLIENT", "UNBLOCK", "$ID0", "ERROR", "x"), bdo(1, "CLIENT", "UNBLOCK"), bdo(0, "PING")}},
		{name: "disconnect-while-blocked", steps: []bstep{bsend(0, "BLPOP", "k", "0"), bwait(1), bclose(0), bwait(0), bdo(1, "RPUSH", "k", "a"),
			bdo(1, "LLEN", "k")}},
		{name: "pipelined-before-block", steps: []bstep{bsend(0, "SET", "s", "1"), bsend(0, "INCR", "s"), bsend(0, "BLPOP", "k", "0"), bsend(0, "GET", "s"),
			brecv(0), brecv(0), bwait(1), bdo(1, "INCR", "s"), bdo(1, "RPUSH", "k", "v"), brecv(0), brecv(0)}},
		{name: "blocked-on-many-keys", steps: []bstep{bsend(0, "BLPOP", "a", "b", "c", "a", "0"), bwait(1), bsend(1, "BLPOP", "c", "0"), bwait(2),
			bdo(2, "RPUSH", "c", "1", "2"), brecv(0), brecv(1), bdo(2, "RPUSH", "a", "3"), bdo(2, "LLEN", "a")}},
		{name: "watch-sees-served-pop", steps: []bstep{bsend(0, "BLPOP", "k", "0"), bwait(1), bdo(1, "WATCH", "k"), bdo(2, "RPUSH", "k", "v"), brecv(0),
			bdo(1, "MULTI"), bdo(1, "PING"), bdo(1, "EXEC")}},
	})
}

func TestDiffBlockingZPops(t *testing.T) {
	runDiffBlock(t, []blockCase{
		{name: "at-once", steps: []bstep{bdo(0, "ZADD", "z", "1", "a", "2", "b", "3", "c"), bdo(0, "BZPOPMIN", "nokey", "z", "0"),
			bdo(0, "BZPOPMAX", "z", "0"), bdo(0, "BZMPOP", "0", "2", "nokey", "z", "MIN", "COUNT", "5"), bdo(0, "EXISTS", "z"),
			bdo(0, "ZADD", "z", "1.5", "x"), bdo(0, "BZMPOP", "1", "1", "z", "MAX")}},
		{name: "errors", steps: []bstep{bdo(0, "SET", "s", "v"), bdo(0, "BZPOPMIN", "s", "0"), bdo(0, "BZPOPMIN", "z", "-1"),
			bdo(0, "BZPOPMAX", "z", "x"), bdo(0, "BZMPOP", "0", "0", "z", "MIN"), bdo(0, "BZMPOP", "0", "1", "z", "LEFT"),
			bdo(0, "BZMPOP", "0", "1", "z", "MIN", "COUNT", "0"), bdo(0, "BZMPOP", "0", "3", "z", "MIN"), bdo(0, "BZMPOP", "x", "1", "z", "MIN"),
			bdo(0, "BZPOPMIN", "z"), bdo(0, "BZMPOP", "0", "1", "s", "MIN")}},
		{name: "in-multi", steps: []bstep{bdo(0, "MULTI"), bdo(0, "BZPOPMIN", "z", "0"), bdo(0, "BZMPOP", "0", "1", "z", "MAX", "COUNT", "2"), bdo(0, "EXEC")}},
		{name: "zadd-wakes", steps: []bstep{bsend(0, "BZPOPMIN", "a", "z", "0"), bwait(1), bsend(1, "BZPOPMAX", "z", "0"), bwait(2),
			bdo(2, "ZADD", "z", "1", "one", "2", "two", "3", "three"), brecv(0), brecv(1), bdo(2, "ZRANGE", "z", "0", "-1", "WITHSCORES")}},
		{name: "bzmpop-count-wakes", steps: []bstep{bsend(0, "BZMPOP", "0", "2", "a", "z", "MAX", "COUNT", "2"), bwait(1),
			bdo(1, "ZADD", "z", "1", "x", "2", "y", "3", "w"), brecv(0), bdo(1, "ZCARD", "z")}},
		{name: "list-push-does-not-serve", steps: []bstep{bsend(0, "BZPOPMIN", "k", "0"), bwait(1), bdo(1, "RPUSH", "k", "a"), bdo(1, "DEL", "k"),
			bdo(1, "ZADD", "k", "5", "m"), brecv(0)}},
		{name: "multi-zadd-zrem", steps: []bstep{bsend(0, "BZPOPMIN", "z", "0"), bwait(1), bdo(1, "MULTI"), bdo(1, "ZADD", "z", "1", "a"),
			bdo(1, "ZREM", "z", "a"), bdo(1, "ZADD", "z", "2", "b"), bdo(1, "EXEC"), brecv(0)}},
		{name: "timeout", steps: []bstep{bdo(0, "BZPOPMIN", "nokey", "0.02"), bdo(0, "BZMPOP", "0.01", "1", "nokey", "MIN")}},
		{name: "unblock", steps: []bstep{bsend(0, "BZPOPMAX", "z", "0"), bwait(1), bdo(1, "CLIENT", "UNBLOCK", "$ID0", "ERROR"), brecv(0)}},
	})
}

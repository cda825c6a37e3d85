// diff_notify_test.go compares keyspace notifications with redis-server's:
// a subscriber connection PSUBSCRIBEs __key*__:* on both servers, a second
// connection runs a case's commands (their replies compared too), and the
// messages the subscriber received, up to a closing PUBLISH, must be the
// same bytes in the same order, in RESP2 and in RESP3.
package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// notifyCase is one keyspace-notification case: notify-keyspace-events,
// then commands. Pseudo-commands act on both servers: "SLEEP ms" lets
// time pass, "AWAIT-EMPTY" polls DBSIZE (which touches no key) until
// active expiry emptied the database, "BLOCK cmd..." sends a blocking
// command on a third connection and waits until INFO counts it blocked,
// "SEND cmd..." sends one there without waiting, "UNBLOCKED" reads that
// connection's reply, "TEXT line" sends a semicolon request,
// "DUMP-RESTORE src dst ttl opts..." restores DUMP src's payload as dst.
type notifyCase struct {
	name  string
	flags string
	cmds  [][]string
	// random marks replies (by command index) that Redis chooses at random
	// (SPOP with a count): not compared
	random map[int]bool
}

// endChannel is the channel whose message closes a case's messages.
const endChannel = "notify-test-end"

func TestDiffNotify(t *testing.T) {
	runDiffNotify(t, []notifyCase{
		{name: "strings", flags: "KEA", cmds: [][]string{
			c("SET", "k", "v"), c("SET", "k", "v2", "EX", "100"), c("SET", "k", "v3", "KEEPTTL"), c("SETNX", "k", "x"),
			c("SETNX", "k2", "x"), c("GETSET", "k", "y"), c("SET", "k", "z", "GET"), c("SET", "k", "z", "NX"),
			c("SET", "k", "w", "XX", "PX", "5000"), c("SET", "nx", "w", "XX"), c("SETEX", "k", "10", "v"),
			c("PSETEX", "k", "10000", "v"), c("MSET", "a", "1", "b", "2"), c("MSETNX", "a", "1", "c", "3"),
			c("MSETNX", "c", "1", "d", "2"), c("GETDEL", "a"), c("GETDEL", "nosuch"), c("GETEX", "b", "EX", "100"),
			c("GETEX", "b", "PERSIST"), c("GETEX", "b", "PERSIST"), c("GETEX", "b"), c("GETEX", "b", "PXAT", "1"),
			c("INCR", "n"), c("INCRBY", "n", "5"), c("DECR", "n"), c("DECRBY", "n", "2"), c("INCRBYFLOAT", "f", "1.5"),
			c("APPEND", "s", "abc"), c("APPEND", "s", "def"), c("SETRANGE", "s", "1", "X"), c("SETRANGE", "s2", "2", "Y"),
			c("SETRANGE", "s3", "0", ""), c("SETRANGE", "s", "0", ""), c("INCR", "s"), c("LPUSH", "s", "x"),
			c("SET", "big", strings.Repeat("x", 100)), c("APPEND", "big", "y")}},
		{name: "bits", flags: "KEA", cmds: [][]string{
			c("SETBIT", "b", "7", "1"), c("SETBIT", "b", "7", "1"), c("SETBIT", "b", "100", "0"), c("SETBIT", "b", "7", "0"),
			c("BITFIELD", "bf", "SET", "u8", "0", "255"), c("BITFIELD", "bf", "GET", "u8", "0"),
			c("BITFIELD", "bf", "SET", "u8", "0", "255"), c("BITFIELD", "bf", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "10"),
			c("BITFIELD", "bf2", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "300"), c("BITFIELD_RO", "bf", "GET", "u8", "0"),
			c("BITOP", "OR", "dest", "b", "bf"), c("BITOP", "AND", "dest2", "nosuch1", "nosuch2"),
			c("BITOP", "AND", "dest", "nosuch")}},
		{name: "generic", flags: "KEA", cmds: [][]string{
			c("MSET", "a", "1", "b", "2", "c", "3"), c("DEL", "a", "b", "nosuch"), c("UNLINK", "c", "c"), c("SET", "k", "v"),
			c("EXPIRE", "k", "100"), c("EXPIRE", "k", "100", "NX"), c("PEXPIRE", "k", "200000", "GT"), c("PEXPIRE", "k", "1000", "GT"), c("TTL", "k"),
			c("PERSIST", "k"), c("PERSIST", "k"), c("EXPIREAT", "k", "99999999999"), c("PEXPIREAT", "k", "99999999999000"),
			c("EXPIRE", "nosuch", "10"), c("PEXPIRE", "k", "-1"), c("EXISTS", "k"),
			c("SET", "r1", "v"), c("RENAME", "r1", "r2"), c("RENAME", "r2", "r2"), c("RENAME", "nosuch", "r3"),
			c("SET", "r3", "x"), c("RENAME", "r2", "r3"), c("RENAMENX", "r3", "r4"), c("SET", "r5", "y"),
			c("RENAMENX", "r4", "r5"), c("RPUSH", "l", "a"), c("EXPIRE", "l", "1000"), c("RENAME", "l", "l2"),
			c("SET", "m", "v"), c("MOVE", "m", "1"), c("MOVE", "m", "1"), c("SET", "m", "w"), c("MOVE", "m", "1"),
			c("SELECT", "1"), c("DEL", "m"), c("SET", "m", "db1"), c("SELECT", "0"),
			c("SET", "c1", "v"), c("COPY", "c1", "c2"), c("COPY", "c1", "c2"), c("COPY", "c1", "c2", "REPLACE"),
			c("COPY", "c1", "c3", "DB", "2"), c("COPY", "nosuch", "c4"), c("SWAPDB", "0", "1"), c("SET", "after", "swap"),
			c("FLUSHDB"), c("SET", "x", "1"), c("FLUSHALL"), c("SET", "y", "1")}},
		{name: "lists", flags: "KEA", cmds: [][]string{
			c("LPUSH", "l", "a", "b", "c"), c("RPUSH", "l", "d"), c("LPUSHX", "nosuch", "a"), c("RPUSHX", "l", "e"),
			c("LPOP", "l"), c("RPOP", "l", "2"), c("LPOP", "l", "0"), c("LPOP", "nosuch"), c("LSET", "l", "0", "x"),
			c("LSET", "l", "9", "x"), c("LINSERT", "l", "BEFORE", "x", "y"), c("LINSERT", "l", "AFTER", "nope", "y"),
			c("LREM", "l", "0", "y"), c("LREM", "l", "0", "nope"), c("LTRIM", "l", "0", "-1"), c("LTRIM", "nosuch", "0", "1"),
			c("RPUSH", "l", "p", "q"), c("LTRIM", "l", "1", "-1"), c("LTRIM", "l", "1", "0"), c("RPUSH", "l2", "a"),
			c("RPOP", "l2"), c("RPUSH", "l3", "a", "b"), c("LPOP", "l3", "5"), c("RPUSH", "l4", "a"), c("LREM", "l4", "1", "a"),
			c("LRANGE", "l", "0", "-1"), c("LLEN", "l")}},
		{name: "hashes", flags: "KEA", cmds: [][]string{
			c("HSET", "h", "a", "1", "b", "2"), c("HSET", "h", "a", "1"), c("HSETNX", "h", "a", "1"), c("HSETNX", "h", "c", "3"),
			c("HSETNX", "h2", "x", "1"), c("HMSET", "h", "d", "4"), c("HINCRBY", "h", "n", "5"), c("HINCRBY", "h", "a", "x"),
			c("HINCRBYFLOAT", "h", "f", "1.5"), c("HINCRBY", "h3", "n", "1"), c("HINCRBYFLOAT", "h4", "n", "1"),
			c("HDEL", "h", "a", "nosuch"), c("HDEL", "h", "nosuch"), c("HDEL", "h", "b", "c", "d", "n", "f"),
			c("HDEL", "nosuch", "x"), c("HGET", "h2", "x")}},
		{name: "sets", flags: "KEA", random: map[int]bool{7: true, 9: true}, cmds: [][]string{
			c("SADD", "s", "a", "b"), c("SADD", "s", "a"), c("SREM", "s", "x"), c("SREM", "s", "a"), c("SPOP", "s"),
			c("SPOP", "s"), c("SADD", "s", "1", "2", "3"), c("SPOP", "s", "1"), c("SPOP", "s", "0"), c("SPOP", "s", "10"),
			c("SADD", "s1", "a", "b"), c("SMOVE", "s1", "s2", "a"), c("SMOVE", "s1", "s2", "b"), c("SMOVE", "s1", "s2", "x"),
			c("SADD", "s3", "a"), c("SMOVE", "s2", "s3", "a"), c("SMOVE", "s3", "s3", "a"), c("SADD", "s4", "a", "b"),
			c("SINTERSTORE", "d", "s3", "s4"), c("SUNIONSTORE", "d", "s3", "s4"), c("SDIFFSTORE", "d", "s3", "s4"),
			c("SDIFFSTORE", "d", "s3", "s3"), c("SINTERSTORE", "d", "nosuch", "s3"), c("SREM", "s4", "a", "b", "c")}},
		{name: "zsets", flags: "KEA", cmds: [][]string{
			c("ZADD", "z", "1", "a", "2", "b"), c("ZADD", "z", "1", "a"), c("ZADD", "z", "XX", "5", "a"),
			c("ZADD", "z", "INCR", "1", "a"), c("ZINCRBY", "z", "1", "b"), c("ZADD", "nosuch", "XX", "1", "a"),
			c("ZADD", "z", "NX", "9", "a"), c("ZREM", "z", "nosuch"), c("ZREM", "z", "a"), c("ZADD", "z", "3", "c", "4", "d", "5", "e"),
			c("ZREMRANGEBYRANK", "z", "0", "0"), c("ZREMRANGEBYSCORE", "z", "4", "4"), c("ZREMRANGEBYSCORE", "z", "40", "40"),
			c("ZADD", "lex", "0", "a", "0", "b"), c("ZREMRANGEBYLEX", "lex", "[a", "[a"), c("ZREMRANGEBYLEX", "lex", "-", "+"),
			c("ZPOPMIN", "z"), c("ZPOPMIN", "z", "0"), c("ZADD", "z", "1", "x", "2", "y"), c("ZPOPMAX", "z", "10"),
			c("ZADD", "z1", "1", "a", "2", "b"), c("ZADD", "z2", "1", "b"), c("ZUNIONSTORE", "d", "2", "z1", "z2"),
			c("ZINTERSTORE", "d", "2", "z1", "z2"), c("ZDIFFSTORE", "d", "2", "z1", "z1"), c("ZDIFFSTORE", "d", "1", "nosuch"),
			c("ZRANGESTORE", "d", "z1", "0", "-1"), c("ZRANGESTORE", "d", "z1", "5", "6"), c("ZMPOP", "2", "nosuch", "z1", "MIN"),
			c("ZMPOP", "1", "z1", "MAX", "COUNT", "5"), c("ZREM", "z2", "b")}},
		{name: "list-moves", flags: "KEA", cmds: [][]string{
			c("RPUSH", "l", "a", "b", "c"), c("LMOVE", "l", "l2", "LEFT", "RIGHT"), c("LMOVE", "l", "l", "LEFT", "LEFT"),
			c("RPOPLPUSH", "l", "l2"), c("LMOVE", "nosuch", "l2", "LEFT", "LEFT"), c("SET", "str", "v"),
			c("LMOVE", "l", "str", "LEFT", "LEFT"), c("LMOVE", "l", "l2", "RIGHT", "LEFT"), c("LMPOP", "2", "nosuch", "l2", "LEFT"),
			c("LMPOP", "1", "l2", "RIGHT", "COUNT", "5"), c("LPOS", "l2", "a")}},
		{name: "blocking", flags: "KEA", cmds: [][]string{
			c("BLOCK", "BLPOP", "bl", "0"), c("LPUSH", "bl", "a"), c("UNBLOCKED"),
			c("BLOCK", "BRPOP", "bl", "0"), c("RPUSH", "bl", "a", "b"), c("UNBLOCKED"),
			c("BLOCK", "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"), c("RPUSH", "src", "x"), c("UNBLOCKED"),
			c("BLOCK", "BRPOPLPUSH", "src", "dst", "0"), c("MULTI"), c("RPUSH", "src", "y", "z"), c("SET", "k", "v"), c("EXEC"),
			c("UNBLOCKED"), c("BLOCK", "BLMPOP", "0", "2", "m1", "m2", "RIGHT", "COUNT", "5"), c("RPUSH", "m2", "p", "q"),
			c("UNBLOCKED"), c("BLOCK", "BLPOP", "r2", "0"), c("RPUSH", "r1", "a"), c("RENAME", "r1", "r2"), c("UNBLOCKED"),
			c("SEND", "BLPOP", "t", "0.05"), c("UNBLOCKED"), c("DEL", "bl", "dst", "src"),
			c("BLOCK", "BZPOPMIN", "z", "0"), c("ZADD", "z", "1", "a", "2", "b"), c("UNBLOCKED"),
			c("ZREM", "z", "b"), c("BLOCK", "BZPOPMAX", "z", "0"), c("ZADD", "z", "3", "c"), c("UNBLOCKED"),
			c("BLOCK", "BZMPOP", "0", "2", "z0", "z", "MAX", "COUNT", "5"), c("ZADD", "z", "1", "x", "2", "y"), c("UNBLOCKED"),
			c("ZADD", "z", "1", "a"), c("BZPOPMIN", "z", "0"), c("BZMPOP", "1", "1", "nosuch", "MIN")}},
		{name: "sort-store", flags: "KEAn", cmds: [][]string{
			c("RPUSH", "sl", "3", "1", "2"), c("SORT", "sl", "STORE", "dst"), c("SORT", "sl", "DESC", "STORE", "dst"),
			c("SORT", "nosuch", "STORE", "dst"), c("SORT", "nosuch", "STORE", "dst"), c("MSET", "w_1", "3", "w_2", "2", "o_3", "x"),
			c("SORT", "sl", "BY", "w_*", "GET", "o_*", "GET", "#", "STORE", "d2"), c("SORT", "sl"), c("SORT_RO", "nosuch"),
			c("SORT", "sl", "BY", "nosort", "GET", "o_*")}},
		{name: "sort-keymiss", flags: "KEm", cmds: [][]string{
			c("SORT", "nosuch", "STORE", "dst"), c("SORT_RO", "nosuch"), c("SORT", "nosuch"), c("RPUSH", "sl", "2", "1"),
			c("SORT", "sl", "BY", "w_*", "GET", "o_*"), c("SORT", "sl", "BY", "w_*", "GET", "o_*", "STORE", "d")}},
		{name: "restore", flags: "KEAn", cmds: [][]string{
			c("SET", "k", "v"), c("RPUSH", "l", "a"), c("DUMP-RESTORE", "k", "k2", "0"), c("DUMP-RESTORE", "k", "k2", "0"),
			c("DUMP-RESTORE", "l", "k2", "0", "REPLACE"), c("DUMP-RESTORE", "k", "k3", "100000"),
			c("DUMP-RESTORE", "k", "k3", "1", "ABSTTL", "REPLACE"), c("DUMP-RESTORE", "k", "k4", "1", "ABSTTL"), c("EXISTS", "k3", "k4")}},
		{name: "streams", flags: "KEAn", random: map[int]bool{10: true, 16: true}, cmds: [][]string{
			c("XGROUP", "CREATE", "st", "g", "$", "MKSTREAM"), c("XGROUP", "CREATECONSUMER", "st", "g", "Bob"),
			c("XGROUP", "CREATECONSUMER", "st", "g", "Bob"), c("XADD", "st", "1-1", "f", "A"), c("XADD", "st", "1-1", "f", "A"),
			c("XADD", "nosuch", "NOMKSTREAM", "1-1", "f", "v"), c("XADD", "st2", "5-1", "f", "v"),
			c("XREADGROUP", "GROUP", "g", "Alice", "STREAMS", "st", ">"), c("XREADGROUP", "GROUP", "g", "Alice", "STREAMS", "st", ">"),
			c("XCLAIM", "st", "g", "Mike", "0", "1-1", "FORCE"), c("XAUTOCLAIM", "st", "g", "Bob", "0", "0-0"),
			c("XAUTOCLAIM", "st", "g", "Eve", "0", "0-0"), c("XGROUP", "DELCONSUMER", "st", "g", "Lee"),
			c("XGROUP", "DELCONSUMER", "st", "g", "Bob"), c("XADD", "st", "MAXLEN", "1", "2-1", "f", "B"),
			c("XADD", "st", "MAXLEN", "5", "3-1", "f", "C"), c("XINFO", "CONSUMERS", "st", "g"), c("XDEL", "st", "9-9"),
			c("XDEL", "st", "2-1", "3-1"), c("XADD", "st", "4-1", "f", "D"), c("XTRIM", "st", "MAXLEN", "5"),
			c("XTRIM", "st", "MAXLEN", "0"), c("XSETID", "st", "10-0"), c("XGROUP", "SETID", "st", "g", "$"),
			c("XGROUP", "DESTROY", "st", "g"), c("XGROUP", "DESTROY", "st", "g"), c("XACK", "st", "g", "1-1"),
			c("XGROUP", "CREATE", "st", "g2", "0"), c("XGROUP", "CREATE", "st", "g2", "0"), c("DEL", "st", "st2")}},
		{name: "stream-blocking", flags: "KEA", cmds: [][]string{
			c("XGROUP", "CREATE", "bs", "g", "$", "MKSTREAM"), c("BLOCK", "XREADGROUP", "GROUP", "g", "Ann", "BLOCK", "0", "STREAMS", "bs", ">"),
			c("XADD", "bs", "1-1", "f", "v"), c("UNBLOCKED"), c("BLOCK", "XREAD", "BLOCK", "0", "STREAMS", "bs", "$"),
			c("XADD", "bs", "2-1", "f", "w"), c("UNBLOCKED")}},
		{name: "hll-geo", flags: "KEAnm", cmds: [][]string{
			c("PFADD", "h", "a", "b"), c("PFADD", "h", "a"), c("PFADD", "h2"), c("PFADD", "h2"), c("PFCOUNT", "h"),
			c("PFCOUNT", "nosuch"), c("PFCOUNT", "h", "nosuch"), c("PFMERGE", "h3", "h", "nosuch"), c("PFMERGE", "h3"),
			c("GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"),
			c("GEOADD", "g", "NX", "13.361389", "38.115556", "Palermo"), c("GEOPOS", "nosuch", "x"),
			c("GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"),
			c("GEORADIUS", "g", "15", "37", "200", "km", "STORE", "d2"), c("GEORADIUS", "g", "15", "37", "1", "km", "STORE", "d2"),
			c("GEOSEARCHSTORE", "d", "nosuch", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"),
			c("GEORADIUSBYMEMBER", "g", "Palermo", "300", "km", "STOREDIST", "d3"), c("GEOSEARCH", "nosuch", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km"),
			c("GEODIST", "nosuch", "a", "b"), c("GEOHASH", "nosuch", "a")}},
		{name: "multi-exec", flags: "KEA", cmds: [][]string{
			c("MULTI"), c("SET", "a", "1"), c("PUBLISH", "__keyspace@0__:fake", "between"), c("LPUSH", "l", "x"), c("DEL", "a"),
			c("INCR", "l"), c("EXEC"), c("SET", "after", "1")}},
		{name: "other-db", flags: "KEA", cmds: [][]string{
			c("SELECT", "3"), c("SET", "k", "v"), c("SADD", "s", "m"), c("DEL", "k", "s"), c("SELECT", "0")}},
		{name: "lazy-expiry", flags: "KEA", cmds: [][]string{
			c("SET", "past", "v", "PXAT", "1"), c("GET", "past"), c("PSETEX", "k", "1", "v"), c("SLEEP", "20"), c("GET", "k"), c("SET", "e", "v", "PX", "1"), c("SLEEP", "20"),
			c("SET", "e", "new"), c("HSET", "h", "f", "v"), c("PEXPIRE", "h", "1"), c("SLEEP", "20"), c("HSET", "h", "g", "v"),
			c("SET", "s", "v", "PX", "1"), c("SLEEP", "20"), c("SCAN", "0", "MATCH", "s*"), c("DBSIZE"),
			c("SET", "s", "v", "PX", "1"), c("SLEEP", "20"), c("SCAN", "0", "MATCH", "nomatch"), c("KEYS", "s*"),
			c("EXISTS", "s")}},
		{name: "active-expiry", flags: "KEA", cmds: [][]string{
			c("PSETEX", "k", "30", "v"), c("AWAIT-EMPTY"), c("SET", "k2", "v", "PX", "30"), c("AWAIT-EMPTY")}},
		{name: "expired-only", flags: "Ex", cmds: [][]string{
			c("SET", "k", "v"), c("PSETEX", "k", "1", "v"), c("SLEEP", "20"), c("GET", "k"), c("PSETEX", "k", "30", "v"),
			c("AWAIT-EMPTY")}},
		{name: "new-keys", flags: "KEAn", cmds: [][]string{
			c("SET", "k", "v"), c("SET", "k", "w"), c("RPUSH", "l", "a"), c("RPUSH", "l", "b"), c("SET", "r", "x"),
			c("RENAME", "k", "r"), c("RENAME", "r", "fresh"), c("COPY", "fresh", "l", "REPLACE"), c("MOVE", "l", "1"),
			c("SADD", "s", "a"), c("SMOVE", "s", "t", "a"), c("HSET", "h", "a", "1"), c("ZADD", "z", "1", "a"),
			c("SETRANGE", "sr", "0", "x"), c("SETBIT", "sb", "1", "1"), c("APPEND", "ap", "x"), c("INCR", "i"),
			c("ZUNIONSTORE", "zu", "1", "z"), c("SUNIONSTORE", "su", "t"), c("BITOP", "NOT", "bo", "sb"),
			c("PSETEX", "ex", "1", "v"), c("SLEEP", "20"), c("SET", "ex", "again")}},
		{name: "new-only", flags: "En", cmds: [][]string{
			c("SET", "foo", "bar"), c("SET", "foo", "baz"), c("SET", "bar", "bar"), c("LPUSH", "l", "a"), c("DEL", "l")}},
		{name: "keyspace-lists-only", flags: "Kl", cmds: [][]string{
			c("SET", "foo", "bar"), c("LPUSH", "l", "a"), c("RPOP", "l"), c("SADD", "s", "a")}},
		{name: "keyevent-generic-only", flags: "Eg", cmds: [][]string{
			c("SET", "foo", "bar"), c("EXPIRE", "foo", "100"), c("RENAME", "foo", "bar"), c("DEL", "bar"), c("LPUSH", "l", "a"),
			c("LPOP", "l")}},
		{name: "string-and-hash", flags: "K$h", cmds: [][]string{
			c("SET", "a", "1"), c("INCR", "a"), c("HSET", "h", "f", "1"), c("DEL", "a", "h"), c("ZADD", "z", "1", "a")}},
		{name: "keymiss", flags: "KEm", cmds: [][]string{
			c("GET", "nosuch"), c("SET", "k", "v"), c("GET", "k"), c("MGET", "k", "n1", "n2"), c("EXISTS", "n3", "k"),
			c("TYPE", "n4"), c("LRANGE", "n5", "0", "-1"), c("HGET", "n6", "f"), c("SMEMBERS", "n7"), c("ZSCORE", "n8", "a"),
			c("STRLEN", "n9"), c("TTL", "n10"), c("DEL", "n11"), c("LPUSH", "l", "a")}},
		{name: "keymiss-more", flags: "KEm", cmds: [][]string{
			c("SINTERSTORE", "d", "n1", "n2"), c("SUNIONSTORE", "d", "n1", "n2"), c("SDIFFSTORE", "d", "n1", "n2"),
			c("ZUNIONSTORE", "d", "2", "n1", "n2"), c("ZINTERSTORE", "d", "2", "n1", "n2"), c("ZDIFFSTORE", "d", "1", "n1"),
			c("ZRANGESTORE", "d", "n1", "0", "-1"), c("BITOP", "AND", "d", "n1", "n2"), c("GETSET", "g1", "v"),
			c("SET", "g2", "v", "GET"), c("GETDEL", "n3"), c("GETEX", "n4", "EX", "10"), c("COPY", "n5", "d"),
			c("RENAME", "n6", "d"), c("SMOVE", "n7", "d", "m"), c("INCR", "i"), c("APPEND", "a", "x"), c("LPOP", "n8"),
			c("HGETALL", "n9"), c("HLEN", "n9"), c("HEXISTS", "n9", "f"), c("HMGET", "n9", "a", "b"), c("HKEYS", "n9"),
			c("HVALS", "n9"), c("HSTRLEN", "n9", "f"), c("HRANDFIELD", "n9"), c("HSCAN", "n9", "0"),
			c("SCARD", "n10"), c("SISMEMBER", "n10", "a"), c("SMISMEMBER", "n10", "a"), c("SRANDMEMBER", "n10"),
			c("SINTER", "n10", "n11"), c("SUNION", "n10", "n11"), c("SDIFF", "n10", "n11"), c("SINTERCARD", "2", "n10", "n11"),
			c("SSCAN", "n10", "0"), c("ZCARD", "n12"), c("ZCOUNT", "n12", "0", "1"), c("ZRANGE", "n12", "0", "-1"),
			c("ZRANGEBYSCORE", "n12", "0", "1"), c("ZREVRANGE", "n12", "0", "-1"), c("ZRANK", "n12", "a"), c("ZMSCORE", "n12", "a"),
			c("ZUNION", "2", "n12", "n13"), c("ZINTER", "2", "n12", "n13"), c("ZDIFF", "2", "n12", "n13"),
			c("ZINTERCARD", "2", "n12", "n13"), c("ZRANDMEMBER", "n12"), c("ZLEXCOUNT", "n12", "-", "+"), c("ZSCAN", "n12", "0"),
			c("LINDEX", "n14", "0"), c("LLEN", "n14"), c("GETRANGE", "n15", "0", "1"), c("BITCOUNT", "n15"),
			c("BITPOS", "n15", "1"), c("GETBIT", "n15", "1"), c("BITFIELD_RO", "n15", "GET", "u8", "0"), c("LCS", "n15", "n16"),
			c("PTTL", "n17"), c("EXPIRETIME", "n17"), c("OBJECT", "ENCODING", "n18"), c("MEMORY", "USAGE", "n18"),
			c("TOUCH", "n19"), c("SUBSTR", "n15", "0", "1")}},
		{name: "no-channel-kind", flags: "A", cmds: [][]string{c("SET", "k", "v"), c("DEL", "k")}},
		{name: "no-class", flags: "KE", cmds: [][]string{c("SET", "k", "v"), c("DEL", "k")}},
		{name: "off", flags: "", cmds: [][]string{c("SET", "k", "v"), c("DEL", "k")}},
		{name: "binary-key", flags: "KEA", cmds: [][]string{c("SET", "a\r\nb\x00c", "v"), c("SET", "", "v"), c("DEL", "", "a\r\nb\x00c")}},
	})
}

// TestNotifySemicolon checks that the semicolon protocol's writes notify
// as the RESP commands they amount to do on redis-server: PUT as SET,
// INCREMENT as INCR, DELETE as DEL, APPEND as RPUSH, PUTLIST as the DEL
// (of a key that held a value) and RPUSH it is logged as.
func TestNotifySemicolon(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	steps := []struct {
		text string
		resp [][]string
	}{
		{"PUT;k;1;INT", [][]string{c("SET", "k", "1")}},
		{"PUT;k;two", [][]string{c("SET", "k", "two")}},
		{"PUT;n;41;INT", [][]string{c("SET", "n", "41")}},
		{"INCREMENT;n", [][]string{c("INCR", "n")}},
		{"INCREMENT;missing", nil},
		{"PUTLIST;l;a, b,c;LIST", [][]string{c("RPUSH", "l", "a", "b", "c")}},
		{"APPEND;l;d", [][]string{c("RPUSH", "l", "d")}},
		{"APPEND;l;5;INT", [][]string{c("RPUSH", "l", "5")}},
		{"APPEND;l;e,f;LIST", [][]string{c("RPUSH", "l", "e", "f")}},
		{"APPEND;missing;x", nil},
		{"PUTLIST;k;x;LIST", [][]string{c("DEL", "k"), c("RPUSH", "k", "x")}},
		{"PUTLIST;l;y;LIST", [][]string{c("DEL", "l"), c("RPUSH", "l", "y")}},
		{"GET;k", nil},
		{"DELETE;k", [][]string{c("DEL", "k")}},
		{"DELETE;k", nil},
		{"PUT;k;1;INT", [][]string{c("SET", "k", "1")}},
	}
	for _, flags := range []string{"KEA", "KEAn", "El"} {
		for _, resp3 := range []bool{false, true} {
			var redis, nosql notifyCase
			redis.flags, nosql.flags = flags, flags
			for _, s := range steps {
				redis.cmds = append(redis.cmds, s.resp...)
				nosql.cmds = append(nosql.cmds, c("TEXT", s.text))
			}
			want := notifyMessages(t, dial(t, raddr), dial(t, raddr), nil, redis, resp3, nil)
			got := notifyMessages(t, dialServer(t, srv), dialServer(t, srv), nil, nosql, resp3, nil)
			if len(want.msgs) == 0 || !slices.Equal(want.msgs, got.msgs) {
				t.Errorf("%s (RESP3 %v): messages differ:\n redis: %q\n nosql: %q", flags, resp3, want.msgs, got.msgs)
			}
		}
	}
}

// runDiffNotify runs each case against Redis and nosql, with subscriber
// and runner in RESP2, then both in RESP3.
func runDiffNotify(t *testing.T, cases []notifyCase) {
	t.Helper()
	raddr := startRedis(t)
	srv := startServer(t)
	eachResp(t, cases, func(tc notifyCase) string { return tc.name }, func(t *testing.T, tc notifyCase, resp3 bool) {
		want := notifyMessages(t, dial(t, raddr), dial(t, raddr), dial(t, raddr), tc, resp3, nil)
		got := notifyMessages(t, dialServer(t, srv), dialServer(t, srv), dialServer(t, srv), tc, resp3, want.replies)
		if !slices.Equal(want.msgs, got.msgs) {
			t.Errorf("messages differ:\n redis: %q\n nosql: %q", want.msgs, got.msgs)
		}
	})
}

// notifyRun is what one server did in a case: the runner's replies and
// the subscriber's messages.
type notifyRun struct {
	replies []string
	msgs    []string
}

// notifyMessages runs tc with sub subscribed and run running its commands
// (blk its blocking ones, if any), and returns the replies and the
// messages. With want (Redis's replies) each reply is compared as it
// comes.
func notifyMessages(t *testing.T, sub, run, blk *tclient, tc notifyCase, resp3 bool, want []string) notifyRun {
	t.Helper()
	if resp3 {
		sub.do("HELLO", "3")
		run.do("HELLO", "3")
		if blk != nil {
			blk.do("HELLO", "3")
		}
	}
	run.do("FLUSHALL")
	if r := run.do("CONFIG", "SET", "notify-keyspace-events", tc.flags); r != "+OK\r\n" {
		t.Fatalf("CONFIG SET notify-keyspace-events %q: %q", tc.flags, r)
	}
	sub.do("PSUBSCRIBE", "__key*__:*")
	sub.do("SUBSCRIBE", endChannel)
	var out notifyRun
	for i, cmd := range tc.cmds {
		r := notifyStep(t, run, blk, cmd)
		out.replies = append(out.replies, r)
		if want != nil && !tc.random[i] && r != want[i] {
			t.Errorf("command %d %q:\n redis: %q\n nosql: %q", i, cmd, want[i], r)
		}
	}
	run.do("PUBLISH", endChannel, "end")
	for {
		m := sub.reply()
		if strings.Contains(m, endChannel) {
			break
		}
		out.msgs = append(out.msgs, m)
	}
	run.do("CONFIG", "SET", "notify-keyspace-events", "")
	return out
}

// notifyStep runs one command of a case, or a pseudo-command, and returns
// its reply.
func notifyStep(t *testing.T, run, blk *tclient, cmd []string) string {
	t.Helper()
	switch cmd[0] {
	case "BLOCK":
		blk.send(encodeCommand(cmd[1:]...))
		for deadline := time.Now().Add(10 * time.Second); !strings.Contains(run.do("INFO", "clients"), "blocked_clients:1"); {
			if time.Now().After(deadline) {
				t.Fatalf("%q did not block within 10 s", cmd[1:])
			}
			time.Sleep(time.Millisecond)
		}
		return ""
	case "SEND":
		blk.send(encodeCommand(cmd[1:]...))
		return ""
	case "UNBLOCKED":
		return blk.reply()
	case "SLEEP":
		ms, _ := strconv.Atoi(cmd[1])
		time.Sleep(time.Duration(ms) * time.Millisecond)
		return ""
	case "DUMP-RESTORE":
		payload := run.do("DUMP", cmd[1])
		_, body, ok := strings.Cut(payload, "\r\n")
		if !ok || payload[0] != '$' {
			t.Fatalf("DUMP %s: %q", cmd[1], payload)
		}
		return run.do(append([]string{"RESTORE", cmd[2], cmd[3], strings.TrimSuffix(body, "\r\n")}, cmd[4:]...)...)
	case "TEXT":
		return run.text(cmd[1])
	case "AWAIT-EMPTY":
		for deadline := time.Now().Add(10 * time.Second); run.do("DBSIZE") != ":0\r\n"; {
			if time.Now().After(deadline) {
				t.Fatal("keys with an expiry still there after 10 s")
			}
			time.Sleep(10 * time.Millisecond)
		}
		return ""
	}
	return run.do(cmd...)
}

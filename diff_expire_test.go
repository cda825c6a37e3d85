// diff_expire_test.go compares the expiry commands with Redis: the EXPIRE
// family with every option and error, the TTL family, PERSIST, SETEX,
// PSETEX, GETEX, SET's expiry options and TOUCH. Only deterministic replies
// are compared exactly: a TTL right after EXPIRE 100 is 100 on both, the
// absolute times are fixed dates in the future, and a PTTL is compared
// within a second (diffCase.near).
package main

import "testing"

// future is a fixed date (2100-01-01) in seconds and milliseconds.
const (
	future   = "4102444800"
	futureMS = "4102444800123"
)

// TestDiffExpire runs the EXPIRE family's cases against Redis and nosql.
func TestDiffExpire(t *testing.T) {
	var cases []diffCase
	for _, cmd := range []string{"EXPIRE", "PEXPIRE"} {
		hundred, two, fifty := "100", "200", "50"
		if cmd == "PEXPIRE" {
			hundred, two, fifty = "100000", "200000", "50000"
		}
		cases = append(cases,
			diffCase{name: cmd + "-plain", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred), c("TTL", "k"), c(cmd, "missing", hundred), c("TTL", "missing"), c("EXISTS", "missing"), c(cmd, "k", two), c("TTL", "k")}},
			diffCase{name: cmd + "-nx", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "NX"), c(cmd, "k", two, "nx"), c("TTL", "k"), c(cmd, "missing", hundred, "NX")}},
			diffCase{name: cmd + "-xx", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "XX"), c("TTL", "k"), c(cmd, "k", hundred), c(cmd, "k", two, "Xx"), c("TTL", "k"), c(cmd, "missing", hundred, "XX")}},
			diffCase{name: cmd + "-gt", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "GT"), c("TTL", "k"), c(cmd, "k", hundred), c(cmd, "k", fifty, "GT"), c(cmd, "k", two, "gt"), c("TTL", "k"), c(cmd, "missing", two, "GT")}},
			diffCase{name: cmd + "-lt", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "LT"), c("TTL", "k"), c(cmd, "k", two, "LT"), c(cmd, "k", fifty, "lt"), c("TTL", "k"), c(cmd, "missing", fifty, "LT")}},
			diffCase{name: cmd + "-xx-gt-lt", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "XX", "GT"), c(cmd, "k", hundred, "XX", "LT"), c("TTL", "k"), c(cmd, "k", fifty, "XX", "GT"), c(cmd, "k", two, "GT", "XX"), c("TTL", "k"), c(cmd, "k", two, "XX", "LT"), c(cmd, "k", fifty, "LT", "XX"), c("TTL", "k")}},
			diffCase{name: cmd + "-repeated-options", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "NX", "NX"), c(cmd, "k", two, "XX", "XX", "GT", "GT"), c("TTL", "k")}},
			diffCase{name: cmd + "-incompatible", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "NX", "XX"), c(cmd, "k", hundred, "XX", "NX"), c(cmd, "k", hundred, "NX", "GT"), c(cmd, "k", hundred, "LT", "NX"),
				c(cmd, "k", hundred, "GT", "LT"), c(cmd, "k", hundred, "XX", "GT", "LT"), c(cmd, "k", hundred, "NX", "XX", "GT", "LT"), c(cmd, "missing", hundred, "NX", "XX"), c("TTL", "k")}},
			diffCase{name: cmd + "-unsupported", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", hundred, "FOO"), c(cmd, "k", hundred, "NX", "FOO"), c(cmd, "k", hundred, ""), c(cmd, "k", hundred, "NX", "XX", "FOO"), c(cmd, "k", "x", "FOO"), c(cmd, "k", "x", "NX", "XX"), c("TTL", "k")}},
			diffCase{name: cmd + "-not-integer", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", "x"), c(cmd, "k", "1.5"), c(cmd, "k", ""), c(cmd, "k", " 1"), c(cmd, "k", "1 "), c(cmd, "k", "0x10"), c(cmd, "k", "+1"), c(cmd, "k", "01"),
				c(cmd, "k", "9223372036854775808"), c(cmd, "k", "-9223372036854775809"), c(cmd, "missing", "x"), c("TTL", "k")}},
			diffCase{name: cmd + "-overflow", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", "9223370399119966"), c(cmd, "k", "9223372036854770000"), c(cmd, "k", "9223372036854775807"),
				c(cmd, "k", "-9223372036854775808"), c(cmd, "k", "-9223372036854775"), c(cmd, "missing", "9223372036854775807"), c("TTL", "k"), c("EXISTS", "k")}},
			diffCase{name: cmd + "-negative-deletes", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", "-1"), c("EXISTS", "k"), c("TTL", "k"), c("SET", "k", "v"), c(cmd, "k", "0"), c("GET", "k"),
				c("RPUSH", "l", "a"), c(cmd, "l", "-100"), c("TYPE", "l"), c(cmd, "missing", "-1")}},
			diffCase{name: cmd + "-negative-with-options", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", "-1", "XX"), c("EXISTS", "k"), c(cmd, "k", "-1", "GT"), c(cmd, "k", "-1", "NX"), c("EXISTS", "k"),
				c(cmd, "k", "-1", "LT"), c("EXISTS", "k"), c("SET", "v", "x"), c(cmd, "v", hundred), c(cmd, "v", "-1", "GT"), c(cmd, "v", "-1", "NX"), c("EXISTS", "v"), c(cmd, "v", "-1", "XX"), c("EXISTS", "v")}},
			diffCase{name: cmd + "-arity", cmds: [][]string{c(cmd), c(cmd, "k"), c(cmd, "k", "x", "y", "z")}},
		)
	}
	for _, cmd := range []string{"EXPIREAT", "PEXPIREAT"} {
		at, later, earlier := future, "4102444900", "4102444700"
		if cmd == "PEXPIREAT" {
			at, later, earlier = futureMS, "4102444900000", "4102444700000"
		}
		cases = append(cases,
			diffCase{name: cmd + "-plain", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", at), c("EXPIRETIME", "k"), c("PEXPIRETIME", "k"), c(cmd, "missing", at), c("EXPIRETIME", "missing")}},
			diffCase{name: cmd + "-options", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", at, "XX"), c(cmd, "k", at, "GT"), c(cmd, "k", at, "NX"), c(cmd, "k", later, "NX"), c("PEXPIRETIME", "k"),
				c(cmd, "k", earlier, "GT"), c(cmd, "k", later, "gt"), c("PEXPIRETIME", "k"), c(cmd, "k", later, "LT"), c(cmd, "k", earlier, "LT", "XX"), c("PEXPIRETIME", "k"),
				c(cmd, "k", earlier, "GT", "LT"), c(cmd, "k", earlier, "NX", "xx"), c(cmd, "k", earlier, "bogus")}},
			diffCase{name: cmd + "-past-deletes", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", "1"), c("EXISTS", "k"), c("SET", "k", "v"), c(cmd, "k", "0"), c("EXISTS", "k"), c("SET", "k", "v"), c(cmd, "k", "-5"), c("EXISTS", "k"),
				c("SET", "k", "v"), c(cmd, "k", "1", "XX"), c(cmd, "k", "1", "NX"), c("EXISTS", "k")}},
			diffCase{name: cmd + "-errors", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", "x"), c(cmd, "k", "1.0"), c(cmd, "k", "9223372036854775808"), c(cmd, "k", "9223372036854775807"), c("PEXPIRETIME", "k"),
				c(cmd, "k", "-9223372036854775808"), c("EXISTS", "k"), c(cmd), c(cmd, "k")}},
			diffCase{name: cmd + "-large", cmds: [][]string{c("SET", "k", "v"), c(cmd, "k", "9223372036854775"), c("PEXPIRETIME", "k"), c("EXPIRETIME", "k"), c(cmd, "k", "9223372036854776"), c("PEXPIRETIME", "k")}},
		)
	}
	cases = append(cases,
		diffCase{name: "expire-lists", cmds: [][]string{c("RPUSH", "l", "a", "b"), c("EXPIRE", "l", "100"), c("TTL", "l"), c("RPUSH", "l", "c"), c("TTL", "l"), c("LPOP", "l"), c("TTL", "l")}},
		diffCase{name: "expire-binary-key", cmds: [][]string{c("SET", "k\x00\r\n", "v"), c("EXPIRE", "k\x00\r\n", "100"), c("TTL", "k\x00\r\n"), c("TTL", "k"), c("PERSIST", "k\x00\r\n"), c("TTL", "k\x00\r\n")}},
	)
	runDiff(t, cases)
}

// TestDiffTTL runs the TTL family's and PERSIST's cases.
func TestDiffTTL(t *testing.T) {
	var cases []diffCase
	for _, cmd := range []string{"TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"} {
		cases = append(cases,
			diffCase{name: cmd + "-missing-persistent", cmds: [][]string{c(cmd, "missing"), c("SET", "k", "v"), c(cmd, "k"), c("RPUSH", "l", "x"), c(cmd, "l")}},
			diffCase{name: cmd + "-volatile", cmds: [][]string{c("SET", "k", "v"), c("PEXPIREAT", "k", futureMS), c(cmd, "k"), c("SET", "k2", "v", "EX", "100"), c(cmd, "k2")},
				near: map[int]bool{2: true, 4: true}},
			diffCase{name: cmd + "-arity", cmds: [][]string{c(cmd), c(cmd, "a", "b")}},
		)
	}
	cases = append(cases,
		diffCase{name: "ttl-rounding", cmds: [][]string{c("SET", "k", "v", "PX", "100400"), c("TTL", "k"), c("PSETEX", "k", "100900", "v"), c("TTL", "k"), c("PSETEX", "k", "100100", "v"), c("TTL", "k"), c("PSETEX", "k", "1400", "v"), c("TTL", "k")}},
		diffCase{name: "persist", cmds: [][]string{c("PERSIST", "missing"), c("SET", "k", "v"), c("PERSIST", "k"), c("EXPIRE", "k", "100"), c("PERSIST", "k"), c("TTL", "k"), c("PERSIST", "k"), c("GET", "k")}},
		diffCase{name: "persist-list", cmds: [][]string{c("RPUSH", "l", "a"), c("EXPIRE", "l", "100"), c("PERSIST", "l"), c("TTL", "l"), c("LRANGE", "l", "0", "-1")}},
		diffCase{name: "persist-arity", cmds: [][]string{c("PERSIST"), c("PERSIST", "a", "b")}},
		diffCase{name: "touch", cmds: [][]string{c("TOUCH", "a"), c("SET", "a", "1"), c("RPUSH", "b", "x"), c("TOUCH", "a", "b", "c"), c("TOUCH", "a", "a", "a"), c("TOUCH"), c("SET", "e", "v", "PX", "100000"), c("PEXPIREAT", "e", "1"), c("TOUCH", "e")}},
		diffCase{name: "ttl-cleared-and-kept", cmds: [][]string{c("SET", "k", "1", "EX", "100"), c("INCR", "k"), c("TTL", "k"), c("APPEND", "k", "0"), c("TTL", "k"), c("INCRBY", "k", "5"), c("TTL", "k"),
			c("SETRANGE", "k", "0", "9"), c("TTL", "k"), c("SET", "k", "x"), c("TTL", "k"), c("SET", "k", "1", "EX", "100"), c("GETSET", "k", "2"), c("TTL", "k"),
			c("SET", "k", "1", "EX", "100"), c("DEL", "k"), c("SET", "k", "v"), c("TTL", "k")}},
		diffCase{name: "ttl-rename", cmds: [][]string{c("SET", "a", "v", "EX", "100"), c("RENAME", "a", "b"), c("TTL", "b"), c("TTL", "a"), c("SET", "c", "w"), c("RENAME", "c", "b"), c("TTL", "b"),
			c("SET", "d", "x", "EX", "200"), c("RENAMENX", "d", "e"), c("TTL", "e")}},
		// the lead's regression: SETEX on a key that already had a TTL
		diffCase{name: "setex-replaces-ttl", cmds: [][]string{c("SET", "x", "foo"), c("EXPIRE", "x", "100"), c("SETEX", "x", "12", "test"), c("TTL", "x"), c("GET", "x")}},
	)
	runDiff(t, cases)
}

// TestDiffSetex runs SETEX's, PSETEX's and GETEX's cases.
func TestDiffSetex(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "setex", cmds: [][]string{c("SETEX", "k", "100", "v"), c("GET", "k"), c("TTL", "k"), c("SETEX", "k", "200", "w"), c("TTL", "k"), c("GET", "k")}},
		{name: "psetex", cmds: [][]string{c("PSETEX", "k", "100000", "v"), c("GET", "k"), c("TTL", "k"), c("PSETEX", "k", "200000", "w"), c("GET", "k"), c("PSETEX", "k", "1", "x")}},
		{name: "setex-over-list", cmds: [][]string{c("RPUSH", "l", "x"), c("SETEX", "l", "100", "v"), c("TYPE", "l"), c("GET", "l"), c("TTL", "l")}},
		{name: "setex-errors", cmds: [][]string{c("SET", "k", "v"), c("SETEX", "k", "0", "v"), c("SETEX", "k", "-10", "v"), c("SETEX", "k", "x", "v"), c("SETEX", "k", "1.5", "v"), c("SETEX", "k", "", "v"),
			c("SETEX", "k", "9223372036854775807", "v"), c("SETEX", "k", "9223370399119966", "v"), c("SETEX", "k", "9223372036854775808", "v"), c("GET", "k"), c("TTL", "k")}},
		{name: "psetex-errors", cmds: [][]string{c("SET", "k", "v"), c("PSETEX", "k", "0", "v"), c("PSETEX", "k", "-10", "v"), c("PSETEX", "k", "x", "v"), c("PSETEX", "k", "9223372036854775807", "v"),
			c("PSETEX", "k", "9223372036854770000", "v"), c("GET", "k"), c("TTL", "k")}},
		{name: "setex-arity", cmds: [][]string{c("SETEX"), c("SETEX", "k"), c("SETEX", "k", "10"), c("SETEX", "k", "10", "v", "x"), c("PSETEX", "k", "10"), c("PSETEX", "k", "10", "v", "x")}},
		{name: "getex-plain", cmds: [][]string{c("GETEX", "missing"), c("SET", "k", "v", "EX", "100"), c("GETEX", "k"), c("TTL", "k"), c("GETEX", "missing", "EX", "10"), c("EXISTS", "missing")}},
		{name: "getex-options", cmds: [][]string{c("SET", "k", "v"), c("GETEX", "k", "EX", "100"), c("TTL", "k"), c("GETEX", "k", "px", "200000"), c("TTL", "k"), c("GETEX", "k", "EXAT", future), c("EXPIRETIME", "k"),
			c("GETEX", "k", "PXAT", futureMS), c("PEXPIRETIME", "k"), c("GETEX", "k", "PERSIST"), c("TTL", "k"), c("GETEX", "k", "persist"), c("TTL", "k")}},
		{name: "getex-past-deletes", cmds: [][]string{c("SET", "k", "v"), c("GETEX", "k", "EXAT", "1"), c("EXISTS", "k"), c("SET", "k", "w"), c("GETEX", "k", "PXAT", "1"), c("EXISTS", "k")}},
		{name: "getex-errors", cmds: [][]string{c("SET", "k", "v"), c("GETEX", "k", "EX"), c("GETEX", "k", "EX", "0"), c("GETEX", "k", "EX", "-1"), c("GETEX", "k", "EX", "x"), c("GETEX", "k", "PX", "0"),
			c("GETEX", "k", "EXAT", "0"), c("GETEX", "k", "PXAT", "-1"), c("GETEX", "k", "EX", "10", "PX", "10"), c("GETEX", "k", "EX", "10", "PERSIST"), c("GETEX", "k", "PERSIST", "EX", "10"),
			c("GETEX", "k", "PERSIST", "PERSIST"), c("GETEX", "k", "FOO"), c("GETEX", "k", "EX", "10", "EX", "10"), c("GETEX", "k", "KEEPTTL"), c("GETEX", "k", "NX"),
			c("GETEX", "k", "EX", "9223372036854775807"), c("GETEX", "k", "PX", "9223372036854775807"), c("GETEX", "k", "EXAT", "9223372036854775807"), c("GETEX", "k", "EX", "9223370399119966"),
			c("GETEX", "missing", "EX", "0"), c("GETEX", "missing", "FOO"), c("GETEX"), c("TTL", "k")}},
		{name: "getex-wrongtype", cmds: [][]string{c("RPUSH", "l", "x"), c("GETEX", "l"), c("GETEX", "l", "EX", "10"), c("GETEX", "l", "EX", "0"), c("TTL", "l")}},
	})
}

// TestDiffSetExpiry runs SET's cases with EX, PX, EXAT, PXAT and KEEPTTL.
func TestDiffSetExpiry(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "set-ex-px", cmds: [][]string{c("SET", "k", "v", "EX", "100"), c("TTL", "k"), c("SET", "k", "v", "PX", "200000"), c("TTL", "k"), c("SET", "k", "v", "ex", "300"), c("TTL", "k"), c("SET", "k", "v"), c("TTL", "k")}},
		{name: "set-exat-pxat", cmds: [][]string{c("SET", "k", "v", "EXAT", future), c("PEXPIRETIME", "k"), c("SET", "k", "v", "PXAT", futureMS), c("PEXPIRETIME", "k"), c("SET", "k", "v", "pxat", "4102444800999"), c("EXPIRETIME", "k")}},
		{name: "set-exat-past", cmds: [][]string{c("SET", "k", "v", "EXAT", "1"), c("EXISTS", "k"), c("SET", "k", "v", "PXAT", "1", "GET"), c("SET", "k", "v"), c("SET", "k", "w", "PXAT", "1", "GET"), c("EXISTS", "k")}},
		{name: "set-keepttl", cmds: [][]string{c("SET", "k", "v", "EX", "100"), c("SET", "k", "w", "KEEPTTL"), c("TTL", "k"), c("GET", "k"), c("SET", "k", "x", "keepttl", "XX"), c("TTL", "k"), c("SET", "n", "v", "KEEPTTL"), c("TTL", "n"), c("SET", "k", "y"), c("TTL", "k")}},
		{name: "set-nx-xx-get", cmds: [][]string{c("SET", "k", "v", "NX", "EX", "100"), c("TTL", "k"), c("SET", "k", "w", "NX", "EX", "200"), c("TTL", "k"), c("SET", "k", "w", "XX", "PX", "200000"), c("TTL", "k"),
			c("SET", "k", "x", "GET", "EX", "300"), c("TTL", "k"), c("SET", "k", "y", "GET", "KEEPTTL"), c("TTL", "k"), c("SET", "m", "v", "XX", "EX", "10"), c("EXISTS", "m"),
			c("SET", "k", "z", "NX", "GET"), c("SET", "m", "z", "NX", "GET", "PX", "100000"), c("TTL", "m"), c("SET", "m", "q", "XX", "GET", "EXAT", future), c("EXPIRETIME", "m")}},
		{name: "set-conflicts", cmds: [][]string{c("SET", "k", "v", "EX", "10", "PX", "100"), c("SET", "k", "v", "EX", "10", "KEEPTTL"), c("SET", "k", "v", "KEEPTTL", "PX", "10"), c("SET", "k", "v", "EXAT", "10", "PXAT", "10"),
			c("SET", "k", "v", "EX", "10", "EXAT", future), c("SET", "k", "v", "EX", "10", "EX", "10"), c("SET", "k", "v", "KEEPTTL", "KEEPTTL"), c("SET", "k", "v", "NX", "XX", "EX", "10"),
			c("SET", "k", "v", "EX"), c("SET", "k", "v", "PX"), c("SET", "k", "v", "EXAT"), c("SET", "k", "v", "EX", "10", "FOO"), c("EXISTS", "k")}},
		{name: "set-expire-errors", cmds: [][]string{c("SET", "k", "v", "EX", "0"), c("SET", "k", "v", "EX", "-1"), c("SET", "k", "v", "PX", "0"), c("SET", "k", "v", "PX", "-100"), c("SET", "k", "v", "EXAT", "0"),
			c("SET", "k", "v", "PXAT", "-1"), c("SET", "k", "v", "EX", "x"), c("SET", "k", "v", "EX", "1.5"), c("SET", "k", "v", "EX", ""), c("SET", "k", "v", "EX", "9223372036854775807"),
			c("SET", "k", "v", "EX", "9223370399119966"), c("SET", "k", "v", "PX", "9223372036854775807"), c("SET", "k", "v", "PX", "9223372036854770000"), c("SET", "k", "v", "EXAT", "9223372036854775807"),
			c("SET", "k", "v", "PXAT", "9223372036854775807"), c("PEXPIRETIME", "k"), c("SET", "k", "v", "EX", "9223372036854775808"), c("EXISTS", "k")}},
		{name: "set-expire-wrongtype-get", cmds: [][]string{c("RPUSH", "l", "x"), c("SET", "l", "v", "GET", "EX", "10"), c("TTL", "l"), c("TYPE", "l"), c("SET", "l", "v", "EX", "10"), c("TTL", "l")}},
	})
}

// cmd_expire.go holds the expiry commands: EXPIRE, PEXPIRE, EXPIREAT,
// PEXPIREAT (NX, XX, GT, LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST,
// SETEX, PSETEX and GETEX, with Redis 7.0's replies and errors.
package main

import (
	"math"
	"strings"
)

func expireCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	key := func(name string, arity int, flags cmdFlags, fn func(*client, [][]byte)) *command {
		return &command{name: name, arity: arity, flags: flags, firstKey: 1, lastKey: 1, step: 1, fn: fn}
	}
	return []*command{
		key("expire", -3, w|f, func(c *client, a [][]byte) { c.expire(a, c.db.time(), 1000) }),
		key("pexpire", -3, w|f, func(c *client, a [][]byte) { c.expire(a, c.db.time(), 1) }),
		key("expireat", -3, w|f, func(c *client, a [][]byte) { c.expire(a, 0, 1000) }),
		key("pexpireat", -3, w|f, func(c *client, a [][]byte) { c.expire(a, 0, 1) }),
		key("ttl", 2, r|f, func(c *client, a [][]byte) { c.ttl(a[1], false, false) }),
		key("pttl", 2, r|f, func(c *client, a [][]byte) { c.ttl(a[1], true, false) }),
		key("expiretime", 2, r|f, func(c *client, a [][]byte) { c.ttl(a[1], false, true) }),
		key("pexpiretime", 2, r|f, func(c *client, a [][]byte) { c.ttl(a[1], true, true) }),
		key("persist", 2, w|f, func(c *client, a [][]byte) { c.writeBool(c.db.Persist(a[1])) }),
		key("setex", 4, w|flagDenyOOM, func(c *client, a [][]byte) { c.setEx(a, "EX") }),
		key("psetex", 4, w|flagDenyOOM, func(c *client, a [][]byte) { c.setEx(a, "PX") }),
		key("getex", -2, w|f, cmdGetEx),
		{name: "touch", arity: -2, flags: r | f, firstKey: 1, lastKey: -1, step: 1, fn: cmdTouch},
	}
}

// errExpireTime is Redis's error for an expiry time out of range.
func errExpireTime(cmd string) string {
	return "ERR invalid expire time in '" + cmd + "' command"
}

// expire serves the EXPIRE family: the time is args[2] × unit ms after
// base (0 for an absolute time).
func (c *client) expire(args [][]byte, base, unit int64) {
	cond, errMsg := parseExpireCond(args[3:])
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	when, ok := parseCanonicalInt(args[2])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	if unit == 1000 && (when > math.MaxInt64/1000 || when < math.MinInt64/1000) || when*unit > math.MaxInt64-base {
		c.writeError(errExpireTime(strings.ToLower(string(args[0]))))
		return
	}
	c.writeBool(c.db.Expire(args[1], when*unit+base, cond))
}

// parseExpireCond parses EXPIRE's options as Redis does.
func parseExpireCond(opts [][]byte) (ExpireCond, string) {
	var nx, xx, gt, lt bool
	for _, o := range opts {
		switch strings.ToLower(string(o)) {
		case "nx":
			nx = true
		case "xx":
			xx = true
		case "gt":
			gt = true
		case "lt":
			lt = true
		default:
			return 0, "ERR Unsupported option " + string(o)
		}
	}
	switch {
	case nx && (xx || gt || lt):
		return 0, "ERR NX and XX, GT or LT options at the same time are not compatible"
	case gt && lt:
		return 0, "ERR GT and LT options at the same time are not compatible"
	}
	var cond ExpireCond
	for i, on := range []bool{nx, xx, gt, lt} {
		if on {
			cond |= 1 << i
		}
	}
	return cond, ""
}

// ttl serves TTL, PTTL, EXPIRETIME and PEXPIRETIME.
func (c *client) ttl(key []byte, ms, abs bool) {
	c.db.time() // read once, before peek copies the view
	when := c.db.peek().TTL(key)
	if when < 0 {
		c.writeInt(when)
		return
	}
	if !abs {
		when = max(when-c.db.time(), 0)
	}
	if !ms {
		when = (when + 500) / 1000
	}
	c.writeInt(when)
}

// setEx serves SETEX and PSETEX key time value.
func (c *client) setEx(args [][]byte, unit string) {
	when, errMsg := expireTime(args[2], unit, c.db.time())
	if errMsg != "" {
		if errMsg == errExpireTime("") {
			errMsg = errExpireTime(strings.ToLower(string(args[0])))
		}
		c.writeError(errMsg)
		return
	}
	c.db.SetIf(args[1], args[3], SetAlways, false, when, false)
	c.writeOK()
}

// expireTime turns the time of an EX, PX, EXAT or PXAT option into Unix
// milliseconds, or returns the error: Redis's integer error, or
// errExpireTime("") for a time out of range.
func expireTime(b []byte, opt string, now int64) (int64, string) {
	n, ok := parseCanonicalInt(b)
	if !ok {
		return 0, errNotInteger
	}
	secs := opt == "EX" || opt == "EXAT"
	if n <= 0 || secs && n > math.MaxInt64/1000 {
		return 0, errExpireTime("")
	}
	if secs {
		n *= 1000
	}
	if opt == "EX" || opt == "PX" {
		if n > math.MaxInt64-now {
			return 0, errExpireTime("")
		}
		n += now
	}
	return n, ""
}

// cmdGetEx serves GETEX key [EX s | PX ms | EXAT t | PXAT t | PERSIST].
func cmdGetEx(c *client, args [][]byte) {
	opt, persist := "", false
	var val []byte
	for i := 2; i < len(args); i++ {
		name := upperASCII(args[i])
		switch {
		case name == "PERSIST" && opt == "":
			persist = true
		case isExpiryOption(name) && !persist && (opt == "" || opt == name) && i+1 < len(args):
			opt, val = name, args[i+1]
			i++
		default:
			c.writeError(errSyntax)
			return
		}
	}
	if _, ok, err := c.db.readString(args[1]); err != nil || !ok {
		if err == nil {
			c.db.missed(args[1])
		}
		c.writeMaybeString("", ok, err)
		return
	}
	when := int64(0)
	if opt != "" {
		var errMsg string
		if when, errMsg = expireTime(val, opt, c.db.time()); errMsg != "" {
			if errMsg == errExpireTime("") {
				errMsg = errExpireTime("getex")
			}
			c.writeError(errMsg)
			return
		}
	}
	v, ok, err := c.db.GetEx(args[1], when, persist)
	c.writeMaybeString(v, ok, err)
}

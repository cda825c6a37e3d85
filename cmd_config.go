// cmd_config.go holds CONFIG GET, SET, RESETSTAT, REWRITE and HELP. The
// parameters nosql reports are its limits and access settings, the
// parameters of config_state.go (hz, loglevel, notify-keyspace-events,
// busy-reply-threshold, save, the memory-encoding thresholds), all
// settable at run time, and its persistence settings, fixed once started.
package main

import (
	"path/filepath"
	"strconv"
	"strings"

	"nosql/internal/glob"
)

func configSubcommands() []subcommand {
	return []subcommand{
		{name: "get", arity: -3, flags: flagAdmin | flagNoScript, fn: cmdConfigGet},
		{name: "set", arity: -4, flags: flagAdmin | flagNoScript, fn: cmdConfigSet},
		{name: "resetstat", arity: 2, flags: flagAdmin | flagNoScript, fn: cmdConfigResetStat},
		{name: "rewrite", arity: 2, flags: flagAdmin | flagNoScript, fn: cmdConfigRewrite},
		{name: "help", arity: 2, fn: cmdConfigHelp},
	}
}

// configParam is one CONFIG parameter. Redis's old names (…-ziplist-…,
// lua-time-limit) are parameters of their own, as in Redis 7.0.
type configParam struct {
	name string
	get  func(s *Server) string
	// check parses and checks a new value, returning Redis's error text
	// when it is refused; nil means the parameter cannot be set.
	check func(v string) (int64, string)
	// apply sets a checked value; nil means it is accepted and ignored.
	apply func(s *Server, n int64)
	// applyText sets a checked value that is not one number.
	applyText func(s *Server, v string)
	// fixed, when set, says why nosql cannot change the parameter while
	// it runs (Redis can): setting it to its current value is accepted.
	fixed string
}

// configParams returns nosql's CONFIG parameters.
func configParams() []configParam {
	constant := func(v string) func(*Server) string { return func(*Server) string { return v } }
	var params []configParam
	add := func(p configParam) { params = append(params, p) }
	aliased := func(alias string, p configParam) {
		add(p)
		p.name = alias
		add(p)
	}

	add(configParam{name: "proto-max-bulk-len", check: memoryValue(1<<20, honouredLimit()),
		get:   func(s *Server) string { return formatInt(s.set.protoMaxBulkLen.Load()) },
		apply: func(s *Server, n int64) { s.set.protoMaxBulkLen.Store(n) }})
	add(configParam{name: "client-query-buffer-limit", check: memoryValue(1<<20, honouredLimit()),
		get:   func(s *Server) string { return formatInt(s.set.queryBufferLimit.Load()) },
		apply: func(s *Server, n int64) { s.set.queryBufferLimit.Store(n) }})
	add(configParam{name: "max-request", check: memoryValue(1, honouredLimit()),
		get:   func(s *Server) string { return formatInt(s.set.maxRequest.Load()) },
		apply: func(s *Server, n int64) { s.set.maxRequest.Store(n) }})
	add(configParam{name: "client-output-buffer-limit", check: checkOutputLimits,
		get:       func(s *Server) string { return s.set.outputLimits().String() },
		applyText: func(s *Server, v string) { s.set.setOutputLimits(v) }})

	add(configParam{name: "maxclients", check: checkMaxClients,
		get:   func(s *Server) string { return formatInt(s.set.maxClients.Load()) },
		apply: func(s *Server, n int64) { s.set.maxClients.Store(n) }})
	add(configParam{name: "timeout", check: integerValue(0, 1<<31-1),
		get:   func(s *Server) string { return formatInt(s.set.timeout.Load()) },
		apply: func(s *Server, n int64) { s.set.timeout.Store(n) }})
	add(configParam{name: "tcp-keepalive", check: integerValue(0, 1<<31-1),
		get:   func(s *Server) string { return formatInt(s.set.keepAlive.Load()) },
		apply: func(s *Server, n int64) { s.set.keepAlive.Store(n) }})
	add(configParam{name: "protected-mode", check: boolValue,
		get:   func(s *Server) string { return yesNo(s.set.protectedMode.Load()) },
		apply: func(s *Server, n int64) { s.set.protectedMode.Store(n == 1) }})
	add(configParam{name: "requirepass", check: func(string) (int64, string) { return 0, "" },
		get: (*Server).passwordText, applyText: (*Server).setPassword})

	add(configParam{name: "hz", check: integerValue(0, 1<<31-1), // clamped, as Redis does
		get:   func(s *Server) string { return formatInt(int64(s.hz())) },
		apply: func(s *Server, n int64) { s.conf.hz.Store(min(max(n, minHz), maxHz)) }})
	add(configParam{name: "loglevel", check: enumValue("debug", "verbose", "notice", "warning"),
		get:   func(s *Server) string { return logLevels[s.conf.logLevel.Load()].name },
		apply: (*Server).setLogLevel})
	add(configParam{name: "notify-keyspace-events", check: checkNotify,
		get:   func(s *Server) string { return notifyText(s.notifyFlags()) },
		apply: func(s *Server, n int64) { s.conf.notify.Store(n) }})
	aliased("lua-time-limit", configParam{name: "busy-reply-threshold", check: integerValue(0, maxInt64),
		get:   func(s *Server) string { return formatInt(s.busyReplyThreshold()) },
		apply: func(s *Server, n int64) { s.conf.busyReply.Store(n) }})
	add(configParam{name: "save", check: checkSave,
		get:       func(s *Server) string { return *s.conf.save.Load() },
		applyText: func(s *Server, v string) { t := canonicalSave(v); s.conf.save.Store(&t) }})

	add(configParam{name: "appendonly", check: boolValue, get: func(s *Server) string { return yesNo(s.aof() != nil) },
		apply: (*Server).switchAOF})
	add(configParam{name: "appendfsync", check: enumValue("everysec", "always", "no"), get: func(s *Server) string { return s.cfg.AppendFsync },
		fixed: "nosql cannot change the fsync policy while running; restart it with -appendfsync"})
	add(configParam{name: "auto-aof-rewrite-percentage", check: integerValue(0, 1<<31-1),
		get:   func(s *Server) string { return formatInt(s.cfg.AutoAOFRewritePercentage) },
		fixed: "nosql cannot change it while running; restart it with -auto-aof-rewrite-percentage"})
	add(configParam{name: "auto-aof-rewrite-min-size", check: memoryValue(0, maxInt64),
		get:   func(s *Server) string { return formatInt(s.cfg.AutoAOFRewriteMinSize) },
		fixed: "nosql cannot change it while running; restart it with -auto-aof-rewrite-min-size"})
	add(configParam{name: "maxmemory", check: memoryValue(0, maxInt64), get: constant("0"),
		fixed: "nosql has no memory limit; only 0 is accepted"})
	add(configParam{name: "maxmemory-policy", get: constant("noeviction"),
		check: enumValue("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"),
		fixed: "nosql never evicts keys; only noeviction is accepted"})
	add(configParam{name: "dir", get: func(s *Server) string { return absDir(s.cfg.Dir) }})
	add(configParam{name: "databases", get: func(s *Server) string { return strconv.Itoa(s.store.databases()) }})

	encodingParams(add, aliased)
	return params
}

// encodingParams adds the memory-encoding thresholds (encodings()), with
// Redis 7.0's ranges and its old names as aliases.
func encodingParams(add func(configParam), aliased func(string, configParam)) {
	param := func(name string, check func(string) (int64, string), field func(*encodingLimits) *int64) configParam {
		return configParam{name: name, check: check,
			get:   func(s *Server) string { return formatInt(*field(s.encodings())) },
			apply: func(s *Server, n int64) { s.setEncoding(func(e *encodingLimits) { *field(e) = n }) }}
	}
	count, size := integerValue(0, maxInt64), memoryValue(0, maxInt64)
	aliased("hash-max-ziplist-entries", param("hash-max-listpack-entries", count, func(e *encodingLimits) *int64 { return &e.hashMaxListpackEntries }))
	aliased("hash-max-ziplist-value", param("hash-max-listpack-value", size, func(e *encodingLimits) *int64 { return &e.hashMaxListpackValue }))
	add(param("set-max-intset-entries", count, func(e *encodingLimits) *int64 { return &e.setMaxIntsetEntries }))
	aliased("zset-max-ziplist-entries", param("zset-max-listpack-entries", count, func(e *encodingLimits) *int64 { return &e.zsetMaxListpackEntries }))
	aliased("zset-max-ziplist-value", param("zset-max-listpack-value", size, func(e *encodingLimits) *int64 { return &e.zsetMaxListpackValue }))
	aliased("list-max-ziplist-size", param("list-max-listpack-size", integerValue(-1<<31, 1<<31-1), func(e *encodingLimits) *int64 { return &e.listMaxListpackSize }))
	add(param("list-compress-depth", integerValue(0, 1<<31-1), func(e *encodingLimits) *int64 { return &e.listCompressDepth }))
	add(param("stream-node-max-bytes", size, func(e *encodingLimits) *int64 { return &e.streamNodeMaxBytes }))
	add(param("stream-node-max-entries", count, func(e *encodingLimits) *int64 { return &e.streamNodeMaxEntries }))
	add(param("hll-sparse-max-bytes", size, func(e *encodingLimits) *int64 { return &e.hllSparseMaxBytes }))
}

// findConfigParam looks a parameter up by name, case-insensitively.
func findConfigParam(params []configParam, name string) *configParam {
	for i := range params {
		if strings.EqualFold(params[i].name, name) {
			return &params[i]
		}
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// absDir returns dir made absolute, as Redis reports its working directory.
func absDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// cmdConfigGet serves CONFIG GET pattern [pattern ...]: name, value pairs
// of the parameters matching any glob pattern (case-insensitively), each
// once. A name without glob characters is echoed as given, as Redis does.
func cmdConfigGet(c *client, args [][]byte) {
	params := configParams()
	type match struct{ name, value string }
	var matches []match
	seen := func(name string) bool {
		for _, m := range matches {
			if strings.EqualFold(m.name, name) {
				return true
			}
		}
		return false
	}
	for _, a := range args[2:] {
		pat := string(a)
		if !strings.ContainsAny(pat, "[*?") {
			if p := findConfigParam(params, pat); p != nil && !seen(pat) {
				matches = append(matches, match{pat, p.get(c.srv)})
			}
			continue
		}
		for i := range params {
			if p := &params[i]; !seen(p.name) && matchNameGlob(pat, p.name) {
				matches = append(matches, match{p.name, p.get(c.srv)})
			}
		}
	}
	c.writeMap(len(matches))
	for _, m := range matches {
		c.writeBulkString(m.name)
		c.writeBulkString(m.value)
	}
}

// cmdConfigSet serves CONFIG SET name value [name value ...]. As in Redis
// it is all or nothing: every name and value is checked before any is set,
// and the first problem is reported.
func cmdConfigSet(c *client, args [][]byte) {
	if len(args)%2 != 0 {
		c.writeError(errSyntax)
		return
	}
	params := configParams()
	n := (len(args) - 2) / 2
	chosen := make([]*configParam, 0, n)
	for i := 0; i < n; i++ {
		name := string(args[2+2*i])
		p := findConfigParam(params, name)
		switch {
		case p == nil:
			c.writeError("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'")
			return
		case p.check == nil:
			c.configSetError(name, "can't set immutable config")
			return
		}
		for _, q := range chosen {
			if q == p {
				c.configSetError(name, "duplicate parameter")
				return
			}
		}
		chosen = append(chosen, p)
	}
	c.srv.conf.setMu.Lock()
	defer c.srv.conf.setMu.Unlock()
	values := make([]int64, n)
	for i, p := range chosen {
		v, msg := p.check(string(args[3+2*i]))
		if msg == "" && p.fixed != "" {
			if cur, _ := p.check(p.get(c.srv)); v != cur {
				msg = p.fixed
			}
		}
		if msg != "" {
			c.configSetError(p.name, msg)
			return
		}
		values[i] = v
	}
	for i, p := range chosen {
		switch {
		case p.applyText != nil:
			p.applyText(c.srv, string(args[3+2*i]))
		case p.apply != nil:
			p.apply(c.srv, values[i])
		}
	}
	c.writeOK()
}

func (c *client) configSetError(name, msg string) {
	c.writeError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + msg)
}

// integerValue returns a check for a plain integer between lo and hi.
func integerValue(lo, hi int64) func(string) (int64, string) {
	return func(v string) (int64, string) {
		n, ok := parseCanonicalInt(v)
		if !ok {
			return 0, "argument couldn't be parsed into an integer"
		}
		return n, boundsError(n, lo, hi)
	}
}

// boolValue checks a yes/no value (any case), as Redis does: 1 for yes.
func boolValue(v string) (int64, string) {
	switch {
	case strings.EqualFold(v, "yes"):
		return 1, ""
	case strings.EqualFold(v, "no"):
		return 0, ""
	}
	return 0, "argument must be 'yes' or 'no'"
}

// enumValue returns a check for one of names (any case): its index.
func enumValue(names ...string) func(string) (int64, string) {
	return func(v string) (int64, string) {
		for i, name := range names {
			if strings.EqualFold(v, name) {
				return int64(i), ""
			}
		}
		return 0, "argument(s) must be one of the following: " + strings.Join(names, ", ")
	}
}

// memoryValue returns a check for a memory value (1gb, 512mb, 64k, 100)
// between lo and hi.
func memoryValue(lo, hi int64) func(string) (int64, string) {
	return func(v string) (int64, string) {
		n, ok := parseMemory(v)
		if !ok {
			return 0, "argument must be a memory value"
		}
		return n, boundsError(n, lo, hi)
	}
}

func boundsError(n, lo, hi int64) string {
	if n < lo || n > hi {
		return "argument must be between " + formatInt(lo) + " and " + formatInt(hi) + " inclusive"
	}
	return ""
}

// parseMemory parses a memory value as Redis's memtoull does: digits and
// an optional unit (b, k, kb, m, mb, g, gb, any case). Empty digits count
// as 0, and a value past 63 bits wraps negative, as in Redis, so that the
// bounds check refuses it.
func parseMemory(v string) (int64, bool) {
	n, ok := parseMemoryU(v)
	return int64(n), ok
}

// parseMemoryU is parseMemory's unsigned value; digits past 64 bits
// saturate as strtoull does, and a unit taking the value past 64 bits is
// refused.
func parseMemoryU(v string) (uint64, bool) {
	i := 0
	for i < len(v) && '0' <= v[i] && v[i] <= '9' {
		i++
	}
	var mul uint64
	switch strings.ToLower(v[i:]) {
	case "", "b":
		mul = 1
	case "k":
		mul = 1000
	case "kb":
		mul = 1024
	case "m":
		mul = 1000 * 1000
	case "mb":
		mul = 1024 * 1024
	case "g":
		mul = 1000 * 1000 * 1000
	case "gb":
		mul = 1024 * 1024 * 1024
	default:
		return 0, false
	}
	if i >= 128 {
		return 0, false
	}
	var val uint64
	if i > 0 {
		var err error
		if val, err = strconv.ParseUint(v[:i], 10, 64); err != nil {
			val = 1<<64 - 1 // strtoull saturates
		}
	}
	if val > (1<<64-1)/mul {
		return 0, false
	}
	return val * mul, true
}

// checkSave checks a "save" value as Redis does: space-separated pairs of
// seconds (at least 1) and changes (at least 0), or empty. nosql takes no
// snapshots: the value is kept for CONFIG GET only.
func checkSave(v string) (int64, string) {
	if v == "" {
		return 0, ""
	}
	parts := strings.Split(v, " ")
	if len(parts)%2 != 0 {
		return 0, "Invalid save parameters"
	}
	for j, p := range parts {
		n, ok := strtoll(p)
		if !ok || (j%2 == 0 && n < 1) || (j%2 == 1 && n < 0) {
			return 0, "Invalid save parameters"
		}
	}
	return 0, ""
}

// canonicalSave writes a checked "save" value as Redis reports it: the
// numbers as parsed ("0010 02" is "10 2"), changes as a C int.
func canonicalSave(v string) string {
	if v == "" {
		return ""
	}
	parts := strings.Split(v, " ")
	for j, p := range parts {
		n, _ := strtoll(p)
		if j%2 == 1 {
			n = int64(int32(n))
		}
		parts[j] = formatInt(n)
	}
	return strings.Join(parts, " ")
}

// strtoll parses s as C's strtoll(s, &end, 10) does and reports whether
// it consumed all of s: leading white space, an optional sign, digits
// (none gives 0 and consumes nothing), saturating on overflow.
func strtoll(s string) (int64, bool) {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\v\f\r", s[i]) >= 0 {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var u uint64
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		if u <= 1<<63 {
			u = u*10 + uint64(s[i]-'0')
		}
	}
	if i == start {
		return 0, len(s) == 0
	}
	switch {
	case neg && u >= 1<<63:
		return minInt64, i == len(s)
	case neg:
		return -int64(u), i == len(s)
	case u > maxInt64:
		return maxInt64, i == len(s)
	}
	return int64(u), i == len(s)
}

func cmdConfigResetStat(c *client, args [][]byte) {
	c.srv.stats.reset()
	c.srv.store.expired.Store(0)
	c.writeOK()
}

// cmdConfigRewrite answers as Redis does when started without a
// configuration file: nosql is configured by flags only.
func cmdConfigRewrite(c *client, args [][]byte) {
	c.writeError("ERR The server is running without a config file")
}

func cmdConfigHelp(c *client, args [][]byte) {
	c.writeHelp("CONFIG",
		"GET <pattern>",
		"    Return parameters matching the glob-like <pattern> and their values.",
		"SET <directive> <value>",
		"    Set the configuration <directive> to <value>.",
		"RESETSTAT",
		"    Reset statistics reported by the INFO command.",
		"REWRITE",
		"    Rewrite the configuration file.")
}

// matchNameGlob reports whether name matches the glob pattern, ignoring
// case, as Redis's stringmatch does for parameter and command names.
func matchNameGlob(pattern, name string) bool {
	return glob.Match(strings.ToLower(pattern), strings.ToLower(name))
}
